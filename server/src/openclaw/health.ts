import type { AuthStore, Credential, CredentialType } from './credential.js';
import { classifyExpiry, OAUTH_REFRESH_MARGIN_MS } from './expiry.js';
import { credentialEligibility, type EligibilityReason, type ProfileOrdering } from './profileOrder.js';
import { findByProvider, normalizeProviderId } from './providerIds.js';
import type { AuthRouting } from './profileOrder.js';

/** A profile's state as `models status` reports it. */
export type ProfileStatus = 'ok' | 'expiring' | 'expired' | 'missing' | 'static';

export interface ProfileHealth {
  profileId: string;
  provider: string;
  type: CredentialType;
  status: ProfileStatus;
  reasonCode?: EligibilityReason;
  expiresAt?: number;
  remainingMs?: number;
  label: string;
}

export interface ProviderHealth {
  provider: string;
  status: ProfileStatus;
  profiles: ProfileHealth[];
  effectiveProfiles: ProfileHealth[];
  expiresAt?: number;
  remainingMs?: number;
}

/** How one release turns a stored credential into its `models status` state (see rules.ts). */
export type ProfileHealthRule = (profileId: string, credential: Credential, label: string, now: number, warnMs: number) => ProfileHealth;

/** Status of one stored credential from its type and `expires` alone. */
export function profileHealth(profileId: string, credential: Credential, label: string, now: number, warnMs: number): ProfileHealth {
  const base = { profileId, provider: normalizeProviderId(credential.provider), type: credential.type, label };
  if (credential.type === 'api_key') return { ...base, status: 'static' };
  const eligibility = credentialEligibility(credential, now);
  if (!eligibility.eligible) {
    return { ...base, status: eligibility.reason === 'expired' ? 'expired' : 'missing', reasonCode: eligibility.reason };
  }
  if (credential.type === 'token' && classifyExpiry(credential.expires, now) !== 'valid') return { ...base, status: 'static' };
  // OAuth refreshes 5 minutes early, so its warning window is never shorter than that margin.
  const window = credential.type === 'oauth' ? Math.max(warnMs, OAUTH_REFRESH_MARGIN_MS) : warnMs;
  const state = classifyExpiry(credential.expires, now, window);
  if (state === 'missing' || state === 'invalid_expires') return { ...base, status: 'missing' };
  const expiresAt = credential.expires as number;
  const timing = { expiresAt, remainingMs: expiresAt - now };
  if (state === 'expired') return { ...base, status: 'expired', ...(credential.type === 'token' ? { reasonCode: 'expired' as const } : {}), ...timing };
  return { ...base, status: state === 'expiring' ? 'expiring' : 'ok', ...timing };
}

/** Health of every profile (sorted by provider, then id) and of every provider that has profiles. */
export function buildHealthSummary(
  store: AuthStore,
  routing: AuthRouting,
  ordering: ProfileOrdering,
  labelFor: (profileId: string) => string,
  now: number,
  warnMs: number,
  healthOf: ProfileHealthRule = profileHealth,
): { profiles: ProfileHealth[]; providers: ProviderHealth[] } {
  const profiles = Object.entries(store.profiles)
    .map(([id, c]) => healthOf(id, c, labelFor(id), now, warnMs))
    .sort((a, b) => (a.provider !== b.provider ? a.provider.localeCompare(b.provider) : a.profileId.localeCompare(b.profileId)));
  const byProvider = new Map<string, ProviderHealth>();
  for (const p of profiles) {
    const entry = byProvider.get(p.provider);
    if (entry) entry.profiles.push(p);
    else byProvider.set(p.provider, { provider: p.provider, status: 'missing', profiles: [p], effectiveProfiles: [] });
  }
  for (const provider of byProvider.values()) {
    provider.effectiveProfiles = effectiveProfiles(provider, store, routing, ordering);
    Object.assign(provider, providerStatus(provider.effectiveProfiles, now));
  }
  return { profiles, providers: [...byProvider.values()].sort((a, b) => a.provider.localeCompare(b.provider)) };
}

function effectiveProfiles(provider: ProviderHealth, store: AuthStore, routing: AuthRouting, ordering: ProfileOrdering): ProfileHealth[] {
  const authKey = ordering.authKey(provider.provider);
  const explicit =
    findByProvider(store.order, authKey) ?? findByProvider(store.order, provider.provider) ?? findByProvider(routing.order, authKey) ?? findByProvider(routing.order, provider.provider);
  if (explicit && explicit.length === 0) return [];
  const byId = new Map(provider.profiles.map((p) => [p.profileId, p]));
  const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((p): p is ProfileHealth => Boolean(p));
  const ordered = pick(ordering.order(provider.provider));
  if (ordered.length > 0) return ordered;
  if (explicit) return pick(explicit);
  return provider.profiles;
}

/** The worst state among the profiles that would be tried; API keys alone make a provider `static`. */
function providerStatus(profiles: ProfileHealth[], now: number): Pick<ProviderHealth, 'status' | 'expiresAt' | 'remainingMs'> {
  if (profiles.length === 0) return { status: 'missing' };
  let hasApiKey = false;
  let hasExpirable = false;
  let expired = false;
  let missing = false;
  let expiring = false;
  let earliest: number | undefined;
  for (const p of profiles) {
    if (p.type === 'api_key') {
      hasApiKey = true;
      continue;
    }
    hasExpirable = true;
    if (typeof p.expiresAt === 'number') earliest = earliest === undefined ? p.expiresAt : Math.min(earliest, p.expiresAt);
    if (p.status === 'expired') expired = true;
    else if (p.status === 'missing') missing = true;
    else if (p.status === 'expiring') expiring = true;
  }
  if (!hasExpirable) return { status: hasApiKey ? 'static' : 'missing' };
  const timing = earliest !== undefined ? { expiresAt: earliest, remainingMs: earliest - now } : {};
  const status: ProfileStatus = expired ? 'expired' : missing ? 'missing' : expiring ? 'expiring' : 'ok';
  return { status, ...timing };
}
