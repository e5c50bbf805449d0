/**
 * The user's-language words for what the server reports in codes: statuses, time left, and why a
 * credential is or is not the one OpenClaw uses. Every string goes through vscode.l10n.t, except
 * time left, said by the shared timeLeft.ts in both languages so the server says it the same way.
 */
import * as vscode from 'vscode';
import type { CandidateSnapshot, CredentialStatus, EnvOrigin, StatusSnapshot } from '../../server/src/protocol';
import type { AgentWorst } from './statusModel';
import { shortTimeLeftWords, spanWords, timeLeftLanguage, timeLeftWords } from '../../server/src/openclaw/output/timeLeft';

/** Time left until `expiresAt` by the client's clock, short: "3h"; for the status bar. */
export function timeLeftText(expiresAt: number, now: number): string {
  return spanWords(expiresAt, now, timeLeftLanguage(vscode.env.language));
}

/** "expires in 3h" or "expired 2d ago", by the client's clock, in the shared words (timeLeft.ts). */
export function expiryText(expiresAt: number, now: number): string {
  return timeLeftWords(expiresAt, now, timeLeftLanguage(vscode.env.language));
}

/** An agent's row before it is expanded: "1 expired", "1 expired, 2 missing", "1 expiring", "ok". */
/** "in 3h" or "2d ago": a tree row's time left, where its icon already says the state. */
export function shortExpiryText(expiresAt: number, now: number): string {
  return shortTimeLeftWords(expiresAt, now, timeLeftLanguage(vscode.env.language));
}

export function agentWorstText(worst: AgentWorst): string {
  if (worst.counts.length === 0) return worst.level === 'ok' ? vscode.l10n.t('ok') : vscode.l10n.t('needs attention');
  return worst.counts.map(({ status, count }) => {
    switch (status) {
      case 'expired': return vscode.l10n.t('{0} expired', count);
      case 'missing': return vscode.l10n.t('{0} missing', count);
      case 'expiring': return vscode.l10n.t('{0} expiring', count);
    }
  }).join(', ');
}

/** What stops the home from being read (the server's homeCondition), in the report's words. */
export function homeConditionText(snapshot: StatusSnapshot): string | undefined {
  switch (snapshot.homeCondition) {
    case 'noStateDir': return vscode.l10n.t('No OpenClaw state folder was found at {0}.', snapshot.stateDir);
    case 'sqliteUnread': return vscode.l10n.t('This home uses the SQLite credential store, and no profile could be read from it here (reading the database needs Node 22.5 or later).');
    case 'configRefused': return vscode.l10n.t('OpenClaw refuses this config ({0}): its own status command prints nothing and exits 1.', snapshot.configPath);
    case undefined: return undefined;
  }
}

export function statusText(status: CredentialStatus): string {
  switch (status) {
    case 'ok': return vscode.l10n.t('ok');
    case 'expiring': return vscode.l10n.t('expiring');
    case 'expired': return vscode.l10n.t('expired');
    case 'missing': return vscode.l10n.t('missing');
    case 'static': return vscode.l10n.t('static (never expires)');
  }
}

export function envOriginText(origin: EnvOrigin): string {
  switch (origin) {
    case 'process': return vscode.l10n.t('the process environment');
    case 'cwd-dotenv': return vscode.l10n.t('the working folder\'s .env');
    case 'state-dotenv': return vscode.l10n.t('the OpenClaw .env');
    case 'gateway-env': return vscode.l10n.t('gateway.env');
    case 'config-env': return vscode.l10n.t('the env block of openclaw.json');
    case 'login-shell': return vscode.l10n.t('your login shell\'s profile (env.shellEnv)');
  }
}

/** Why this candidate is, or is not, the credential OpenClaw uses for its provider. */
export function reasonText(candidate: CandidateSnapshot): string {
  switch (candidate.reason) {
    case 'first-in-order': return vscode.l10n.t('Used: the first usable profile in OpenClaw\'s order.');
    case 'fallback-in-order': return candidate.rank !== undefined
      ? vscode.l10n.t('Fallback #{0}: tried when the profiles before it fail.', candidate.rank)
      : vscode.l10n.t('Fallback: tried when the profiles before it fail.');
    case 'excluded-by-order': return vscode.l10n.t('Never tried: usable, but left out of the explicit auth order.');
    case 'expired': return vscode.l10n.t('Not used: it has expired.');
    case 'no-secret': return vscode.l10n.t('Not used: nothing is stored in it.');
    case 'invalid-expiry': return vscode.l10n.t('Not used: its expiry is not a millisecond timestamp.');
    case 'unusable': return unusableText(candidate);
    case 'env-used': return vscode.l10n.t('Used: there are no profiles for this provider, so the environment key is used.');
    case 'env-fallback': return vscode.l10n.t('Fallback: profiles come first; this key is used only if none of them works.');
    case 'env-used-profiles-unusable': return vscode.l10n.t('Used: profiles exist but none is usable, so the environment key is used.');
    case 'config-key-used': return vscode.l10n.t('Used: the API key set in openclaw.json (models.providers) is used.');
    case 'config-key-fallback': return vscode.l10n.t('Fallback: the API key in openclaw.json is used only if the credentials before it fail.');
    case 'config-key-unresolved': return vscode.l10n.t('Not used: the apiKey in openclaw.json gives no key (an unset variable or a marker).');
  }
}

function unusableText(candidate: CandidateSnapshot): string {
  const unusable = candidate.unusable;
  if (!unusable) return vscode.l10n.t('Not used: in cooldown or disabled after failures.');
  const until = new Date(unusable.until).toLocaleString(vscode.env.language);
  if (unusable.kind === 'disabled') {
    return unusable.reason
      ? vscode.l10n.t('Not used: disabled ({0}) until {1}.', unusable.reason, until)
      : vscode.l10n.t('Not used: disabled until {0}.', until);
  }
  return vscode.l10n.t('Not used: in cooldown after failures until {0}.', until);
}
