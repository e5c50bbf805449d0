import type { z } from 'zod';
import { isRecord } from './authStore.js';
import { looksLikeSeconds } from '../expiry.js';
import { issue, validatorWords, words, type SourceIssue, type Words } from '../issues.js';
import { authStoreFileSchema } from './storeSchema.js';
import { isWellFormedStore } from './storeSchemaGate.js';

/**
 * What people get wrong in `auth-profiles.json` that OpenClaw reads without a word (see the public
 * OpenClaw issues in shared/openclaw/README.md). Each finding names the profile field it is about;
 * messages describe the shape of a secret ("starts with sk-ant-oat01-"), never its value.
 */
export function checkStoreContent(raw: unknown, file: string, skipProfiles: ReadonlySet<string>): SourceIssue[] {
  if (!isRecord(raw) || !isRecord(raw.profiles)) return [];
  const out: SourceIssue[] = [];
  const profiles = raw.profiles;
  for (const id in profiles) {
    const value = profiles[id];
    if (skipProfiles.has(id) || !isRecord(value)) continue;
    checkProfile(id, value, file, out);
  }
  out.push(...schemaIssues(raw, file, skipProfiles));
  if (isRecord(raw.order)) {
    for (const [provider, ids] of Object.entries(raw.order)) {
      if (!Array.isArray(ids)) continue;
      ids.forEach((pid, index) => {
        if (typeof pid === 'string' && !(pid in profiles)) {
          out.push(issue('store/order-unknown-profile', 'warning', file, words('The order for "{0}" names "{1}", which is not a profile in this file; OpenClaw skips it.', provider, pid), ['order', provider, index]));
        }
      });
    }
  }
  return out;
}

const SETUP_TOKEN_PREFIX = 'sk-ant-oat01-';
const ANTHROPIC_API_KEY_PREFIX = 'sk-ant-api03-';
/** Anthropic setup-tokens are about 108 characters; a much shorter one was cut when pasted. */
const SETUP_TOKEN_MIN_LENGTH = 80;

/** Appends the profile's findings to `out` (no array per profile: a fleet home has thousands). */
function checkProfile(id: string, p: Record<string, unknown>, file: string, out: SourceIssue[]): void {
  const type = p.type ?? p.mode;
  if (!idStartsWithProvider(id, p.provider)) {
    const provider = typeof p.provider === 'string' ? p.provider.trim().toLowerCase() : '';
    const prefix = id.includes(':') ? id.slice(0, id.indexOf(':')).toLowerCase() : '';
    if (provider && prefix && prefix !== provider) {
      out.push(issue('profile/id-provider-mismatch', 'warning', file, words('Profile id "{0}" starts with "{1}" but its provider is "{2}"; OpenClaw routes it by "provider".', id, prefix, provider), at(id, 'provider')));
    }
  }
  // Named loads, not a loop over field names (which makes every load a megamorphic keyed one).
  checkLineBreak(id, 'key', p.key, file, out);
  checkLineBreak(id, 'token', p.token, file, out);
  checkLineBreak(id, 'access', p.access, file, out);
  if (type === 'token' && typeof p.token === 'string') {
    const t = p.token.trim();
    if (t.startsWith(ANTHROPIC_API_KEY_PREFIX)) out.push(issue('profile/api-key-as-token', 'error', file, words('"{0}" holds an Anthropic API key (sk-ant-api03-…) as a token; requests take the wrong auth route. Store it as { "type": "api_key", "key": … }.', id), at(id, 'type')));
    if (t.startsWith(SETUP_TOKEN_PREFIX) && t.length < SETUP_TOKEN_MIN_LENGTH) out.push(issue('profile/token-truncated', 'error', file, words('The setup-token of "{0}" is only {1} characters long; it was probably cut when pasted (a full one is about 108).', id, t.length), at(id, 'token')));
  }
  if (type === 'api_key' && typeof p.key === 'string' && p.key.trim().startsWith(SETUP_TOKEN_PREFIX)) {
    out.push(issue('profile/setup-token-as-api-key', 'error', file, words('"{0}" holds a setup-token (sk-ant-oat01-…) as an API key; Anthropic answers "only authorized for use with Claude Code". Store it as { "type": "token", "token": … }.', id), at(id, 'key')));
  }
  if (type === 'oauth' && p.access === undefined && typeof p.accessToken === 'string') {
    out.push(issue('profile/oauth-access-token-field', 'error', file, words('"{0}" has "accessToken" but OpenClaw reads "access". A setup-token belongs in { "type": "token", "token": … }.', id), at(id, 'accessToken')));
  }
  if (typeof p.expires === 'number' && looksLikeSeconds(p.expires)) {
    out.push(issue('profile/expires-in-seconds', 'error', file, words('"expires" of "{0}" looks like seconds; OpenClaw reads milliseconds, so it counts as expired in January 1970. Multiply by 1000.', id), at(id, 'expires')));
  }
}

function checkLineBreak(id: string, field: string, value: unknown, file: string, out: SourceIssue[]): void {
  if (typeof value === 'string' && hasInnerLineBreak(value)) {
    out.push(issue('profile/secret-line-break', 'error', file, words('The {0} of "{1}" contains a line break; the provider will reject it (401). Paste it again on one line.', field, id), at(id, field)));
  }
}

/** The JSON path of a profile field, built only when there is a finding to report. */
function at(id: string, field: string): (string | number)[] {
  return ['profiles', id, field];
}

/**
 * The usual case, decided without building strings: the id is `<provider>:…` with the provider
 * exactly as stored and free of surrounding blanks (then the lower-cased comparison agrees too).
 */
function idStartsWithProvider(id: string, provider: unknown): boolean {
  if (typeof provider !== 'string' || provider.length === 0) return false;
  const last = provider.length - 1;
  if (provider.charCodeAt(0) <= 32 || provider.charCodeAt(last) <= 32) return false;
  return id.indexOf(':') === provider.length && id.startsWith(provider);
}

/** A line break inside the value (not at its ends). indexOf scans far faster than a regex, and nearly every secret has none. */
function hasInnerLineBreak(value: string): boolean {
  if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) return false;
  return /[\r\n]/.test(value.trim());
}

/** Mismatches with the documented shape (storeSchema.ts), for the profiles OpenClaw did not reject. */
function schemaIssues(raw: Record<string, unknown>, file: string, skipProfiles: ReadonlySet<string>): SourceIssue[] {
  if (isWellFormedStore(raw)) return [];
  const result = authStoreFileSchema.safeParse(raw);
  if (result.success) return [];
  return result.error.issues
    .filter((i) => !(i.path[0] === 'profiles' && typeof i.path[1] === 'string' && skipProfiles.has(i.path[1])))
    .map((i) => issue('store/schema', 'warning', file, schemaMessage(i), i.path.filter((x): x is string | number => typeof x !== 'symbol')));
}

function schemaMessage(i: z.core.$ZodIssue): Words {
  const where = i.path.length > 0 ? words('"{0}"', i.path.map(String).join('.')) : words('The file');
  if (i.code === 'invalid_type' && i.message.endsWith('received undefined')) return words('{0} is required ({1}).', where, i.expected);
  return words('{0}: {1}.', where, validatorWords(i.message));
}
