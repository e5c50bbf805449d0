/**
 * Status benchmarks, run by hand (`npm run bench`), never by `npm test`: timings on a shared
 * machine are too noisy to gate commits on. Exits 1 when a target is missed unless --no-fail.
 *
 *   node --import tsx bench/status/run.ts [--runs 5] [--peer-version 2026.6.1] [--agents 200]
 *     [--profiles 50] [--large-runs 9] [--warmups 6] [--metrics-runs 5] [--skip-peer] [--skip-large]
 *     [--skip-metrics] [--keep-home] [--no-fail]
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { cliPath } from '../../test/support/runCli.ts';
import { compareCliWithPeer } from './cliVsPeer.ts';
import { loadEngineBundle } from './engineBundle.ts';
import { benchLargeHome, type Series } from './largeHomeBench.ts';
import { benchMetricsVsStatus, type CliSeries } from './metricsVsStatus.ts';
import { formatBytes, formatMs, formatSamples } from './stats.ts';

/** Ours must answer `status --check` at least this many times faster than `openclaw models status --check`. */
const MIN_SPEEDUP = 20;
/** Loading and resolving a home may cost at most this many times reading and parsing its stores. */
const MAX_PARSE_RATIO = 3;
/** `metrics` (every agent as the textfile) may take at most this many times `status --json`'s elapsed time. */
const MAX_METRICS_RATIO = 1.5;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'peer-version': { type: 'string', default: '2026.6.1' },
    agents: { type: 'string', default: '200' },
    profiles: { type: 'string', default: '50' },
    'large-runs': { type: 'string', default: '9' },
    warmups: { type: 'string', default: '6' },
    'skip-peer': { type: 'boolean', default: false },
    'skip-large': { type: 'boolean', default: false },
    'metrics-runs': { type: 'string', default: '5' },
    'skip-metrics': { type: 'boolean', default: false },
    'keep-home': { type: 'boolean', default: false },
    'no-fail': { type: 'boolean', default: false },
  },
});

function positiveInt(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer, got "${raw}"`);
  return n;
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
async function main(): Promise<void> {
  let failed = false;
  console.log(`status bench — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${formatBytes(os.totalmem())} RAM, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`ours runs on Node ${process.versions.node} (${process.execPath})`);

  if (!values['skip-peer']) {
    if (!fs.existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`node scripts/build.mjs\` first`);
    const runs = positiveInt('runs', values.runs);
    const r = await compareCliWithPeer({ runs, peerVersion: values['peer-version'] });
    const ok = r.speedup >= MIN_SPEEDUP;
    failed ||= !ok;
    console.log(`\n1. status --check, ours vs openclaw ${r.peerVersion} (realistic home: 3 agents, api_key/token/oauth, env keys; ${runs} interleaved runs after a warm-up)`);
    console.log(`   ours    node dist/cli.js status --check        median ${formatMs(r.oursMedianMs)}  [${formatSamples(r.oursMs)}]  exit ${r.oursCheck}`);
    console.log(`   theirs  openclaw models status --check         median ${formatMs(r.theirsMedianMs)}  [${formatSamples(r.theirsMs)}]  exit ${r.theirsCheck}`);
    if (r.oursCheck !== r.theirsCheck) console.log(`   note: the exit codes differ (${r.oursCheck} vs ${r.theirsCheck}); see the differential test`);
    console.log(`   ours is ${r.speedup.toFixed(1)}× faster (target ≥ ${MIN_SPEEDUP}×): ${verdict(ok)}`);
  }

  if (!values['skip-large']) {
    const agents = positiveInt('agents', values.agents);
    const profilesPerAgent = positiveInt('profiles', values.profiles);
    const runs = positiveInt('large-runs', values['large-runs']);
    const warmups = positiveInt('warmups', values.warmups);
    const r = benchLargeHome(await loadEngineBundle(), { agents, profilesPerAgent, runs, warmups, keepHome: values['keep-home'] });
    // Elapsed time decides: the target compares times, and what a user waits for is elapsed time.
    // CPU time also counts V8's helper threads (parallel scavenges, concurrent marking), which run
    // beside the engine and shorten its elapsed time; it is printed beside, not judged (bench/README.md).
    const ratio = r.engine.medianWallMs / r.parse.medianWallMs;
    const cpuRatio = r.engine.medianCpuMs / r.parse.medianCpuMs;
    const ok = ratio <= MAX_PARSE_RATIO;
    failed ||= !ok;
    const row = (label: string, s: Series) =>
      `   ${label.padEnd(58)} cpu ${formatMs(s.medianCpuMs).padStart(8)}  wall ${formatMs(s.medianWallMs).padStart(8)}  [cpu ${formatSamples(s.samples.map((x) => x.cpuMs))}]`;
    console.log(`\n2. large home in-process, engine as shipped (esbuild bundle, minified): ${r.agents} agents × ${r.profilesPerAgent} profiles (${r.storeFiles} store files, ${formatBytes(r.storeBytes)}; medians of ${runs} interleaved runs after ${warmups} warm-ups)`);
    console.log(row(`engine: loadOpenClawState, ${r.resolvedAgents} agents resolved`, r.engine));
    console.log(row('  of which the stores: JsonFileStoreSource.load per agent', r.storesOnly));
    console.log(row('baseline: readFileSync + JSON.parse of the store files', r.parse));
    console.log(row('(not in the target) buildStatusSnapshot of that state', r.snapshot));
    console.log(`   engine / baseline = ${ratio.toFixed(2)}× wall (target ≤ ${MAX_PARSE_RATIO}×): ${verdict(ok)}; ${cpuRatio.toFixed(2)}× cpu (all threads, not judged)`);
    const gcRatio = r.afterFullGc.engine.medianCpuMs / r.afterFullGc.parse.medianCpuMs;
    console.log(row(`(not in the target) engine right after a full GC`, r.afterFullGc.engine));
    console.log(row(`(not in the target) baseline right after a full GC`, r.afterFullGc.parse));
    console.log(`   after a full GC: ${gcRatio.toFixed(2)}× cpu, ${(r.afterFullGc.engine.medianWallMs / r.afterFullGc.parse.medianWallMs).toFixed(2)}× wall`);
    console.log(`   with the snapshot: ${((r.engine.medianCpuMs + r.snapshot.medianCpuMs) / r.parse.medianCpuMs).toFixed(2)}× cpu`);
    console.log(`   memory held (fresh process, after full GC): state heap +${formatBytes(r.memory.heapGrowth)}, with snapshot +${formatBytes(r.memory.heapGrowthWithSnapshot)}; RSS +${formatBytes(r.memory.rssGrowth)}, peak RSS +${formatBytes(r.memory.peakRssGrowth)}`);
  }

  if (!values['skip-metrics']) {
    if (!fs.existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`node scripts/build.mjs\` first`);
    const runs = positiveInt('metrics-runs', values['metrics-runs']);
    const r = benchMetricsVsStatus({ agents: positiveInt('agents', values.agents), profilesPerAgent: positiveInt('profiles', values.profiles), runs, keepHome: values['keep-home'] });
    const ratio = r.metrics.medianWallMs / r.status.medianWallMs;
    const ok = ratio <= MAX_METRICS_RATIO;
    failed ||= !ok;
    const row = (label: string, s: CliSeries) =>
      `   ${label.padEnd(40)} wall ${formatMs(s.medianWallMs).padStart(8)}  cpu ${formatMs(s.medianCpuMs).padStart(8)}  peak RSS ${formatBytes(s.medianMaxRssBytes).padStart(9)}  output ${formatBytes(s.outputBytes).padStart(9)}  [wall ${formatSamples(s.samples.map((x) => x.wallMs))}]`;
    console.log(`\n3. metrics beside status, the CLI as a timer runs it (fresh process each): ${r.agents} agents × ${r.profilesPerAgent} profiles (medians of ${runs} alternating runs after a warm-up pair)`);
    console.log(row('status --json --daemon (one agent printed)', r.status));
    console.log(row(`metrics --daemon (${r.metricsSeries} series)`, r.metrics));
    console.log(`   metrics / status = ${ratio.toFixed(2)}× wall (target ≤ ${MAX_METRICS_RATIO}×): ${verdict(ok)}; ${(r.metrics.medianCpuMs / r.status.medianCpuMs).toFixed(2)}× cpu, ${(r.metrics.medianMaxRssBytes / r.status.medianMaxRssBytes).toFixed(2)}× peak RSS`);
  }

  console.log(`\n${failed ? 'FAIL' : 'PASS'}${failed && values['no-fail'] ? ' (--no-fail: exit 0)' : ''}`);
  process.exitCode = failed && !values['no-fail'] ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message ?? String(error)}`);
  process.exitCode = 2;
});
