import type { Credential } from '../credential.js';
import type { ProfileHealth } from '../resolve/health.js';
import { normalizeProviderId } from '../providerIds.js';
import { hasSecretString } from '../resolve/profileOrder.js';
import { coerceSecretRef } from '../secretRef.js';

/**
 * A profile's state as OpenClaw 2026.3.13's `models status` reports it. Unlike 2026.6.1:
 * - an OAuth credential's state comes from `expires` alone (an empty `access` does not make it
 *   `missing`), and one with a refresh token is `ok` however old its access token;
 * - `expires` has no upper bound (9e15 is a valid, far future date).
 */
export function profileHealth2026_3(profileId: string, credential: Credential, label: string, now: number, warnMs: number): ProfileHealth {
  const base = { profileId, provider: normalizeProviderId(credential.provider), type: credential.type, label };
  if (credential.type === 'api_key') return { ...base, status: 'static' };
  if (credential.type === 'token') {
    if (!hasSecretString(credential.token) && !coerceSecretRef(credential.tokenRef)) return { ...base, status: 'missing', reasonCode: 'missing_credential' };
    const expires = credential.expires;
    if (expires === undefined) return { ...base, status: 'static' };
    if (!isPositiveNumber(expires)) return { ...base, status: 'missing', reasonCode: 'invalid_expires' };
    if (now >= expires) return { ...base, status: 'expired', reasonCode: 'expired' };
    return { ...base, ...byRemaining(expires, now, warnMs) };
  }
  if (!isPositiveNumber(credential.expires)) return { ...base, status: 'missing' };
  const health = byRemaining(credential.expires, now, warnMs);
  const refreshable = typeof credential.refresh === 'string' && credential.refresh.length > 0;
  return { ...base, ...health, ...(refreshable && health.status !== 'ok' ? { status: 'ok' as const } : {}) };
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function byRemaining(expiresAt: number, now: number, warnMs: number): Pick<ProfileHealth, 'status' | 'expiresAt' | 'remainingMs'> {
  const remainingMs = expiresAt - now;
  const status = remainingMs <= 0 ? 'expired' : remainingMs <= warnMs ? 'expiring' : 'ok';
  return { status, expiresAt, remainingMs };
}
