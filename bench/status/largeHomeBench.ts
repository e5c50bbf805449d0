import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeLargeHome } from './largeHome.ts';
import { loadAndResolve, readAndParse } from './engineLoad.ts';
import { median } from './stats.ts';
import { repoRoot } from '../../test/support/runCli.ts';

export interface LargeHomeResult {
  agents: number;
  profilesPerAgent: number;
  storeFiles: number;
  storeBytes: number;
  runs: number;
  engineMs: number[];
  parseMs: number[];
  engineMedianMs: number;
  parseMedianMs: number;
  /** Engine time over read+parse time: how much the engine costs beyond the I/O it cannot avoid. */
  ratio: number;
  resolvedAgents: number;
  memory: { heapGrowth: number; rssGrowth: number; peakRssGrowth: number };
}

/**
 * The engine in this process on a fleet home (loadOpenClawState for every agent + the status
 * snapshot) against reading and JSON.parse-ing the same store files, interleaved after warm-ups.
 */
export function benchLargeHome(options: { agents: number; profilesPerAgent: number; runs: number; warmups: number; keepHome?: boolean }): LargeHomeResult {
  const large = writeLargeHome({ agents: options.agents, profilesPerAgent: options.profilesPerAgent });
  try {
    const timeEngine = () => {
      const start = performance.now();
      const { state } = loadAndResolve(large.home);
      return { ms: performance.now() - start, agents: state.agents.length };
    };
    const timeParse = () => {
      const start = performance.now();
      const parsed = readAndParse(large.storeFiles);
      return { ms: performance.now() - start, files: parsed.length };
    };
    let resolvedAgents = 0;
    for (let i = 0; i < options.warmups; i++) {
      resolvedAgents = timeEngine().agents;
      timeParse();
    }
    const engineMs: number[] = [];
    const parseMs: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      if (i % 2 === 0) {
        engineMs.push(timeEngine().ms);
        parseMs.push(timeParse().ms);
      } else {
        parseMs.push(timeParse().ms);
        engineMs.push(timeEngine().ms);
      }
    }
    const engineMedianMs = median(engineMs);
    const parseMedianMs = median(parseMs);
    return {
      agents: large.agents,
      profilesPerAgent: large.profilesPerAgent,
      storeFiles: large.storeFiles.length,
      storeBytes: large.storeBytes,
      runs: options.runs,
      engineMs,
      parseMs,
      engineMedianMs,
      parseMedianMs,
      ratio: engineMedianMs / parseMedianMs,
      resolvedAgents,
      memory: measureMemory(large.home),
    };
  } finally {
    if (options.keepHome) process.stderr.write(`large home kept at ${large.home}\n`);
    else fs.rmSync(large.home, { recursive: true, force: true });
  }
}

/** Memory is measured in a fresh process: this one's heap already holds the timing runs' garbage. */
function measureMemory(home: string): LargeHomeResult['memory'] {
  const script = path.join(import.meta.dirname, 'memory.ts');
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, home], { encoding: 'utf8', cwd: repoRoot });
  const parsed = JSON.parse(out.trim().split('\n').pop() ?? '{}') as LargeHomeResult['memory'];
  return { heapGrowth: parsed.heapGrowth, rssGrowth: parsed.rssGrowth, peakRssGrowth: parsed.peakRssGrowth };
}
