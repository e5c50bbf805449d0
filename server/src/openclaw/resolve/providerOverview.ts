import type { AuthStore, Credential, SecretRef } from '../credential.js';
import type { AuthRouting } from './profileOrder.js';
import type { ProviderCatalog, EnvKeyMatch } from '../env/providerCatalog.js';
import { formatRemainingShort, maskSecret } from '../mask.js';
import { isRecord } from '../stores/authStore.js';

/** How a provider gets its credential, in the words of `models status --json` (`effective.kind`). */
export type EffectiveKind = 'profiles' | 'env' | 'models.json' | 'missing';

export interface ProviderOverview {
  provider: string;
  effective: { kind: EffectiveKind; detail: string };
  profiles: { count: number; oauth: number; token: number; apiKey: number; labels: string[] };
  /** The store profile ids behind `profiles.labels`, index for index (not part of OpenClaw's output). */
  profileIds: readonly string[];
  env?: EnvKeyMatch;
  /** `models.providers.<p>.apiKey`, masked; `usable` says whether OpenClaw can resolve a key from it. */
  modelsJson?: { value: string; source: string; usable?: boolean };
}

/** `profileId (displayName)` / `profileId (email)` / `profileId`, as OpenClaw labels profiles. */
export function profileDisplayLabel(profileId: string, store: AuthStore, routing: AuthRouting, rawConfig: Record<string, unknown>): string {
  const configured = configuredProfileMeta(rawConfig, profileId);
  const stored = store.profiles[profileId];
  const displayName = configured.displayName ?? trimmedString(stored?.displayName);
  const email = configured.email ?? trimmedString(stored?.email);
  void routing;
  if (displayName) return `${profileId} (${displayName})`;
  if (email) return `${profileId} (${email})`;
  return profileId;
}

function configuredProfileMeta(raw: Record<string, unknown>, profileId: string): { displayName?: string; email?: string } {
  const auth = isRecord(raw.auth) ? raw.auth : {};
  const profiles = isRecord(auth.profiles) ? auth.profiles : {};
  const entry = profiles[profileId];
  if (!isRecord(entry)) return {};
  const out: { displayName?: string; email?: string } = {};
  const dn = trimmedString(entry.displayName);
  if (dn) out.displayName = dn;
  const em = trimmedString(entry.email);
  if (em) out.email = em;
  return out;
}

function trimmedString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** The masked secret part of a label: `sk-ant-a...bbbbbbbb`, `token:…`, `ref(env:NAME)`, `missing`. */
export function secretLabel(value: unknown, ref: SecretRef | undefined, kind: 'api-key' | 'token', catalog: ProviderCatalog): string {
  const v = typeof value === 'string' ? value.trim() : '';
  const prefix = kind === 'token' ? 'token:' : '';
  if (v) return prefix + (catalog.isNonSecretMarker(v) ? `marker(${v})` : maskSecret(v));
  if (ref) return `${prefix}ref(${ref.source}:${ref.id})`;
  return `${prefix}missing`;
}

/** One `profiles.labels` entry: `id=<masked>` plus `[cooldown 3h]` / `[disabled:billing 2d]` while unusable. */
export function profileLabel(profileId: string, credential: Credential | undefined, ctx: LabelContext): string {
  if (!credential) return `${profileId}=missing`;
  let base: string;
  if (credential.type === 'api_key') base = `${profileId}=${secretLabel(credential.key, credential.keyRef, 'api-key', ctx.catalog)}`;
  else if (credential.type === 'token') base = `${profileId}=${secretLabel(credential.token, credential.tokenRef, 'token', ctx.catalog)}`;
  else {
    const display = ctx.displayLabel(profileId);
    const suffix = display === profileId ? '' : display.startsWith(profileId) ? display.slice(profileId.length).trim() : `(${display})`;
    base = `${profileId}=OAuth${suffix ? ` ${suffix}` : ''}`;
  }
  const until = ctx.unusableUntil(profileId);
  if (!until || ctx.now >= until) return base;
  const stats = ctx.store.usageStats?.[profileId];
  const disabled = typeof stats?.disabledUntil === 'number' && ctx.now < stats.disabledUntil;
  const tag = disabled ? `disabled${stats?.disabledReason ? `:${stats.disabledReason}` : ''}` : 'cooldown';
  return `${base} [${tag} ${formatRemainingShort(until - ctx.now)}]`;
}

export interface LabelContext {
  store: AuthStore;
  catalog: ProviderCatalog;
  now: number;
  displayLabel: (profileId: string) => string;
  unusableUntil: (profileId: string) => number;
}
