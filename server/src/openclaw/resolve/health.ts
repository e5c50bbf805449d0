import type { AuthStore, Credential, CredentialType } from '../credential.js';
import { classifyExpiry, OAUTH_REFRESH_MARGIN_MS } from '../expiry.js';
import { credentialEligibility, type Eligibility, type EligibilityReason, type ProfileOrdering } from './profileOrder.js';
import { normalizeProviderId } from '../providerIds.js';

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

/**
 * How one release turns a stored credential into its `models status` state (see rules.ts).
 * `eligibility`: `credentialEligibility(credential, now)` when the caller has it already.
 */
export type ProfileHealthRule = (profileId: string, credential: Credential, label: string, now: number, warnMs: number, eligibility?: Eligibility) => ProfileHealth;

/** Status of one stored credential from its type and `expires` alone. */
export function profileHealth(profileId: string, credential: Credential, label: string, now: number, warnMs: number, known?: Eligibility): ProfileHealth {
  // Each outcome is one object literal with exactly its own fields, in the order `--json` prints
  // them: adding fields afterwards costs a hidden-class change and a property backing store per
  // object, and a fleet home asks this for every profile of every agent (bench/status).
  const provider = normalizeProviderId(credential.provider);
  const type = credential.type;
  if (type === 'api_key') return { profileId, provider, type, label, status: 'static' };
  const eligibility = known ?? credentialEligibility(credential, now);
  if (!eligibility.eligible) {
    return { profileId, provider, type, label, status: eligibility.reason === 'expired' ? 'expired' : 'missing', reasonCode: eligibility.reason };
  }
  if (type === 'token' && classifyExpiry(credential.expires, now) !== 'valid') return { profileId, provider, type, label, status: 'static' };
  // OAuth refreshes 5 minutes early, so its warning window is never shorter than that margin.
  const window = type === 'oauth' ? Math.max(warnMs, OAUTH_REFRESH_MARGIN_MS) : warnMs;
  const state = classifyExpiry(credential.expires, now, window);
  if (state === 'missing' || state === 'invalid_expires') return { profileId, provider, type, label, status: 'missing' };
  const expiresAt = credential.expires as number;
  const remainingMs = expiresAt - now;
  if (state === 'expired') {
    return type === 'token'
      ? { profileId, provider, type, label, status: 'expired', reasonCode: 'expired', expiresAt, remainingMs }
      : { profileId, provider, type, label, status: 'expired', expiresAt, remainingMs };
  }
  return { profileId, provider, type, label, status: state === 'expiring' ? 'expiring' : 'ok', expiresAt, remainingMs };
}

/** Health of every profile (sorted by provider, then id) and of every provider that has profiles. */
export function buildHealthSummary(
  store: AuthStore,
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
  const storedProfiles = store.profiles;
  for (const id in storedProfiles) {
    // The ordering worked out each profile's eligibility already (it reads the secret strings).
    const p = healthOf(id, storedProfiles[id] as Credential, labelFor(id), now, warnMs, ordering.stored(id)?.eligibility);
    byId.set(id, p);
    const group = unsorted.get(p.provider);
    if (group) group.push(p);
    else unsorted.set(p.provider, [p]);
  }
  const providers: ProviderHealth[] = [];
  const profiles: ProfileHealth[] = [];
  for (const provider of sortedIfNeeded([...unsorted.keys()], byLocale)) {
    const group = sortedIfNeeded(unsorted.get(provider) as ProfileHealth[], byProfileId);
    for (const p of group) profiles.push(p);
    const effective = effectiveProfiles(provider, group, byId, ordering);
    // One literal per outcome, keys in the order `--json` has always printed them (see profileHealth).
    const { status, expiresAt, remainingMs } = providerStatus(effective, now);
    providers.push(
      expiresAt !== undefined && remainingMs !== undefined
        ? { provider, status, profiles: group, effectiveProfiles: effective, expiresAt, remainingMs }
        : { provider, status, profiles: group, effectiveProfiles: effective },
    );
  }
  return { profiles, providers, byId };
}

/**
 * Sorts in place unless already in order. Store files usually list a provider's profiles in id order,
 * and a check of n − 1 pairs is far cheaper than a sort (which copies the array first).
 */
function sortedIfNeeded<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) {
    if (compare(items[i - 1] as T, items[i] as T) > 0) return items.sort(compare);
  }
  return items;
}

function byLocale(a: string, b: string): number {
  return a.localeCompare(b);
}

function byProfileId(a: ProfileHealth, b: ProfileHealth): number {
  return a.profileId.localeCompare(b.profileId);
}

/** `byId`: every profile's health by id (one map per agent rather than one per provider). */
function effectiveProfiles(provider: string, group: ProfileHealth[], byId: ReadonlyMap<string, ProfileHealth>, ordering: ProfileOrdering): ProfileHealth[] {
  const explicit = ordering.explicitOrder(provider)?.ids;
  if (explicit && explicit.length === 0) return [];
  // Only this provider's group: an order may name profiles of another provider with the same auth id.
  const pick = (ids: readonly string[]) => {
    const picked: ProfileHealth[] = [];
    for (const id of ids) {
      const p = byId.get(id);
      if (p && p.provider === provider) picked.push(p);
    }
    return picked;
  };
  const ordered = pick(ordering.order(provider));
  if (ordered.length > 0) return ordered;
  if (explicit) return pick(explicit);
  return group;
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
  const status: ProfileStatus = expired ? 'expired' : missing ? 'missing' : expiring ? 'expiring' : 'ok';
  // Whole literals rather than a spread: a spread's intermediate hidden classes die young (see profileHealth).
  return earliest !== undefined ? { status, expiresAt: earliest, remainingMs: earliest - now } : { status };
}
