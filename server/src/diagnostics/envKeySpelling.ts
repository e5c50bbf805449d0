/**
 * The provider key an env variable name was probably meant to be: `ANTROPIC_API_KEY`,
 * `OPENAI_APIKEY` or `anthropic_api_key` are read by nobody, and OpenClaw says nothing.
 * Compared against the catalogue of names OpenClaw reads (providerCatalog.ts allEnvVariables).
 */
export function suggestEnvKey(key: string, known: ReadonlySet<string>): string | undefined {
  if (known.has(key)) return undefined;
  const upper = key.toUpperCase();
  if (known.has(upper)) return upper;
  const squashed = squash(upper);
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const name of known) {
    if (squash(name) === squashed) return name;
    if (Math.abs(name.length - upper.length) > 2) continue;
    const d = editDistance(upper, name, 2);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  // Short names are close to many others: one slip for them, two for longer ones.
  const allowed = upper.length < 12 ? 1 : 2;
  return best !== undefined && !tie && bestDistance <= allowed ? best : undefined;
}

function squash(name: string): string {
  return name.replace(/[_-]/g, '');
}

/** Optimal string alignment distance (a swap of neighbours counts one), cut off above `max`. */
function editDistance(a: string, b: string, max: number): number {
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2]! + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}
