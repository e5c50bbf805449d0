/** OpenClaw compares provider ids trimmed and lower-cased everywhere. */
export function normalizeProviderId(provider: unknown): string {
  if (typeof provider !== 'string') return '';
  // Stored ids are normalised at load, and asked again for every profile of every agent: no new string then.
  return isNormalAscii(provider) ? provider : provider.trim().toLowerCase();
}

/** Printable ASCII without capitals or blanks at either end: what trim + toLowerCase would return unchanged. */
function isNormalAscii(id: string): boolean {
  const last = id.length - 1;
  if (last < 0) return true;
  if (id.charCodeAt(0) <= 32 || id.charCodeAt(last) <= 32) return false;
  for (let i = 0; i <= last; i++) {
    const c = id.charCodeAt(i);
    if (c > 126 || (c >= 65 && c <= 90)) return false;
  }
  return true;
}

/** Finds a provider's entry in a provider-keyed record, comparing normalised keys. */
export function findByProvider<T>(entries: Record<string, T> | undefined, provider: string): T | undefined {
  if (!entries) return undefined;
  const key = normalizeProviderId(provider);
  for (const k of Object.keys(entries)) if (normalizeProviderId(k) === key) return entries[k];
  return undefined;
}

const providerIndexes = new WeakMap<object, Map<string, unknown>>();

/**
 * findByProvider through one map per record, built on the first question: a load asks about every
 * provider, and a scan per question made a store or config with thousands of providers quadratic
 * (bench/status/manyProviders.ts). Only for records that never change afterwards (parsed files of
 * one load); the same entry wins as with findByProvider, the first key that normalises to it.
 */
export function lookUpProvider<T>(entries: Record<string, T> | undefined, provider: string): T | undefined {
  if (!entries) return undefined;
  let index = providerIndexes.get(entries) as Map<string, T> | undefined;
  if (!index) {
    index = new Map<string, T>();
    for (const k of Object.keys(entries)) {
      const key = normalizeProviderId(k);
      if (!index.has(key)) index.set(key, entries[k] as T);
    }
    providerIndexes.set(entries, index);
  }
  return index.get(normalizeProviderId(provider));
}
