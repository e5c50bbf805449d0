import type { AuthStore, Credential, UsageStats } from '../credential.js';
import { classifyExpiry } from '../expiry.js';
import { coerceSecretRef } from '../secretRef.js';
import { lookUpProvider, normalizeProviderId } from '../providerIds.js';
import type { ProviderCatalog } from '../env/providerCatalog.js';
import { isRecord } from '../stores/authStore.js';
import { keepShapeAlive } from '../keepShapeAlive.js';
import { RESERVED_KEY } from '../recordDraft.js';

/** Why a profile can or cannot serve a provider, in OpenClaw's reason codes. */
export type EligibilityReason =
  | 'ok'
  | 'profile_missing'
  | 'provider_mismatch'
  | 'mode_mismatch'
  | 'missing_credential'
  | 'invalid_expires'
  | 'expired'
  | 'unresolved_ref';

export interface Eligibility {
  readonly eligible: boolean;
  readonly reason: EligibilityReason;
}

/** Routing metadata from `openclaw.json`: `auth.profiles` and `auth.order`. */
export interface AuthRouting {
  profiles: Record<string, { provider: string; mode: string }>;
  order: Record<string, string[]> | undefined;
}

export function readAuthRouting(rawConfig: Record<string, unknown>): AuthRouting {
  const auth = isRecord(rawConfig.auth) ? rawConfig.auth : {};
  const profiles: AuthRouting['profiles'] = {};
  if (isRecord(auth.profiles)) {
    for (const [id, p] of Object.entries(auth.profiles)) {
      // "__proto__" would replace the record's prototype rather than add an entry (RecordDraft.set).
      if (isRecord(p) && id !== RESERVED_KEY) profiles[id] = { provider: typeof p.provider === 'string' ? p.provider : '', mode: typeof p.mode === 'string' ? p.mode : '' };
    }
  }
  let order: Record<string, string[]> | undefined;
  if (isRecord(auth.order)) {
    order = {};
    for (const [p, ids] of Object.entries(auth.order)) if (Array.isArray(ids) && p !== RESERVED_KEY) order[p] = ids.filter((x): x is string => typeof x === 'string');
  }
  return { profiles, order };
}

export function hasSecretString(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  // A secret starts with a visible ASCII character; only an odd value needs the trim.
  const first = value.charCodeAt(0);
  return (first > 32 && first < 127) || value.trim().length > 0;
}

/** Whether the stored material is usable at all, before any routing question. */
export function credentialEligibility(credential: Credential, now: number): Eligibility {
  if (credential.type === 'api_key') {
    return hasSecretString(credential.key) || coerceSecretRef(credential.keyRef) ? ok() : no('missing_credential');
  }
  if (credential.type === 'token') {
    if (!hasSecretString(credential.token) && !coerceSecretRef(credential.tokenRef)) return no('missing_credential');
    const state = classifyExpiry(credential.expires, now);
    if (state === 'invalid_expires') return no('invalid_expires');
    if (state === 'expired') return no('expired');
    return ok();
  }
  if (!hasSecretString(credential.access) && !hasSecretString(credential.refresh)) {
    return credential.oauthRef ? no('unresolved_ref') : no('missing_credential');
  }
  return ok();
}

// Answers are shared constants, not a new object per question (asked for every profile of every agent).
const OK: Eligibility = Object.freeze({ eligible: true, reason: 'ok' });
const NO = new Map<EligibilityReason, Eligibility>();
function ok(): Eligibility {
  return OK;
}
function no(reason: EligibilityReason): Eligibility {
  let answer = NO.get(reason);
  if (!answer) {
    answer = Object.freeze({ eligible: false, reason });
    NO.set(reason, answer);
  }
  return answer;
}

/**
 * Decides profile order and eligibility for one agent's store, as OpenClaw's auth-profile order does.
 * The store and routing do not change during one resolution, so answers are computed once per
 * provider: a fleet home asks the same questions thousands of times (bench/status).
 */
export class ProfileOrdering {
  private readonly authKeys = new Map<string, string>();
  private table: ProfileTable | undefined;
  private configuredIdsByAuthKey: Map<string, string[]> | undefined;
  private readonly orders = new Map<string, readonly string[]>();
  private readonly explicitOrders = new Map<string, { ids: string[]; fromStore: boolean } | undefined>();
  /** `auth.profiles` is usually empty: then no profile needs the per-id routing lookup. */
  private readonly routesProfiles: boolean;

  constructor(
    private readonly store: AuthStore,
    private readonly routing: AuthRouting,
    private readonly catalog: ProviderCatalog,
    private readonly now: number,
  ) {
    this.routesProfiles = Object.keys(routing.profiles).length > 0;
    keepShapeAlive(this);
  }

  /**
   * Every stored profile's facts in one pass over the store, the first time any is needed: the
   * questions below come per provider and per profile, and each used to look the profile, its usage
   * stats and its provider's auth id up again (hash lookups on large records; bench/status).
   */
  private profileTable(): ProfileTable {
    if (this.table) return this.table;
    const rows = new Map<string, StoredProfile>();
    const idsByAuthKey = new Map<string, string[]>();
    const providers: string[] = [];
    const seenProviders = new Set<string>();
    const usageStats = this.store.usageStats;
    const profiles = this.store.profiles;
    for (const id in profiles) {
      const credential = profiles[id] as Credential;
      const authKey = this.authKey(credential.provider);
      const stats = usageStats?.[id];
      const until = stats === undefined || this.catalog.cooldownBypassed(credential.provider) ? 0 : unusableEnd(stats);
      rows.set(id, {
        id, credential, authKey, until, eligibility: credentialEligibility(credential, this.now), modeRank: MODE_RANK[credential.type] ?? 3, lastUsed: stats?.lastUsed ?? 0,
      });
      const group = idsByAuthKey.get(authKey);
      if (group) group.push(id);
      else idsByAuthKey.set(authKey, [id]);
      const provider = normalizeProviderId(credential.provider);
      if (provider && !seenProviders.has(provider)) {
        seenProviders.add(provider);
        providers.push(provider);
      }
    }
    this.table = { rows, idsByAuthKey, providers };
    return this.table;
  }

  /** The normalised providers of the stored profiles, in file order, each once (shared: do not modify). */
  profileProviders(): readonly string[] {
    return this.profileTable().providers;
  }

  /** What the ordering knows about a stored profile; undefined when the store has no such profile. */
  stored(profileId: string): StoredProfile | undefined {
    return this.profileTable().rows.get(profileId);
  }

  authKey(provider: string): string {
    let key = this.authKeys.get(provider);
    if (key === undefined) {
      key = this.catalog.authProviderId(provider);
      this.authKeys.set(provider, key);
    }
    return key;
  }

  private configuredProfileMatches(providerOfProfile: string, providerAuthKey: string): boolean {
    return this.authKey(providerOfProfile) === providerAuthKey;
  }

  eligibility(provider: string, profileId: string): Eligibility {
    const row = this.profileTable().rows.get(profileId);
    return row ? this.routedEligibility(row, this.authKey(provider)) : no('profile_missing');
  }

  /** Eligibility of a stored profile for the provider whose auth id is `key`. */
  private routedEligibility(row: StoredProfile, key: string): Eligibility {
    const profileId = row.id;
    if (row.authKey !== key) return no('provider_mismatch');
    const configured = this.routesProfiles ? this.routing.profiles[profileId] : undefined;
    if (configured) {
      if (!this.configuredProfileMatches(configured.provider, key)) return no('provider_mismatch');
      // A setup-token may stand where the config says "oauth"; every other mode must match the type.
      const type = row.credential.type;
      if (configured.mode !== type && !(configured.mode === 'oauth' && type === 'token')) return no('mode_mismatch');
    }
    return row.eligibility;
  }

  /** Store profiles whose provider maps to this provider's auth id, in file order (shared: do not modify). */
  storeProfilesFor(provider: string): readonly string[] {
    return this.profileTable().idsByAuthKey.get(this.authKey(provider)) ?? NONE;
  }

  /** `auth.profiles` entries of openclaw.json whose provider maps to this provider's auth id. */
  configuredProfilesFor(provider: string): readonly string[] {
    this.configuredIdsByAuthKey ??= groupIds(this.routing.profiles, (p) => this.authKey(p.provider));
    return this.configuredIdsByAuthKey.get(this.authKey(provider)) ?? [];
  }

  /** The explicit order for a provider: the store's (or auth-state.json's) first, then `auth.order`. */
  explicitOrder(provider: string): { ids: string[]; fromStore: boolean } | undefined {
    if (this.explicitOrders.has(provider)) return this.explicitOrders.get(provider);
    const found = this.findExplicitOrder(provider);
    this.explicitOrders.set(provider, found);
    return found;
  }

  private findExplicitOrder(provider: string): { ids: string[]; fromStore: boolean } | undefined {
    const key = this.authKey(provider);
    const plain = normalizeProviderId(provider);
    const stored = lookUpProvider(this.store.order, key) ?? lookUpProvider(this.store.order, plain);
    if (stored) return { ids: stored, fromStore: true };
    const configured = lookUpProvider(this.routing.order, key) ?? lookUpProvider(this.routing.order, plain);
    return configured ? { ids: configured, fromStore: false } : undefined;
  }

  /**
   * 2026.9's stand-in when a provider has no eligible profile (its openai route resolver): the first
   * profile of `auth.order`, else of the stored order, else of the store, that is stored for this
   * provider, whatever else is wrong with it.
   */
  firstProfileEvidence(provider: string): string | undefined {
    const key = this.authKey(provider);
    const plain = normalizeProviderId(provider);
    const named = lookUpProvider(this.routing.order, key) ?? lookUpProvider(this.routing.order, plain) ?? lookUpProvider(this.store.order, key) ?? lookUpProvider(this.store.order, plain);
    return (named ?? Object.keys(this.store.profiles)).find((id) => {
      const reason = this.eligibility(provider, id).reason;
      return reason !== 'provider_mismatch' && reason !== 'profile_missing';
    });
  }

  /**
   * The usable profiles for a provider, best first: an explicit order keeps its sequence with
   * cooling-down profiles moved last; otherwise OAuth before token before API key, least recently
   * used first. Ineligible profiles (expired, empty, wrong provider) are left out. The answer is
   * shared by every caller (no copy per question): do not modify it.
   */
  order(provider: string): readonly string[] {
    let cached = this.orders.get(provider);
    if (!cached) {
      cached = this.computeOrder(provider);
      this.orders.set(provider, cached);
    }
    return cached;
  }

  private computeOrder(provider: string): readonly string[] {
    const explicit = this.explicitOrder(provider);
    const configuredIds = this.configuredProfilesFor(provider);
    const storeIds = this.storeProfilesFor(provider);
    const base = explicit?.ids ?? (configuredIds.length > 0 ? configuredIds : storeIds);
    if (base.length === 0) return NONE;
    const key = this.authKey(provider);
    const rows = this.profileTable().rows;
    let eligible = this.eligibleRows(base, key);
    let repaired = false;
    if (eligible.length === 0 && (explicit?.fromStore || configuredIds.length > 0) && base.every((id) => !rows.has(id))) {
      eligible = this.eligibleRows(storeIds, key);
      repaired = true;
    }
    if (explicit && explicit.ids.length > 0 && !repaired) {
      // Only an explicit order can name a profile twice (record keys cannot repeat).
      const available: StoredProfile[] = [];
      const cooling: StoredProfile[] = [];
      const seen = new Set<StoredProfile>();
      for (const row of eligible) {
        if (seen.has(row)) continue;
        seen.add(row);
        (row.until > this.now ? cooling : available).push(row);
      }
      if (cooling.length > 1) cooling.sort(byUnusableUntil);
      return idsOf(available, cooling);
    }
    return this.orderByMode(eligible);
  }

  /** The stored profiles among `ids` that can serve the provider whose auth id is `key`, in that order. */
  private eligibleRows(ids: readonly string[], key: string): StoredProfile[] {
    const rows = this.profileTable().rows;
    const out: StoredProfile[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (row && this.routedEligibility(row, key).eligible) out.push(row);
    }
    return out;
  }

  /** OAuth before token before API key, least recently used first; cooling-down profiles last, soonest free first. */
  private orderByMode(rows: readonly StoredProfile[]): readonly string[] {
    if (rows.length === 0) return NONE;
    const available: StoredProfile[] = [];
    const cooling: StoredProfile[] = [];
    // Placed in order as they come: a provider has a handful of profiles, and Array#sort would
    // copy each of these small arrays first (thousands per fleet load; bench/status).
    for (const row of rows) {
      if (row.until > this.now) insertInOrder(cooling, row, byUnusableUntil);
      else insertInOrder(available, row, byModeThenLeastRecentlyUsed);
    }
    return idsOf(available, cooling);
  }

  /** The end of a profile's cooldown or disablement, whichever is later; 0 when none is active. */
  unusableUntil(profileId: string): number {
    const row = this.profileTable().rows.get(profileId);
    if (row) return row.until;
    // Usage stats of a profile the store does not have (OpenClaw 2026.3 keeps them when merging).
    const stats = this.store.usageStats?.[profileId];
    return stats === undefined ? 0 : unusableEnd(stats);
  }

}

const NONE: readonly string[] = Object.freeze([]);

/** What the ordering knows about one stored profile, worked out once per agent. */
export interface StoredProfile {
  readonly id: string;
  readonly credential: Credential;
  /** The auth id its provider maps to (claude-cli profiles serve anthropic). */
  readonly authKey: string;
  /** The end of its cooldown or disablement, 0 when none applies. */
  readonly until: number;
  /** Whether its stored material is usable, before routing (credentialEligibility at `now`). */
  readonly eligibility: Eligibility;
  /** OAuth 0, token 1, API key 2: the order OpenClaw tries types in without an explicit order. */
  readonly modeRank: number;
  readonly lastUsed: number;
}

const MODE_RANK: Readonly<Record<string, number>> = { oauth: 0, token: 1, api_key: 2 };

function byModeThenLeastRecentlyUsed(a: StoredProfile, b: StoredProfile): number {
  return a.modeRank - b.modeRank || a.lastUsed - b.lastUsed;
}

function byUnusableUntil(a: StoredProfile, b: StoredProfile): number {
  return a.until - b.until;
}

/** Adds `item` after every element that does not sort after it: a stable insertion sort, one item at a time. */
function insertInOrder<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  let i = list.length;
  list.push(item);
  while (i > 0 && compare(list[i - 1] as T, item) > 0) {
    list[i] = list[i - 1] as T;
    i--;
  }
  list[i] = item;
}

function idsOf(first: readonly StoredProfile[], then: readonly StoredProfile[]): string[] {
  const ids = new Array<string>(first.length + then.length);
  for (let i = 0; i < first.length; i++) ids[i] = (first[i] as StoredProfile).id;
  for (let i = 0; i < then.length; i++) ids[first.length + i] = (then[i] as StoredProfile).id;
  return ids;
}

interface ProfileTable {
  rows: Map<string, StoredProfile>;
  idsByAuthKey: Map<string, string[]>;
  providers: string[];
}

/**
 * The end of a cooldown or disablement, whichever is later; 0 when none. OpenRouter and Kilocode
 * route around failures themselves, so the caller skips this for them (catalog.cooldownBypassed).
 */
function unusableEnd(stats: UsageStats): number {
  return Math.max(finiteOrZero(stats.cooldownUntil), finiteOrZero(stats.disabledUntil), finiteOrZero(stats.blockedUntil), 0);
}

function finiteOrZero(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Ids grouped by a key of their value, each group in the record's order. */
function groupIds<T>(record: Record<string, T>, keyOf: (value: T) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const id of Object.keys(record)) {
    const key = keyOf(record[id] as T);
    const group = groups.get(key);
    if (group) group.push(id);
    else groups.set(key, [id]);
  }
  return groups;
}
