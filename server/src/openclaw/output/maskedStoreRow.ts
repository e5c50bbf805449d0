import { maskSecretForDisplay } from '../mask.js';

/**
 * Fields of a stored profile that name or route a credential, never hold one: shown as stored.
 * Every other string in a profile (key, token, access, refresh, and fields we do not know, which
 * may be secrets of a newer OpenClaw) is masked.
 */
const PLAIN_PROFILE_FIELDS = new Set(['type', 'provider', 'email', 'displayName', 'accountId', 'mode', 'keyRef', 'tokenRef', 'oauthRef']);

/**
 * A SQLite store row (`{version, profiles, …}`, the shape of auth-profiles.json) as the editor
 * shows it before the user asks to reveal secrets: every secret string inside `profiles` masked
 * with our surfaces' mask, everything else (ids, types, expiry, order, usage) as stored. Pure.
 */
export function maskStoreRow(row: unknown): unknown {
  if (!isObject(row) || !isObject(row.profiles)) return maskStrings(row);
  // fromEntries and spread define own properties: a profile id "__proto__" stays a profile.
  return { ...row, profiles: Object.fromEntries(Object.entries(row.profiles).map(([id, profile]) => [id, maskProfile(profile)])) };
}

function maskProfile(profile: unknown): unknown {
  if (!isObject(profile)) return maskStrings(profile);
  return Object.fromEntries(Object.entries(profile).map(([field, value]) => [field, PLAIN_PROFILE_FIELDS.has(field) ? value : maskStrings(value)]));
}

/** Every string inside `value` masked; numbers, booleans and null kept (expiry times, counts). */
function maskStrings(value: unknown): unknown {
  if (typeof value === 'string') return maskSecretForDisplay(value);
  if (Array.isArray(value)) return value.map(maskStrings);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v)]));
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
