import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliPath } from '../../test/support/runCli.ts';
import { writeLargeHome } from './largeHome.ts';
import { median } from './stats.ts';

/** One run of the CLI as a user's timer would start it: a fresh process, wall time, CPU and peak RSS. */
export interface CliSample {
  wallMs: number;
  cpuMs: number;
  maxRssBytes: number;
  outputBytes: number;
}

export interface CliSeries {
  samples: CliSample[];
  medianWallMs: number;
  medianCpuMs: number;
  medianMaxRssBytes: number;
  outputBytes: number;
}

export interface MetricsBenchResult {
  agents: number;
  profilesPerAgent: number;
  status: CliSeries;
  metrics: CliSeries;
  /** Series lines in the exposition (what node_exporter serves on every scrape). */
  metricsSeries: number;
}

// Loaded before the CLI: at exit, its own CPU time and peak RSS on stderr's last line.
const REPORTER = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nRUSAGE '+JSON.stringify({cpuMs:(u.userCPUTime+u.systemCPUTime)/1000,maxRssBytes:u.maxRSS*1024}))})`;

function runCli(home: string, args: string[]): { sample: CliSample; stdout: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', REPORTER, cliPath, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC' },
    cwd: home,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`openclaw-auth ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const line = r.stderr.split('\n').reverse().find((l) => l.startsWith('RUSAGE '));
  if (!line) throw new Error('no resource report from the CLI');
  const usage = JSON.parse(line.slice('RUSAGE '.length)) as { cpuMs: number; maxRssBytes: number };
  return { sample: { wallMs, ...usage, outputBytes: Buffer.byteLength(r.stdout) }, stdout: r.stdout };
}

function series(samples: CliSample[]): CliSeries {
  return {
    samples,
    medianWallMs: median(samples.map((s) => s.wallMs)),
    medianCpuMs: median(samples.map((s) => s.cpuMs)),
    medianMaxRssBytes: median(samples.map((s) => s.maxRssBytes)),
    outputBytes: samples[0]?.outputBytes ?? 0,
  };
}

/**
 * `metrics` (every agent, with its own models, as the textfile) beside `status --json` (the same
 * load; one agent printed) on the fleet home, each a fresh process, alternating after a warm-up
 * pair so both see the same disk cache and machine load.
 */
export function benchMetricsVsStatus(options: { agents: number; profilesPerAgent: number; runs: number; keepHome?: boolean }): MetricsBenchResult {
  const large = writeLargeHome({ agents: options.agents, profilesPerAgent: options.profilesPerAgent });
  try {
    const statusArgs = ['status', '--json', '--daemon'];
    const metricsArgs = ['metrics', '--daemon'];
    runCli(large.home, statusArgs);
    const first = runCli(large.home, metricsArgs);
    if (first.stdout.includes('CANARY')) throw new Error('a secret reached the metrics');
    const metricsSeries = first.stdout.split('\n').filter((l) => l && !l.startsWith('#')).length;
    const status: CliSample[] = [];
    const metrics: CliSample[] = [];
    for (let i = 0; i < options.runs; i++) {
      status.push(runCli(large.home, statusArgs).sample);
      metrics.push(runCli(large.home, metricsArgs).sample);
    }
    return { agents: options.agents, profilesPerAgent: options.profilesPerAgent, status: series(status), metrics: series(metrics), metricsSeries };
  } finally {
    if (!options.keepHome) fs.rmSync(path.resolve(large.home), { recursive: true, force: true });
  }
}
