/** Small statistics for timings: the median resists the outliers a shared machine produces. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const b = Math.abs(bytes);
  if (b >= 1048576) return `${sign}${(b / 1048576).toFixed(1)} MiB`;
  if (b >= 1024) return `${sign}${(b / 1024).toFixed(0)} KiB`;
  return `${sign}${b} B`;
}

/** Every sample, rounded, so a reader can see the spread behind a median. */
export function formatSamples(values: readonly number[]): string {
  return values.map((v) => v.toFixed(0)).join(', ');
}
