import type { SecretRef } from './credential.js';

const ENV_REF_ID = /^[A-Z][A-Z0-9_]{0,127}$/;
const ENV_TEMPLATE = /^\$\{([A-Z][A-Z0-9_]{0,127})\}$/;
const ENV_SHORTHAND = /^\$([A-Z][A-Z0-9_]{0,127})$/;
const LEGACY_PREFIXES = ['secretref-env:', '__env__:'];
const SOURCES = new Set(['env', 'file', 'exec']);
const DEFAULT_PROVIDER_ALIAS = 'default';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Reads a secret reference the way OpenClaw accepts them: `{source, provider, id}`, the same without
 * `provider`, or the env shorthands `${NAME}`, `$NAME`, `secretref-env:NAME`, `__env__:NAME`.
 */
export function coerceSecretRef(value: unknown): SecretRef | undefined {
  if (isRecord(value)) {
    if (Object.keys(value).length === 3 && SOURCES.has(value.source as string) && nonEmpty(value.provider) && nonEmpty(value.id)) {
      return { source: value.source as string, provider: value.provider, id: value.id };
    }
    if (SOURCES.has(value.source as string) && nonEmpty(value.id) && value.provider === undefined) {
      return { source: value.source as string, provider: DEFAULT_PROVIDER_ALIAS, id: value.id };
    }
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  const legacy = LEGACY_PREFIXES.find((p) => t.startsWith(p));
  if (legacy) {
    const id = t.slice(legacy.length);
    return ENV_REF_ID.test(id) ? { source: 'env', provider: DEFAULT_PROVIDER_ALIAS, id } : undefined;
  }
  const match = ENV_TEMPLATE.exec(t) ?? ENV_SHORTHAND.exec(t);
  return match?.[1] ? { source: 'env', provider: DEFAULT_PROVIDER_ALIAS, id: match[1] } : undefined;
}
