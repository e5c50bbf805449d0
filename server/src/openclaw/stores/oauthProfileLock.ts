import path from 'node:path';
import { withStoreLock, type LockTiming } from './storeLock.js';

/**
 * OpenClaw 2026.9.x serialises everything that creates, consumes or removes one OAuth profile's
 * tokens (a refresh, a login, `models auth logout`) with a per-profile file lock:
 * `<state>/locks/oauth-refresh/lock-<digest>` under the same sidecar protocol as its store lock
 * (storeLock.ts), taken before its store transaction. Removing an OAuth profile without it could
 * race a refresh in flight, which would write the profile back.
 */

/** OpenClaw's OAUTH_REFRESH_LOCK_OPTIONS: 20 retries, backoff ×2 from 100 ms to 10 s, randomised; stale after 3 min. */
export const OPENCLAW_OAUTH_REFRESH_LOCK: LockTiming = { retries: 20, factor: 2, minTimeoutMs: 100, maxTimeoutMs: 10_000, randomize: true, staleMs: 180_000 };

/** The lock's target path for one profile, named as OpenClaw names it. */
export function oauthProfileLockTarget(stateDir: string, provider: string, profileId: string): string {
  return path.join(stateDir, 'locks', 'oauth-refresh', `lock-${tupleDigest(JSON.stringify([provider, profileId]))}`);
}

export function withOAuthProfileLock<T>(stateDir: string, provider: string, profileId: string, fn: () => T, timing: LockTiming = OPENCLAW_OAUTH_REFRESH_LOCK): T {
  return withStoreLock(oauthProfileLockTarget(stateDir, provider, profileId), fn, timing);
}

const MASK_64 = (1n << 64n) - 1n;
const FNV_PRIME_64 = 1099511628211n;

/**
 * OpenClaw's name for the lock: two 64-bit FNV-1a style hashes of the UTF-8 bytes (the second
 * seeded differently and adding a constant to each byte), as 32 hex digits. Same input, same
 * name, so both programs meet at the same file.
 */
function tupleDigest(text: string): string {
  let first = 14695981039346656037n;
  let second = 11160318154034397263n;
  for (const byte of Buffer.from(text, 'utf8')) {
    const b = BigInt(byte);
    first = ((first ^ b) * FNV_PRIME_64) & MASK_64;
    second = ((second ^ (b + 11400714819323198485n)) * FNV_PRIME_64) & MASK_64;
  }
  return first.toString(16).padStart(16, '0') + second.toString(16).padStart(16, '0');
}
