/**
 * A duration in words for diagnostics and lenses, rounded as the status bar rounds it
 * (client/src/statusModel.ts roundSpan): minutes under an hour, hours under two days, then days.
 */
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function spanWords(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR_MS) return `${Math.max(1, Math.floor(abs / MINUTE_MS))} min`;
  if (abs < 2 * DAY_MS) return `${Math.floor(abs / HOUR_MS)} h`;
  return `${Math.floor(abs / DAY_MS)} d`;
}

/** "expires in 3 h" or "expired 2 d ago". */
export function expiryWords(expiresAt: number, now: number): string {
  return expiresAt > now ? `expires in ${spanWords(expiresAt - now)}` : `expired ${spanWords(now - expiresAt)} ago`;
}
