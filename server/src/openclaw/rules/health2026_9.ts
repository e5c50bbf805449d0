import type { Credential } from '../credential.js';
import { profileHealth, type ProfileHealth } from '../resolve/health.js';
import type { Eligibility } from '../resolve/profileOrder.js';
import { hasSecretString } from '../resolve/profileOrder.js';
import { coerceSecretRef } from '../secretRef.js';

/**
 * A profile's state as OpenClaw 2026.9.6's `models status` reports it: as 2026.6.1, except that an
 * API key profile with neither a key nor a key reference is `missing` (reasonCode
 * missing_credential) instead of `static` (seen on its runs: `"key": ""`).
 */
export function profileHealth2026_9(profileId: string, credential: Credential, label: string, now: number, warnMs: number, known?: Eligibility): ProfileHealth {
  const health = profileHealth(profileId, credential, label, now, warnMs, known);
  if (credential.type !== 'api_key' || health.status !== 'static') return health;
  if (hasSecretString(credential.key) || coerceSecretRef(credential.keyRef)) return health;
  return { ...health, status: 'missing', reasonCode: 'missing_credential' };
}
