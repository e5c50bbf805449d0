import type { Credential } from '../credential.js';
import type { EnvValue } from '../env/envSources.js';
import { coerceSecretRef } from '../secretRef.js';
import { isRecord } from '../stores/authStore.js';

/**
 * How ready a usable API key or token profile is for OpenClaw 2026.9's read-only route check, which
 * does not resolve secrets: a value stored inline is ready; an env reference is ready when the
 * variable is set and unknown when not (the gateway's environment may have it); a file or exec
 * reference through a configured secrets provider of that source is unknown; a reference no
 * provider can serve is unavailable. Seen on its runs: an unset env reference leaves the route
 * "could not be confirmed" (evidence profile), a file reference with no secrets provider missing.
 */
export function storedSecretReadiness(credential: Credential, rawConfig: Record<string, unknown>, env: ReadonlyMap<string, EnvValue>): 'ready' | 'unknown' | 'unavailable' {
  const value = credential.type === 'api_key' ? credential.key : credential.type === 'token' ? credential.token : undefined;
  const refValue = credential.type === 'api_key' ? credential.keyRef : credential.type === 'token' ? credential.tokenRef : undefined;
  const ref = coerceSecretRef(refValue) ?? coerceSecretRef(value);
  if (!ref) return 'ready';
  const secrets = isRecord(rawConfig.secrets) ? rawConfig.secrets : {};
  const providers = isRecord(secrets.providers) ? secrets.providers : {};
  const provider = isRecord(providers[ref.provider]) ? providers[ref.provider] : undefined;
  const configuredSource = isRecord(provider) ? provider.source : undefined;
  const defaults = isRecord(secrets.defaults) ? secrets.defaults : {};
  const defaultAlias = typeof defaults[ref.source] === 'string' && (defaults[ref.source] as string).trim() ? (defaults[ref.source] as string).trim() : 'default';
  // The built-in provider of env and store references, unless a provider of that name has another source.
  const builtIn = configuredSource !== ref.source && (ref.source === 'env' || ref.source === 'store') && ref.provider === defaultAlias;
  if (ref.source === 'env') {
    const allowlist = isRecord(provider) && Array.isArray(provider.allowlist) ? provider.allowlist : undefined;
    const resolvable = configuredSource === 'env' ? !allowlist || allowlist.includes(ref.id) : builtIn;
    if (!resolvable) return 'unavailable';
    const set = env.get(ref.id)?.value;
    return typeof set === 'string' && set.trim() ? 'ready' : 'unknown';
  }
  return configuredSource === ref.source || builtIn ? 'unknown' : 'unavailable';
}
