/** OpenClaw compares provider ids trimmed and lower-cased everywhere. */
export function normalizeProviderId(provider: unknown): string {
  return typeof provider === 'string' ? provider.trim().toLowerCase() : '';
}

/** Finds a provider's entry in a provider-keyed record, comparing normalised keys. */
export function findByProvider<T>(entries: Record<string, T> | undefined, provider: string): T | undefined {
  if (!entries) return undefined;
  const key = normalizeProviderId(provider);
  for (const k of Object.keys(entries)) if (normalizeProviderId(k) === key) return entries[k];
  return undefined;
}
