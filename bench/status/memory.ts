/**
 * Child process of the large-home bench: measures how much heap and RSS the engine's resolved state
 * for one home holds (after a full GC, so garbage does not count) and the peak RSS on the way.
 *   node --expose-gc --import tsx bench/status/memory.ts HOME   →  one JSON line on stdout
 */
import { loadAndResolve } from './engineLoad.ts';

const home = process.argv[2];
if (!home) throw new Error('usage: memory.ts HOME');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

// Load the modules (and their one-time setup) on an empty home first, so only the state is counted.
loadAndResolve(process.argv[3] ?? '/nonexistent-home');
gc();
gc();
const before = process.memoryUsage();
const held = loadAndResolve(home);
const peakRssKiB = process.resourceUsage().maxRSS;
gc();
gc();
const after = process.memoryUsage();
process.stdout.write(JSON.stringify({
  agents: held.state.agents.length,
  heapGrowth: after.heapUsed - before.heapUsed,
  rssGrowth: after.rss - before.rss,
  peakRssGrowth: peakRssKiB * 1024 - before.rss,
  rssBefore: before.rss,
  rssAfter: after.rss,
}) + '\n');
