import { isRecord } from './authStore.js';
import { normalizeProviderId } from '../providerIds.js';
import { coerceSecretRef } from '../secretRef.js';

type JsonObject = Record<string, unknown>;

/**
 * The profiles OpenClaw (2026.6.1, `loadAuthProfileStoreForAgent`) writes into a new
 * `auth-profiles.json` when an agent has none but has the old `auth.json`: each entry
 * `provider → credential` of auth.json becomes `<provider>:default`, rebuilt from the fields its
 * type keeps (unknown fields, `keyRef`/`tokenRef` and entries without a usable type or an explicit
 * `provider` are dropped), then each entry of the state's `credentials/oauth.json` that is not
 * there yet is added as an OAuth profile. Seen live: `models status` writes exactly this (mode
 * 0600) and deletes auth.json. Insertion order is OpenClaw's too, so the file matches byte for byte.
 */
export interface LegacyMigration {
  profiles: Record<string, JsonObject>;
  /** How many came from auth.json and from credentials/oauth.json. */
  fromAuthJson: number;
  fromOAuthJson: number;
}

export function migrateLegacyAuth(authJson: unknown, oauthJson: unknown): LegacyMigration {
  const profiles: Record<string, JsonObject> = {};
  let fromAuthJson = 0;
  let fromOAuthJson = 0;
  // A file with a "profiles" key is not the legacy shape: OpenClaw imports nothing from it.
  if (isRecord(authJson) && !('profiles' in authJson)) {
    for (const [provider, value] of Object.entries(authJson)) {
      const credential = legacyCredential(value);
      if (!credential) continue;
      profiles[`${provider}:default`] = credential;
      fromAuthJson++;
    }
  }
  // OpenClaw's check here is looser than isRecord (an array passes): kept as it is.
  if (oauthJson && typeof oauthJson === 'object') {
    for (const [provider, creds] of Object.entries(oauthJson)) {
      const id = `${provider}:default`;
      if (!creds || typeof creds !== 'object' || Object.hasOwn(profiles, id)) continue;
      profiles[id] = { type: 'oauth', provider, ...creds };
      fromOAuthJson++;
    }
  }
  return { profiles, fromAuthJson, fromOAuthJson };
}

/** One auth.json entry as OpenClaw keeps it, or undefined when it drops it on load. */
function legacyCredential(raw: unknown): JsonObject | undefined {
  if (!isRecord(raw)) return undefined;
  const entry: JsonObject = { ...raw };
  if (!('type' in entry) && typeof entry.mode === 'string') entry.type = entry.mode;
  if (entry.type === 'apiKey') entry.type = 'api_key';
  if (!('key' in entry) && !coerceSecretRef(entry.keyRef) && typeof entry.apiKey === 'string') entry.key = entry.apiKey;
  // A secret written as an object is a reference; the migration keeps no references.
  for (const field of ['key', 'token']) if (entry[field] != null && typeof entry[field] !== 'string') delete entry[field];
  const provider = typeof entry.provider === 'string' ? normalizeProviderId(entry.provider) : '';
  if (!provider) return undefined;
  const email = nonBlank(entry.email);
  const withEmail = email !== undefined ? { email } : {};
  switch (entry.type) {
    case 'api_key': {
      // With a usable keyRef OpenClaw keeps the ref on load, which the migration then leaves out: no key at all.
      const key = coerceSecretRef(entry.keyRef) ? undefined : nonBlank(entry.key);
      return { type: 'api_key', provider, ...(key !== undefined ? { key } : {}), ...withEmail };
    }
    case 'token': {
      const token = nonBlank(entry.token);
      const expires = expiry(entry.expires);
      return { type: 'token', provider, ...(token !== undefined ? { token } : {}), ...(expires !== undefined ? { expires } : {}), ...withEmail };
    }
    case 'oauth': {
      const out: JsonObject = { type: 'oauth', provider };
      for (const field of ['access', 'refresh'] as const) {
        const value = nonBlank(entry[field]);
        if (value !== undefined) out[field] = value;
      }
      const expires = expiry(entry.expires);
      if (expires !== undefined) out.expires = expires;
      return { ...out, ...oauthExtras(entry), ...withEmail };
    }
    default:
      return undefined;
  }
}

/** Names a flat store cannot turn into a profile id (OpenClaw's doctor skips them). */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The profiles `openclaw doctor --fix` (2026.6.1, doctor-auth-flat-profiles) writes over an
 * `auth-profiles.json` in the legacy flat shape `{ "openrouter": { "apiKey": … } }`: each trimmed
 * key becomes `<key>:default`, its type taken from `type`/`mode` or guessed from the fields (a key,
 * a token, or access + refresh + a numeric expires), `provider` from the entry or else the key (as
 * written, not normalised); an entry without its secret is left out. Undefined when the file is not
 * that shape or nothing converts. Seen live: the doctor's rewrite is exactly this.
 */
export function migrateLegacyFlatStore(raw: unknown): Record<string, JsonObject> | undefined {
  if (!isRecord(raw) || 'profiles' in raw) return undefined;
  const profiles: Record<string, JsonObject> = {};
  for (const [key, value] of Object.entries(raw)) {
    const providerId = key.trim();
    if (!providerId || UNSAFE_KEYS.has(providerId) || !isRecord(value)) continue;
    const credential = flatCredential(providerId, value);
    if (credential) profiles[`${providerId}:default`] = credential;
  }
  return Object.keys(profiles).length > 0 ? profiles : undefined;
}

function flatCredential(providerId: string, raw: JsonObject): JsonObject | undefined {
  const provider = nonBlank(raw.provider) ?? providerId;
  const email = nonBlank(raw.email);
  const withEmail = email !== undefined ? { email } : {};
  switch (flatType(raw)) {
    case 'api_key': {
      const key = nonBlank(raw.key) ?? nonBlank(raw.apiKey);
      return key !== undefined ? { type: 'api_key', provider, key, ...withEmail } : undefined;
    }
    case 'token': {
      const token = nonBlank(raw.token);
      return token !== undefined ? { type: 'token', provider, token, ...(typeof raw.expires === 'number' ? { expires: raw.expires } : {}), ...withEmail } : undefined;
    }
    case 'oauth': {
      const access = nonBlank(raw.access);
      const refresh = nonBlank(raw.refresh);
      if (access === undefined || refresh === undefined || typeof raw.expires !== 'number') return undefined;
      return { type: 'oauth', provider, access, refresh, expires: raw.expires, ...oauthExtras(raw), ...withEmail };
    }
    default:
      return undefined;
  }
}

function flatType(raw: JsonObject): 'api_key' | 'token' | 'oauth' | undefined {
  const explicit = nonBlank(raw.type) ?? nonBlank(raw.mode);
  if (explicit === 'api_key' || explicit === 'token' || explicit === 'oauth') return explicit;
  if ((nonBlank(raw.key) ?? nonBlank(raw.apiKey)) !== undefined) return 'api_key';
  if (nonBlank(raw.token) !== undefined) return 'token';
  if (nonBlank(raw.access) !== undefined && nonBlank(raw.refresh) !== undefined && typeof raw.expires === 'number') return 'oauth';
  return undefined;
}

/** The optional OAuth fields both migrations keep, in OpenClaw's order, when not blank. */
function oauthExtras(raw: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const field of ['enterpriseUrl', 'projectId', 'accountId'] as const) {
    const value = nonBlank(raw[field]);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** A string that is not blank, as it is (OpenClaw does not trim what it keeps). */
function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** OpenClaw's `expires` on load: absent stays absent, anything but a positive finite number becomes 0. */
function expiry(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
