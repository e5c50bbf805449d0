// A namespace import lets esbuild drop the parts of zod we do not use (443 KB -> 83 KB minified per bundle).
import * as z from 'zod';

/**
 * The documented shape of `auth-profiles.json`, used to validate a file and to generate
 * `schemas/auth-profiles.schema.json`. Objects are loose: OpenClaw keeps fields it does not know,
 * and so do we. Loading follows OpenClaw's own lenient rules (see authStore.ts); this schema is
 * what a well-formed file looks like, and each mismatch becomes a diagnostic.
 */
const secretRef = z.looseObject({
  source: z.enum(['env', 'file', 'exec']),
  provider: z.string().min(1).optional(),
  id: z.string().min(1),
});

const expires = z
  .number()
  .positive()
  .max(8.64e15)
  .describe('Expiry in milliseconds since the Unix epoch.');

const common = {
  // A pattern rather than trim().min(1): JSON Schema can say it, so the compiled validator
  // (storeSchemaGate.ts) accepts exactly what zod accepts. JS's \S is the complement of what trim() removes.
  provider: z.string().regex(/\S/, { error: 'must not be blank' }).describe('Provider id, e.g. "anthropic".'),
  email: z.string().optional(),
  displayName: z.string().optional(),
};

export const apiKeyCredentialSchema = z.looseObject({
  type: z.literal('api_key'),
  ...common,
  key: z.string().optional(),
  keyRef: secretRef.optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

export const tokenCredentialSchema = z.looseObject({
  type: z.literal('token'),
  ...common,
  token: z.string().optional(),
  tokenRef: secretRef.optional(),
  expires: expires.optional(),
});

export const oauthCredentialSchema = z.looseObject({
  type: z.literal('oauth'),
  ...common,
  access: z.string(),
  refresh: z.string().optional(),
  expires,
  accountId: z.string().optional(),
});

export const credentialSchema = z.discriminatedUnion('type', [apiKeyCredentialSchema, tokenCredentialSchema, oauthCredentialSchema]);

export const usageStatsSchema = z.looseObject({
  lastUsed: z.number().optional(),
  cooldownUntil: z.number().optional(),
  disabledUntil: z.number().optional(),
  disabledReason: z.string().optional(),
  errorCount: z.number().optional(),
});

export const authStoreFileSchema = z.looseObject({
  version: z.number().int().positive().optional(),
  profiles: z.record(z.string(), credentialSchema),
  order: z.record(z.string(), z.array(z.string())).optional(),
  lastGood: z.record(z.string(), z.string()).optional(),
  usageStats: z.record(z.string(), usageStatsSchema).optional(),
});

export const authStateFileSchema = z.looseObject({
  version: z.number().int().positive().optional(),
  order: z.record(z.string(), z.array(z.string())).optional(),
  lastGood: z.record(z.string(), z.string()).optional(),
  usageStats: z.record(z.string(), usageStatsSchema).optional(),
});

/** JSON Schema (draft 2020-12) of `auth-profiles.json`, for VS Code's JSON validation. */
export function authProfilesJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(authStoreFileSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'https://openclaw-auth.invalid/schemas/auth-profiles.schema.json',
    title: 'OpenClaw auth-profiles.json',
    description: 'Per-agent credential store of OpenClaw: API keys, setup-tokens and OAuth credentials.',
  };
}
