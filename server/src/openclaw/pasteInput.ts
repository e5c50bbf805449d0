import { formatWords, words, type Words } from './issues.js';
import { normalizeProviderId } from './providerIds.js';

/**
 * Checks a pasted secret before anything is written, for the CLI's `paste-token` and the editor's
 * Paste Token alike. Pure: no files, no clock. Every message describes the input without quoting
 * any of it, so a refusal can be shown, logged or thrown as it is.
 */

export const SETUP_TOKEN_PREFIX = 'sk-ant-oat01-';
export const ANTHROPIC_API_KEY_PREFIX = 'sk-ant-api03-';
/** OpenClaw's `ANTHROPIC_SETUP_TOKEN_MIN_LENGTH`: a shorter setup-token was cut short when pasted. */
export const SETUP_TOKEN_MIN_LENGTH = 80;

export type PastedSecretCheck =
  | { ok: true; secret: string; credentialType: 'token' | 'api_key'; kind: 'anthropic-setup-token' | 'anthropic-api-key' | 'openai-api-key' | 'token' }
  | { ok: false; code: string; reason: string; words: Words };

/**
 * What `openclaw models auth paste-token` would store, or why not. OpenClaw trims the input and
 * silently drops line breaks and characters outside Latin-1 (and, for Anthropic, every blank); a
 * token with any of those inside was broken when copied (openclaw/openclaw#8733, #23538), so here
 * they are refused with the reason instead. An Anthropic API key or an OpenAI key pasted as a token
 * goes to an `api_key` profile, where OpenClaw would have refused or misrouted it (#74297).
 */
export function checkPastedSecret(provider: string, input: string): PastedSecretCheck {
  const secret = input.trim();
  if (!secret) return refuse('secret/empty', words('Nothing was pasted.'));
  if (/[\r\n\u2028\u2029]/.test(secret)) return refuse('secret/line-break', words('The pasted secret holds a line break: it was broken when copied. Copy it again as one line.'));
  if ([...secret].some((c) => (c.codePointAt(0) ?? 0) > 255)) {
    return refuse('secret/odd-characters', words('The pasted secret holds characters that no token contains (typographic quotes, box drawing…): copy it again from the plain text.'));
  }
  const p = normalizeProviderId(provider);
  const blank = /\s/.test(secret);
  if (secret.startsWith(SETUP_TOKEN_PREFIX) || secret.startsWith(ANTHROPIC_API_KEY_PREFIX)) {
    if (p !== 'anthropic') return refuse('secret/wrong-provider', words('This is an Anthropic credential; store it for provider anthropic, not {0}.', p));
    if (blank) return refuse('secret/blank-inside', words('The pasted secret holds a space or tab: it was broken when copied. Copy it again as one piece.'));
    if (secret.startsWith(ANTHROPIC_API_KEY_PREFIX)) return { ok: true, secret, credentialType: 'api_key', kind: 'anthropic-api-key' };
    if (secret.length < SETUP_TOKEN_MIN_LENGTH) {
      return refuse('secret/too-short', words('Token looks too short: a setup-token has at least {0} characters, this one {1}. Paste the full setup-token.', SETUP_TOKEN_MIN_LENGTH, secret.length));
    }
    return { ok: true, secret, credentialType: 'token', kind: 'anthropic-setup-token' };
  }
  if (p === 'anthropic') {
    return refuse('secret/not-anthropic', words('An Anthropic setup-token starts with {0} (from `claude setup-token`), an Anthropic API key with {1}; this is neither.', SETUP_TOKEN_PREFIX, ANTHROPIC_API_KEY_PREFIX));
  }
  // OpenClaw's own test for an OpenAI API key, which its paste-token refuses and paste-api-key takes.
  if (p === 'openai' && /^sk-[A-Za-z0-9_-]{8,}$/.test(secret)) return { ok: true, secret, credentialType: 'api_key', kind: 'openai-api-key' };
  return { ok: true, secret, credentialType: 'token', kind: 'token' };
}

/** `reason` in English (the CLI's), `words` for the editor's language. */
function refuse(code: string, reason: Words): PastedSecretCheck {
  return { ok: false, code, reason: formatWords(reason), words: reason };
}

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/**
 * `--expires-in` as OpenClaw reads it: `365d`, `12h`, `90m`, `1h30m`, `1.5d`; a bare number counts
 * days. Returns milliseconds, or undefined when the text is no such duration or is zero.
 */
export function parseExpiresIn(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  let total = 0;
  const single = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(t);
  if (single) {
    total = Number(single[1]) * UNIT_MS[(single[2] ?? 'd') as Unit];
  } else {
    let consumed = 0;
    for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
      if (m.index !== consumed) return undefined; // each part needs its unit, nothing between parts
      total += Number(m[1]) * UNIT_MS[m[2] as Unit];
      consumed += m[0].length;
    }
    if (consumed !== t.length) return undefined;
  }
  const ms = Math.round(total);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}

/** The absolute expiry OpenClaw stores for a duration from now; undefined past the Date range. */
export function expiresAtFromNow(durationMs: number, now: number): number | undefined {
  const at = now + durationMs;
  return Number.isSafeInteger(at) && at <= 8.64e15 ? at : undefined;
}
