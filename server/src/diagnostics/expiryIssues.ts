import type { AuthStore } from '../openclaw/credential.js';
import { looksLikeSeconds } from '../openclaw/expiry.js';
import { issue, type SourceIssue } from '../openclaw/issues.js';
import { profileHealth } from '../openclaw/resolve/health.js';
import { expiryWords } from './timeWords.js';

/** The clock the editor checks against: the status bar's warning window, the time of the check. */
export interface ExpiryClock {
  now: number;
  warnMs: number;
}

/**
 * Token and OAuth profiles of a store buffer that are expired or inside the warning window, judged
 * by the engine's own health rule (the status bar's thresholds), each at its `expires` value.
 * A value in seconds is left to `profile/expires-in-seconds`, which says why it reads as 1970.
 */
export function expiryIssues(store: AuthStore, file: string, clock: ExpiryClock): SourceIssue[] {
  const out: SourceIssue[] = [];
  for (const id in store.profiles) {
    const credential = store.profiles[id];
    if (!credential || credential.type === 'api_key') continue;
    const expires = (credential as { expires?: unknown }).expires;
    if (typeof expires !== 'number' || looksLikeSeconds(expires)) continue;
    const health = profileHealth(id, credential, '', clock.now, clock.warnMs);
    const what = credential.type === 'oauth' ? 'OAuth access' : 'token';
    if (health.status === 'expired') {
      out.push(issue('profile/expired', 'error', file, `The ${what} of "${id}" ${expiryWords(expires, clock.now)}; OpenClaw no longer uses it. Paste a new one (OpenClaw: Paste Token).`, ['profiles', id, 'expires']));
    } else if (health.status === 'expiring') {
      out.push(issue('profile/expiring', 'warning', file, `The ${what} of "${id}" ${expiryWords(expires, clock.now)}.`, ['profiles', id, 'expires']));
    }
  }
  return out;
}
