import { Random } from '../../test/differential/random.ts';

/**
 * Credential material with the sizes real providers hand out, every value a canary (contains
 * CANARY) so a bench that printed one would be caught at a glance.
 */
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64URL = ALNUM + '-_';

/** `sk-ant-api03-…`: 108 characters, as Anthropic console keys are. */
export function anthropicApiKey(r: Random): string {
  return 'sk-ant-api03-CANARY' + r.chars(B64URL, 89);
}

/** `sk-ant-oat01-…`: 108 characters, as `claude setup-token` prints. */
export function setupToken(r: Random): string {
  return 'sk-ant-oat01-CANARY' + r.chars(B64URL, 89);
}

/** `sk-proj-…` OpenAI project keys run to about 164 characters. */
export function openaiApiKey(r: Random): string {
  return 'sk-proj-CANARY' + r.chars(B64URL, 150);
}

export function openrouterApiKey(r: Random): string {
  return 'sk-or-v1-CANARY' + r.chars('0123456789abcdef', 58);
}

/** A generic 40-character key (Gemini, Mistral, Groq are in this range). */
export function genericApiKey(r: Random, prefix = ''): string {
  return prefix + 'CANARY' + r.chars(ALNUM, 34);
}

/** OAuth access tokens are JWTs of 1–2 KB (three base64url parts). */
export function jwtAccessToken(r: Random): string {
  return `eyJ${r.chars(B64URL, 60)}.eyJCANARY${r.chars(B64URL, r.int(700, 1400))}.${r.chars(B64URL, 342)}`;
}

export function refreshToken(r: Random): string {
  return 'rt_CANARY' + r.chars(B64URL, 120);
}

export { Random };
