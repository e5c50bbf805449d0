import { t } from '../serverL10n.js';

/**
 * A duration in words for diagnostics and lenses, rounded as the status bar rounds it
 * (client/src/statusModel.ts roundSpan): minutes under an hour, hours under two days, then days.
 */
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function spanWords(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR_MS) return t('{0} min', Math.max(1, Math.floor(abs / MINUTE_MS)));
  if (abs < 2 * DAY_MS) return t('{0} h', Math.floor(abs / HOUR_MS));
  return t('{0} d', Math.floor(abs / DAY_MS));
}

/** "expires in 3 h" or "expired 2 d ago". */
export function expiryWords(expiresAt: number, now: number): string {
  return expiresAt > now ? t('expires in {0}', spanWords(expiresAt - now)) : t('expired {0} ago', spanWords(now - expiresAt));
}
