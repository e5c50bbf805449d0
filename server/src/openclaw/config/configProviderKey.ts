import { isRecord } from '../stores/authStore.js';
import type { EnvValue } from '../env/envSources.js';
import { normalizeSecretInput, type ProviderCatalog } from '../env/providerCatalog.js';
import { lookUpProvider } from '../providerIds.js';
import { coerceSecretRef } from '../secretRef.js';

/**
 * `models.providers.<p>.apiKey` in openclaw.json, read as OpenClaw 2026.6.1 does
 * (`getCustomProviderApiKey` / `resolveUsableCustomProviderApiKey`): a literal key, an env
 * reference (`${VAR}`, `{source:"env",…}`), the name of a provider env variable, or a marker.
 * Only some of these give the provider a usable key; the rest leave it missing.
 */
export interface ConfiguredProviderKey {
  /** What the config holds as OpenClaw names it: the literal, an env reference's variable, or a marker. */
  configured: string;
  /** The key OpenClaw would send, when it can resolve one. Never shown, only masked. */
  usable?: string;
}

/** Env variable names OpenClaw still accepts as `apiKey` markers besides the providers' own (2026.6.1). */
const LEGACY_ENV_KEY_NAMES = ['GOOGLE_API_KEY', 'DEEPSEEK_API_KEY', 'PERPLEXITY_API_KEY', 'FIREWORKS_API_KEY', 'NOVITA_API_KEY', 'AZURE_OPENAI_API_KEY', 'AZURE_API_KEY', 'MINIMAX_CODE_PLAN_KEY'];
/** AWS SDK variables name a credential chain, not a key: markers that never resolve to a key here. */
const AWS_SDK_MARKERS = new Set(['AWS_BEARER_TOKEN_BEDROCK', 'AWS_ACCESS_KEY_ID', 'AWS_PROFILE']);
const NON_ENV_SECRETREF_MARKER = 'secretref-managed';
const CUSTOM_LOCAL_MARKER = 'custom-local';

export function resolveConfiguredProviderKey(
  rawConfig: Record<string, unknown>,
  provider: string,
  env: ReadonlyMap<string, EnvValue>,
  catalog: ProviderCatalog,
): ConfiguredProviderKey | undefined {
  const models = isRecord(rawConfig.models) ? rawConfig.models : {};
  const entry = lookUpProvider(isRecord(models.providers) ? models.providers : undefined, provider);
  if (!isRecord(entry)) return undefined;
  const literal = typeof entry.apiKey === 'string' ? normalizeSecretInput(entry.apiKey) : '';
  const ref = coerceSecretRef(entry.apiKey);
  const configured = literal || (ref ? (ref.source === 'env' ? ref.id.trim() || NON_ENV_SECRETREF_MARKER : NON_ENV_SECRETREF_MARKER) : '');
  if (!configured) return undefined;
  const envValue = (name: string) => normalizeSecretInput(env.get(name)?.value ?? '') || undefined;
  const withUsable = (usable: string | undefined): ConfiguredProviderKey => (usable ? { configured, usable } : { configured });

  if (ref) return withUsable(ref.source === 'env' && envRefAllowed(rawConfig, ref.provider, ref.id) ? envValue(ref.id.trim()) : undefined);
  const knownEnvName = catalog.allEnvVariables().has(configured) || LEGACY_ENV_KEY_NAMES.includes(configured);
  const marker = catalog.isNonSecretMarker(configured) || AWS_SDK_MARKERS.has(configured) || knownEnvName;
  if (!marker) return withUsable(configured);
  if (knownEnvName && !AWS_SDK_MARKERS.has(configured)) return withUsable(envValue(configured));
  if (isLocalProvider(entry)) return withUsable(entry.api === 'ollama' ? configured : CUSTOM_LOCAL_MARKER);
  return withUsable(undefined);
}

/** An env reference resolves read-only through the default env secret provider, or an env provider that allows it. */
export function envRefAllowed(rawConfig: Record<string, unknown>, refProvider: string, id: string): boolean {
  const secrets = isRecord(rawConfig.secrets) ? rawConfig.secrets : {};
  const providers = isRecord(secrets.providers) ? secrets.providers : {};
  const configured = providers[refProvider];
  if (!isRecord(configured)) {
    const defaults = isRecord(secrets.defaults) ? secrets.defaults : {};
    const alias = typeof defaults.env === 'string' && defaults.env.trim() ? defaults.env.trim() : 'default';
    return refProvider === alias;
  }
  if (configured.source !== 'env') return false;
  return !Array.isArray(configured.allowlist) || configured.allowlist.includes(id);
}

/** A self-hosted OpenAI-compatible or Ollama server on this machine or the local network needs no key. */
function isLocalProvider(entry: Record<string, unknown>): boolean {
  const { baseUrl, api, models } = entry;
  if (typeof baseUrl !== 'string' || !baseUrl.trim() || typeof api !== 'string' || !api.trim() || !Array.isArray(models) || models.length === 0) return false;
  if (api !== 'openai-completions' && api !== 'ollama') return false;
  return isLocalBaseUrl(baseUrl);
}

function isLocalBaseUrl(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const named = ['localhost', '127.0.0.1', '0.0.0.0', '::1', '::ffff:7f00:1', '::ffff:127.0.0.1', 'docker.orb.internal', 'host.docker.internal', 'host.orb.internal'];
  return named.includes(host) || host.endsWith('.local') || isPrivateIpv4(host);
}

function isPrivateIpv4(host: string): boolean {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) return false;
  const octets = host.split('.').map(Number);
  if (octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return false;
  const [a, b = -1] = octets;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
