/**
 * The user's-language words for what the server reports in codes: statuses, time left, and why a
 * credential is or is not the one OpenClaw uses. Every string goes through vscode.l10n.t.
 */
import * as vscode from 'vscode';
import type { CandidateSnapshot, CredentialStatus, EnvOrigin } from '../../server/src/protocol';
import { roundSpan, type TimeSpan } from './statusModel';

/** A short duration: "45m", "3h", "2d". */
export function spanText(span: TimeSpan): string {
  switch (span.unit) {
    case 'minute': return vscode.l10n.t('{0}m', span.amount);
    case 'hour': return vscode.l10n.t('{0}h', span.amount);
    case 'day': return vscode.l10n.t('{0}d', span.amount);
  }
}

/** Time left until `expiresAt` by the client's clock, short: "3h"; for the status bar. */
export function timeLeftText(expiresAt: number, now: number): string {
  return spanText(roundSpan(expiresAt - now));
}

/** "expires in 3h" or "expired 2d ago", by the client's clock. */
export function expiryText(expiresAt: number, now: number): string {
  const span = spanText(roundSpan(expiresAt - now));
  return expiresAt > now ? vscode.l10n.t('expires in {0}', span) : vscode.l10n.t('expired {0} ago', span);
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
