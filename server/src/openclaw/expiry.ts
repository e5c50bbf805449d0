/** OpenClaw warns 24 h before a token or OAuth credential expires (`DEFAULT_OAUTH_WARN_MS`). */
export const DEFAULT_WARN_MS = 24 * 60 * 60 * 1000;
/** OpenClaw refreshes OAuth credentials 5 minutes early, so the OAuth warning window is never shorter. */
export const OAUTH_REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** Largest `expires` OpenClaw accepts (ms epoch); anything above is `invalid_expires`. */
export const MAX_EXPIRES_MS = 8.64e15;

export type ExpiryState = 'missing' | 'invalid_expires' | 'expired' | 'expiring' | 'valid';

/**
 * Classifies a stored `expires` value (milliseconds since the epoch). A value written in seconds
 * reads as January 1970 and is therefore expired, exactly as OpenClaw reads it.
 */
export function classifyExpiry(expires: unknown, now: number, expiringWithinMs = 0): ExpiryState {
  if (expires === undefined) return 'missing';
  if (typeof expires !== 'number') return 'invalid_expires';
  if (!Number.isFinite(expires) || expires <= 0 || expires > MAX_EXPIRES_MS) return 'invalid_expires';
  const remaining = expires - now;
  if (remaining <= 0) return 'expired';
  if (expiringWithinMs > 0 && remaining <= expiringWithinMs) return 'expiring';
  return 'valid';
}

/** True when a number looks like seconds rather than milliseconds (a common hand-editing slip). */
export function looksLikeSeconds(expires: number): boolean {
  return expires > 1e9 && expires < 1e11;
}
