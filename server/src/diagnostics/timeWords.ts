import { spanWords as sharedSpanWords, timeLeftLanguage, timeLeftWords } from '../openclaw/output/timeLeft.js';
import { serverLocale } from '../serverLocale.js';

/**
 * A duration in words for diagnostics and lenses, in the client's language: the words every other
 * surface uses (server/src/openclaw/output/timeLeft.ts), so a lens beside the tree says the same.
 */
export function spanWords(ms: number): string {
  return sharedSpanWords(Math.abs(ms), 0, timeLeftLanguage(serverLocale()));
}

/** "expires in 3h" or "expired 2d ago" ("expire dans 3 h" / "expiré depuis 2 j"). */
export function expiryWords(expiresAt: number, now: number): string {
  return timeLeftWords(expiresAt, now, timeLeftLanguage(serverLocale()));
}
