/** The credential model OpenClaw keeps in `auth-profiles.json` (and, from 2026.6.5, inside SQLite). */
export type CredentialType = 'api_key' | 'token' | 'oauth';
export const CREDENTIAL_TYPES: readonly CredentialType[] = ['api_key', 'token', 'oauth'];

export interface SecretRef {
  source: string;
  provider: string;
  id: string;
}

/** A credential after OpenClaw's load-time normalisation; fields we do not model are kept. */
export interface Credential {
  type: CredentialType;
  /** Normalised (trimmed, lower-case) provider id. */
  provider: string;
  key?: string;
  keyRef?: SecretRef;
  token?: string;
  tokenRef?: SecretRef;
  access?: string;
  refresh?: string;
  /** Milliseconds since the epoch; 0 when the file held something that is not a positive number. */
  expires?: number;
  email?: string;
  displayName?: string;
  accountId?: string;
  oauthRef?: unknown;
  [field: string]: unknown;
}

export interface UsageStats {
  lastUsed?: number;
  cooldownUntil?: number;
  cooldownReason?: string;
  disabledUntil?: number;
  disabledReason?: string;
  blockedUntil?: number;
  errorCount?: number;
  [field: string]: unknown;
}

/** One agent's credential store, whatever it was loaded from. */
export interface AuthStore {
  version: number;
  profiles: Record<string, Credential>;
  order?: Record<string, string[]>;
  lastGood?: Record<string, string>;
  usageStats?: Record<string, UsageStats>;
}

export function emptyStore(): AuthStore {
  return { version: 1, profiles: {} };
}

/** The secret a credential carries inline, if any (never shown, only masked). */
export function inlineSecret(credential: Credential): string | undefined {
  if (credential.type === 'api_key') return typeof credential.key === 'string' ? credential.key : undefined;
  if (credential.type === 'token') return typeof credential.token === 'string' ? credential.token : undefined;
  return typeof credential.access === 'string' ? credential.access : undefined;
}
