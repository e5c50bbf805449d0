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
  // Built once and filled in (no spread per outcome): a fleet home asks this for every profile of every agent.
  const health: ProfileHealth = { profileId, provider: normalizeProviderId(credential.provider), type: credential.type, label, status: 'static' };
  if (credential.type === 'api_key') return health;
  const eligibility = credentialEligibility(credential, now);
  if (!eligibility.eligible) {
    health.status = eligibility.reason === 'expired' ? 'expired' : 'missing';
    health.reasonCode = eligibility.reason;
    return health;
  }
  if (credential.type === 'token' && classifyExpiry(credential.expires, now) !== 'valid') return health;
  // OAuth refreshes 5 minutes early, so its warning window is never shorter than that margin.
  const window = credential.type === 'oauth' ? Math.max(warnMs, OAUTH_REFRESH_MARGIN_MS) : warnMs;
  const state = classifyExpiry(credential.expires, now, window);
  if (state === 'missing' || state === 'invalid_expires') {
    health.status = 'missing';
    return health;
  }
  const expiresAt = credential.expires as number;
  health.status = state === 'expired' ? 'expired' : state === 'expiring' ? 'expiring' : 'ok';
  if (state === 'expired' && credential.type === 'token') health.reasonCode = 'expired';
  health.expiresAt = expiresAt;
  health.remainingMs = expiresAt - now;
  return health;
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
): { profiles: ProfileHealth[]; providers: ProviderHealth[]; byId: ReadonlyMap<string, ProfileHealth> } {
  // Grouped by provider first, then each group sorted: the same order as sorting the whole list by
  // (provider, id), with far fewer string comparisons.
  const unsorted = new Map<string, ProfileHealth[]>();
  const byId = new Map<string, ProfileHealth>();
  for (const id of Object.keys(store.profiles)) {
    const p = healthOf(id, store.profiles[id] as Credential, labelFor(id), now, warnMs);
    byId.set(id, p);
    const group = unsorted.get(p.provider);
    if (group) group.push(p);
    else unsorted.set(p.provider, [p]);
  }
  const byProvider = new Map<string, ProviderHealth>();
  const profiles: ProfileHealth[] = [];
  for (const provider of [...unsorted.keys()].sort((a, b) => a.localeCompare(b))) {
    const group = (unsorted.get(provider) as ProfileHealth[]).sort((a, b) => a.profileId.localeCompare(b.profileId));
    profiles.push(...group);
    byProvider.set(provider, { provider, status: 'missing', profiles: group, effectiveProfiles: [] });
  }
  for (const provider of byProvider.values()) {
    provider.effectiveProfiles = effectiveProfiles(provider, byId, store, routing, ordering);
    Object.assign(provider, providerStatus(provider.effectiveProfiles, now));
  }
  return { profiles, providers: [...byProvider.values()].sort((a, b) => a.provider.localeCompare(b.provider)), byId };
}

/** `byId`: every profile's health by id (one map per agent rather than one per provider). */
function effectiveProfiles(provider: ProviderHealth, byId: ReadonlyMap<string, ProfileHealth>, store: AuthStore, routing: AuthRouting, ordering: ProfileOrdering): ProfileHealth[] {
  const authKey = ordering.authKey(provider.provider);
  const explicit =
    findByProvider(store.order, authKey) ?? findByProvider(store.order, provider.provider) ?? findByProvider(routing.order, authKey) ?? findByProvider(routing.order, provider.provider);
  if (explicit && explicit.length === 0) return [];
  // Only this provider's group: an order may name profiles of another provider with the same auth id.
  const pick = (ids: readonly string[]) => {
    const picked: ProfileHealth[] = [];
    for (const id of ids) {
      const p = byId.get(id);
      if (p && p.provider === provider.provider) picked.push(p);
    }
    return picked;
  };
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
