import type { AuthStore } from '../openclaw/credential.js';
import { looksLikeSeconds, OAUTH_REFRESH_MARGIN_MS } from '../openclaw/expiry.js';
import { issue, words, type SourceIssue } from '../openclaw/issues.js';
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
    // Far from expiry: neither expired nor expiring, whatever the rule says about the rest (most profiles of a large store).
    if (expires - clock.now > Math.max(clock.warnMs, OAUTH_REFRESH_MARGIN_MS)) continue;
    const health = profileHealth(id, credential, '', clock.now, clock.warnMs);
    const oauth = credential.type === 'oauth';
    // Worded in the client's language here (timeLeft.ts knows both); the sentence around it by the main thread's table.
    const left = expiryWords(expires, clock.now);
    if (health.status === 'expired') {
      const message = oauth
        ? words('The OAuth access of "{0}" {1}; OpenClaw no longer uses it. Paste a new one (OpenClaw: Paste Token).', id, left)
        : words('The token of "{0}" {1}; OpenClaw no longer uses it. Paste a new one (OpenClaw: Paste Token).', id, left);
      out.push(issue('profile/expired', 'error', file, message, ['profiles', id, 'expires']));
    } else if (health.status === 'expiring') {
      const message = oauth ? words('The OAuth access of "{0}" {1}.', id, left) : words('The token of "{0}" {1}.', id, left);
      out.push(issue('profile/expiring', 'warning', file, message, ['profiles', id, 'expires']));
    }
  }
  return out;
}
