/**
 * Child process of the large-home bench: how much heap and RSS the engine's resolved state for one
 * home holds, measured after full GCs so garbage does not count, then the same with the status
 * snapshot built from it, and the peak RSS on the way.
 *   node --expose-gc --import tsx bench/status/memory.ts HOME   →  one JSON line on stdout
 */
import { loadAndResolve, snapshotOf } from './engineLoad.ts';

const home = process.argv[2];
if (!home) throw new Error('usage: memory.ts HOME');
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc');
const settled = () => {
  collect();
  collect();
  return process.memoryUsage();
};

// Load the modules (and their one-time setup) on a home that does not exist, so only the state counts.
snapshotOf(loadAndResolve('/nonexistent-openclaw-home'));
const before = settled();
const state = loadAndResolve(home);
const afterState = settled();
const snapshot = snapshotOf(state);
const peakRss = process.resourceUsage().maxRSS * 1024;
const afterSnapshot = settled();
process.stdout.write(JSON.stringify({
  agents: state.agents.length,
  snapshotAgents: snapshot.agents.length,
  heapGrowth: afterState.heapUsed - before.heapUsed,
  heapGrowthWithSnapshot: afterSnapshot.heapUsed - before.heapUsed,
  rssGrowth: afterState.rss - before.rss,
  peakRssGrowth: peakRss - before.rss,
}) + '\n');
