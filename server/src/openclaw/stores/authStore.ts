import { CREDENTIAL_TYPES, type AuthStore, type Credential, type CredentialType, type UsageStats } from '../credential.js';
import { coerceSecretRef } from '../secretRef.js';
import { normalizeProviderId } from '../providerIds.js';
import { RecordDraft, RESERVED_KEY } from '../recordDraft.js';

/**
 * Loads an auth store from already-parsed JSON exactly as OpenClaw 2026.6.1 does: never throws,
 * drops entries it cannot use and says why. Which file the JSON came from is the caller's concern.
 */
export type RejectReason = 'non_object' | 'invalid_type' | 'missing_provider' | 'reserved_id';

export interface CoercedStore {
  store: AuthStore;
  rejected: { profileId: string; reason: RejectReason }[];
}

export type StoreShape =
  | 'store' // { version, profiles: {...} }
  | 'legacy-flat' // { "openrouter": { "apiKey": "..." } }: not read at run time
  | 'unwrapped' // profiles written at the top level without { version, profiles }
  | 'not-a-store'; // anything else (array, string, object without profiles)

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Number(value), NaN where the conversion throws (an object whose own "toString" is not a function). */
function numberOf(value: unknown): number {
  try {
    return Number(value);
  } catch {
    return Number.NaN;
  }
}

/** `{ version, profiles }` as OpenClaw reads it, or undefined when the JSON is not a store at all. */
export function coerceAuthStore(raw: unknown): CoercedStore | undefined {
  if (!isRecord(raw) || !isRecord(raw.profiles)) return undefined;
  const rejected: CoercedStore['rejected'] = [];
  const rawProfiles = raw.profiles;
  const profiles = new RecordDraft<Credential>(rawProfiles);
  // for…in over parsed JSON: V8 then loads each value by its enum-cache index instead of a keyed lookup.
  for (const profileId in rawProfiles) {
    const value = rawProfiles[profileId];
    const parsed = profileId === RESERVED_KEY ? RESERVED : parseCredentialEntry(value);
    if ('reason' in parsed) {
      rejected.push({ profileId, reason: parsed.reason });
      profiles.drop();
    } else profiles.set(profileId, parsed.credential, profileId, value);
  }
  const version = numberOf(raw.version ?? 1);
  const store: AuthStore = { version: Number.isFinite(version) && version > 0 ? version : 1, profiles: profiles.result() };
  const state = coerceAuthState(raw);
  if (state.order) store.order = state.order;
  if (state.lastGood) store.lastGood = state.lastGood;
  if (state.usageStats) store.usageStats = state.usageStats;
  return { store, rejected };
}

/** The `order` / `lastGood` / `usageStats` part of a store or of `auth-state.json`; absent parts are undefined. */
export interface AuthStateParts {
  order: AuthStore['order'];
  lastGood: AuthStore['lastGood'];
  usageStats: AuthStore['usageStats'];
}

export function coerceAuthState(raw: unknown): AuthStateParts {
  // Always the same three keys: this object is short-lived, and one grown key by key would leave
  // hidden classes that die with it (see keepShapeAlive.ts for what that costs).
  if (!isRecord(raw)) return { order: undefined, lastGood: undefined, usageStats: undefined };
  return { order: coerceOrder(raw.order), lastGood: coerceLastGood(raw.lastGood), usageStats: coerceUsageStats(raw.usageStats) };
}

/** Later state wins per provider / profile, as OpenClaw merges `auth-state.json` over the store. */
export function mergeAuthState<T extends Pick<AuthStore, 'order' | 'lastGood' | 'usageStats'>>(
  base: T,
  override: AuthStateParts,
): T {
  const merged = { ...base };
  for (const field of ['order', 'lastGood', 'usageStats'] as const) {
    const left = base[field];
    const right = override[field];
    if (left || right) (merged as Record<string, unknown>)[field] = { ...left, ...right };
  }
  return merged;
}

/** Recognises the shapes people write by hand that OpenClaw does not read as a store. */
export function detectStoreShape(raw: unknown): StoreShape {
  if (!isRecord(raw)) return 'not-a-store';
  if (isRecord(raw.profiles)) return 'store';
  const entries = Object.entries(raw).filter(([, v]) => isRecord(v));
  if (entries.length === 0) return 'not-a-store';
  if (entries.some(([k, v]) => k.includes(':') && typeof (v as Record<string, unknown>).type === 'string')) return 'unwrapped';
  if (entries.some(([k, v]) => !k.includes(':') && hasSecretField(v as Record<string, unknown>))) return 'legacy-flat';
  return 'not-a-store';
}

function hasSecretField(v: Record<string, unknown>): boolean {
  return ['apiKey', 'key', 'token', 'access'].some((f) => typeof v[f] === 'string');
}

/** "__proto__" as a profile id: OpenClaw's rebuilt record cannot hold it, so the profile is lost. */
const RESERVED = { reason: 'reserved_id' } as const;

function parseCredentialEntry(raw: unknown): { credential: Credential } | { reason: RejectReason } {
  if (!isRecord(raw)) return { reason: 'non_object' };
  const typed = normalizeRawCredential(raw);
  if (!CREDENTIAL_TYPES.includes(typed.type as CredentialType)) return { reason: 'invalid_type' };
  const provider = typeof typed.provider === 'string' ? typed.provider : '';
  if (!provider) return { reason: 'missing_provider' };
  return { credential: typed as Credential };
}

/** Keeps a string only when it has non-blank content (OpenClaw keeps the untrimmed value). */
function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** `expires` that is present but not a positive finite number becomes 0, which reads as invalid. */
function normalizeExpires(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * An entry being normalised, copied on its first change: nearly every stored profile is already in
 * normal form, and then the parsed object itself becomes the credential (no copy per profile, which
 * a fleet home pays thousands of times; bench/status). The parsed JSON must not be modified afterwards.
 */
interface Draft {
  readonly raw: Record<string, unknown>;
  entry: Record<string, unknown>;
}

/** OpenClaw's load-time rewrites: `mode` → `type`, `apiKey` → `api_key` / `key`, object values → refs. */
function normalizeRawCredential(raw: Record<string, unknown>): Record<string, unknown> {
  const d: Draft = { raw, entry: raw };
  if (!('type' in d.entry) && typeof d.entry.mode === 'string') setOrDelete(d, 'type', d.entry.mode);
  if (d.entry.type === 'apiKey') setOrDelete(d, 'type', 'api_key');
  if (!('key' in d.entry) && !coerceSecretRef(d.entry.keyRef) && typeof d.entry.apiKey === 'string') setOrDelete(d, 'key', d.entry.apiKey);
  moveObjectValueToRef(d, 'key', 'keyRef');
  moveObjectValueToRef(d, 'token', 'tokenRef');
  const type = d.entry.type;
  if (type !== 'api_key' && type !== 'token' && type !== 'oauth') return d.entry;

  setOrDelete(d, 'provider', typeof d.entry.provider === 'string' ? normalizeProviderId(d.entry.provider) : '');
  // Named loads, field by field: a loop over names makes every load a megamorphic keyed one.
  setOrDelete(d, 'email', optionalString(d.entry.email));
  setOrDelete(d, 'displayName', optionalString(d.entry.displayName));
  if (type === 'api_key') {
    const keyRef = coerceSecretRef(d.entry.keyRef);
    setOrDelete(d, 'keyRef', keyRef);
    setOrDelete(d, 'key', keyRef ? undefined : optionalString(d.entry.key));
  } else if (type === 'token') {
    setOrDelete(d, 'token', optionalString(d.entry.token));
    setOrDelete(d, 'tokenRef', coerceSecretRef(d.entry.tokenRef));
    setOrDelete(d, 'expires', normalizeExpires(d.entry.expires));
  } else {
    setOrDelete(d, 'access', optionalString(d.entry.access));
    setOrDelete(d, 'refresh', optionalString(d.entry.refresh));
    setOrDelete(d, 'idToken', optionalString(d.entry.idToken));
    setOrDelete(d, 'accountId', optionalString(d.entry.accountId));
    setOrDelete(d, 'projectId', optionalString(d.entry.projectId));
    setOrDelete(d, 'enterpriseUrl', optionalString(d.entry.enterpriseUrl));
    setOrDelete(d, 'expires', normalizeExpires(d.entry.expires));
  }
  return d.entry;
}

function moveObjectValueToRef(d: Draft, valueField: string, refField: string): void {
  const value = d.entry[valueField];
  if (value === undefined || value === null || typeof value === 'string') return;
  const ref = coerceSecretRef(value);
  if (ref && !coerceSecretRef(d.entry[refField])) setOrDelete(d, refField, ref);
  setOrDelete(d, valueField, undefined);
}

/** Sets `field` (deletes it for undefined), copying the parsed entry first unless that changes nothing. */
function setOrDelete(d: Draft, field: string, value: unknown): void {
  if (value === undefined ? !(field in d.entry) : d.entry[field] === value) return;
  if (d.entry === d.raw) d.entry = { ...d.raw };
  if (value === undefined) delete d.entry[field];
  else d.entry[field] = value;
}

function coerceOrder(raw: unknown): Record<string, string[]> | undefined {
  if (!isRecord(raw)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [provider, value] of Object.entries(raw)) {
    if (!Array.isArray(value)) continue;
    const key = normalizeProviderId(provider);
    if (!key || key === RESERVED_KEY) continue;
    const list = value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
    if (list.length > 0) out[key] = list;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function coerceLastGood(raw: unknown): Record<string, string> | undefined {
  if (!isRecord(raw)) return undefined;
  const out: Record<string, string> = {};
  for (const [provider, profileId] of Object.entries(raw)) {
    const key = normalizeProviderId(provider);
    const id = typeof profileId === 'string' ? profileId.trim() : '';
    if (key && id && key !== RESERVED_KEY) out[key] = id;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const USAGE_NUMBER_FIELDS: ReadonlySet<string> = new Set(['lastUsed', 'blockedUntil', 'cooldownUntil', 'disabledUntil', 'errorCount', 'lastFailureAt']);
const USAGE_STRING_FIELDS: ReadonlySet<string> = new Set(['blockedReason', 'cooldownReason', 'disabledReason', 'cooldownModel', 'blockedModel']);

function coerceUsageStats(raw: unknown): Record<string, UsageStats> | undefined {
  if (!isRecord(raw)) return undefined;
  const out = new RecordDraft<UsageStats>(raw);
  let any = false;
  for (const profileId in raw) {
    const value = raw[profileId];
    const id = profileId.trim();
    const stats = id && isRecord(value) ? coerceProfileUsage(value) : undefined;
    if (stats) {
      out.set(id, stats, profileId, value);
      any = true;
    } else out.drop();
  }
  return any ? out.result() : undefined;
}


/** The known fields of one profile's usage entry; walks the entry's own few keys rather than every known name. */
function coerceProfileUsage(value: Record<string, unknown>): UsageStats | undefined {
  // The usual entry holds known, well-formed fields only: it is kept as parsed (see Draft above).
  if (isCleanUsage(value)) return value as UsageStats;
  let stats: UsageStats | undefined;
  for (const field in value) {
    const v = value[field];
    if (USAGE_NUMBER_FIELDS.has(field)) {
      if (typeof v === 'number' && Number.isFinite(v)) (stats ??= {})[field] = v;
    } else if (USAGE_STRING_FIELDS.has(field)) {
      if (typeof v === 'string' && v.trim()) (stats ??= {})[field] = v.trim();
    }
  }
  return stats;
}

/** Every field known and well-formed (finite numbers, trimmed non-blank strings), and at least one. */
function isCleanUsage(value: Record<string, unknown>): boolean {
  let any = false;
  for (const field in value) {
    const v = value[field];
    if (USAGE_NUMBER_FIELDS.has(field)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    } else if (USAGE_STRING_FIELDS.has(field)) {
      if (typeof v !== 'string' || !v || v.trim() !== v) return false;
    } else return false;
    any = true;
  }
  return any;
}
