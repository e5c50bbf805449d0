/** Parses "24h", "3d", "90m", "45s" or plain milliseconds into milliseconds; undefined when invalid. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!m) return undefined;
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h' | 'd'];
  const value = Number(m[1]) * unit;
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}
