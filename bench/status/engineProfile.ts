/**
 * The engine alone on a large home, for profiling and for comparing two versions of the engine
 * (run it in both checkouts, alternately). Not a target: `run.ts` judges the targets.
 *
 *   node --import tsx bench/status/engineProfile.ts [--home DIR] [--loads 30] [--alloc]
 *
 * Times the engine as shipped (the esbuild bundle of engineBundle.ts, as run.ts does). Prints the
 * median and lowest CPU time of `loadOpenClawState` over back-to-back loads (each a cold
 * load: nothing is kept from one to the next). `--alloc` also samples what one load allocates,
 * collected objects included (V8's sampling heap profiler), and names the top allocating functions.
 * Add `--cpu-prof` to node's own options for a CPU profile of the same loads.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { loadEngineBundle } from './engineBundle.ts';
import { writeLargeHome } from './largeHome.ts';
import { formatBytes, formatMs, median } from './stats.ts';
import { timeSync } from './timing.ts';

const { values } = parseArgs({ options: { home: { type: 'string' }, loads: { type: 'string', default: '30' }, alloc: { type: 'boolean', default: false } } });
const loads = Number(values.loads);
if (!Number.isInteger(loads) || loads < 1) throw new Error(`--loads needs a positive integer, got "${values.loads}"`);

async function main(): Promise<void> {
  const { loadAndResolve } = await loadEngineBundle({ readableNames: true });
  const generated = values.home ? undefined : writeLargeHome({ agents: 200, profilesPerAgent: 50 });
  const home = values.home ?? (generated as { home: string }).home;
  try {
    for (let i = 0; i < 6; i++) loadAndResolve(home); // the JIT settles first, as in run.ts
    const cpu = Array.from({ length: loads }, () => timeSync(() => loadAndResolve(home)).timing.cpuMs);
    console.log(`loadOpenClawState on ${home}: cpu median ${formatMs(median(cpu))}, lowest ${formatMs(Math.min(...cpu))} over ${loads} loads`);
    if (values.alloc) await sampleAllocations(home, loadAndResolve);
  } finally {
    if (generated) fs.rmSync(generated.home, { recursive: true, force: true });
  }
}

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

/** Bytes allocated per load, garbage included, by allocating function (sampled every 1 KiB). */
async function sampleAllocations(homeDir: string, loadAndResolve: (home: string) => unknown): Promise<void> {
  const session = new Session();
  session.connect();
  const sampled = 5;
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (let i = 0; i < sampled; i++) loadAndResolve(homeDir);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } };
  session.disconnect();
  const byFunction = new Map<string, number>();
  let total = 0;
  const walk = (node: SamplingNode) => {
    const { functionName, url } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
    total += node.selfSize;
    node.children.forEach(walk);
  };
  walk(profile.head);
  console.log(`allocated per load: ${formatBytes(total / sampled)} (sampled over ${sampled} loads); top allocating functions:`);
  for (const [key, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${formatBytes(bytes / sampled).padStart(9)}  ${key}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
