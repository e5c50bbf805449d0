import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { repoRoot } from '../../test/support/runCli.ts';
import { writeLargeHome } from './largeHome.ts';
import type { EngineModule } from './engineBundle.ts';
import { median } from './stats.ts';
import { timeSync, type Timing } from './timing.ts';

export interface Series {
  samples: Timing[];
  medianWallMs: number;
  medianCpuMs: number;
}

export interface LargeHomeResult {
  agents: number;
  profilesPerAgent: number;
  storeFiles: number;
  storeBytes: number;
  runs: number;
  resolvedAgents: number;
  /** loadOpenClawState: read, validate and resolve every agent. */
  engine: Series;
  /** The part of the engine that reads the stores (JsonFileStoreSource.load per agent). */
  storesOnly: Series;
  /** buildStatusSnapshot of that state (the server's message to the client). */
  snapshot: Series;
  /** readFileSync + JSON.parse of the same store files. */
  parse: Series;
  /** The engine and the baseline again, each right after a full GC (reported, not judged). */
  afterFullGc: { engine: Series; parse: Series };
  memory: { heapGrowth: number; heapGrowthWithSnapshot: number; rssGrowth: number; peakRssGrowth: number };
}

function series(samples: Timing[]): Series {
  return { samples, medianWallMs: median(samples.map((s) => s.wallMs)), medianCpuMs: median(samples.map((s) => s.cpuMs)) };
}

/**
 * The engine in this process on a fleet home against reading and JSON.parse-ing the same store
 * files, interleaved (which goes first alternates) after warm-ups that let the JIT settle. Both
 * come from `engineModule`: the shipped bundle (engineBundle.ts) when judging the target.
 */
export function benchLargeHome(
  engineModule: EngineModule,
  options: { agents: number; profilesPerAgent: number; runs: number; warmups: number; keepHome?: boolean },
): LargeHomeResult {
  const { loadAndResolve, loadStoresOnly, readAndParse, snapshotOf } = engineModule;
  const large = writeLargeHome({ agents: options.agents, profilesPerAgent: options.profilesPerAgent });
  try {
    const engine: Timing[] = [];
    const snapshot: Timing[] = [];
    const parse: Timing[] = [];
    const storesOnly: Timing[] = [];
    const agentDirs = [...new Set(large.storeFiles.map((f) => path.dirname(f)))];
    let resolvedAgents = 0;
    // The target's two sides alternate with nothing else between them: whatever garbage one run
    // leaves, the other run's side has left the same kind. The diagnostic rows come afterwards.
    const runEngine = (record: boolean) => {
      const loaded = timeSync(() => loadAndResolve(large.home));
      resolvedAgents = loaded.result.agents.length;
      if (record) engine.push(loaded.timing);
    };
    const runParse = (record: boolean) => {
      const parsed = timeSync(() => readAndParse(large.storeFiles));
      if (parsed.result.length !== large.storeFiles.length) throw new Error('baseline parsed the wrong number of files');
      if (record) parse.push(parsed.timing);
    };
    for (let i = 0; i < options.warmups; i++) {
      runEngine(false);
      runParse(false);
    }
    for (let i = 0; i < options.runs; i++) {
      if (i % 2 === 0) {
        runEngine(true);
        runParse(true);
      } else {
        runParse(true);
        runEngine(true);
      }
    }
    // Diagnostics, not part of the target: the snapshot of a resolved state, and the stores alone.
    for (let i = 0; i < options.runs; i++) {
      const state = loadAndResolve(large.home);
      snapshot.push(timeSync(() => snapshotOf(state)).timing);
      const stores = timeSync(() => loadStoresOnly(agentDirs));
      if (stores.result.some((s) => !s.store)) throw new Error('a generated store did not load');
      storesOnly.push(stores.timing);
    }
    const afterFullGc = measureAfterFullGc(engineModule, large.home, large.storeFiles, Math.max(5, Math.ceil(options.runs / 2)));
    return {
      agents: large.agents,
      profilesPerAgent: large.profilesPerAgent,
      storeFiles: large.storeFiles.length,
      storeBytes: large.storeBytes,
      runs: options.runs,
      resolvedAgents,
      engine: series(engine),
      snapshot: series(snapshot),
      parse: series(parse),
      storesOnly: series(storesOnly),
      afterFullGc,
      memory: measureMemory(large.home),
    };
  } finally {
    if (options.keepHome) process.stderr.write(`large home kept at ${large.home}\n`);
    else fs.rmSync(large.home, { recursive: true, force: true });
  }
}

/**
 * Each run right after a full GC, the previous engine state kept alive as the language server keeps
 * its current state while it loads the next. This is the server's first reload after an idle pause
 * (V8 collects when idle). It used to cost 3× a warm load: a full GC discarded the engine's optimised
 * code when the hidden classes it was built for died (server/src/openclaw/keepShapeAlive.ts).
 */
function measureAfterFullGc(engineModule: EngineModule, home: string, storeFiles: readonly string[], runs: number): { engine: Series; parse: Series } {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const engine: Timing[] = [];
  const parse: Timing[] = [];
  let previous: unknown = engineModule.loadAndResolve(home);
  for (let i = 0; i < runs; i++) {
    gc();
    const loaded = timeSync(() => engineModule.loadAndResolve(home));
    engine.push(loaded.timing);
    previous = loaded.result;
    gc();
    parse.push(timeSync(() => engineModule.readAndParse(storeFiles)).timing);
  }
  void previous;
  return { engine: series(engine), parse: series(parse) };
}

/** Memory is measured in a fresh process: this one's heap already holds the timing runs' garbage. */
function measureMemory(home: string): LargeHomeResult['memory'] {
  const script = path.join(import.meta.dirname, 'memory.ts');
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, home], { encoding: 'utf8', cwd: repoRoot });
  const parsed = JSON.parse(out.trim().split('\n').pop() ?? '{}') as LargeHomeResult['memory'];
  return { heapGrowth: parsed.heapGrowth, heapGrowthWithSnapshot: parsed.heapGrowthWithSnapshot, rssGrowth: parsed.rssGrowth, peakRssGrowth: parsed.peakRssGrowth };
}
