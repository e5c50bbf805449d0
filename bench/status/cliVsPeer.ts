import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensurePeer, runPeer } from '../../test/differential/peer.ts';
import { ensureSqliteTemplates, upgradeToSqlite } from '../../test/differential/sqliteColumn.ts';
import { materializeCase, tempHome } from '../../test/support/fakeHome.ts';
import { runOurCli } from '../../test/support/runCli.ts';
import { realisticHome } from './realisticHome.ts';
import { median } from './stats.ts';

export interface CliComparison {
  peerVersion: string;
  runs: number;
  oursMs: number[];
  theirsMs: number[];
  oursMedianMs: number;
  theirsMedianMs: number;
  /** How many times faster ours is: their median over ours. */
  speedup: number;
  oursCheck: number;
  theirsCheck: number;
}

/**
 * `node dist/cli.js status --check` against `openclaw models status --check` on the same home, each
 * in its own copy (OpenClaw writes logs into the home) and with the differential test's env
 * isolation (runOurCli / runPeer: only PATH, HOME, TZ, NO_COLOR and the case's env). Runs are
 * interleaved, the first of each pair alternating, after one warm-up run of each that is not counted.
 */
export async function compareCliWithPeer(options: { runs: number; peerVersion: string; sqlite?: boolean }): Promise<CliComparison> {
  const peer = ensurePeer(options.peerVersion);
  const c = realisticHome();
  const now = Date.now();
  const ourHome = tempHome('oc-bench-ours-');
  const theirHome = tempHome('oc-bench-theirs-');
  try {
    const { env, args } = materializeCase(c, ourHome, now);
    let theirEnv = materializeCase(c, theirHome, now).env;
    if (options.sqlite) {
      // The same home as 2026.9.6's doctor --fix leaves it (test/differential/sqliteColumn.ts), one copy each.
      upgradeToSqlite(peer, ensureSqliteTemplates(peer, options.peerVersion), ourHome, 'doctor');
      fs.rmSync(theirHome, { recursive: true, force: true });
      fs.cpSync(ourHome, theirHome, { recursive: true });
      theirEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replaceAll(ourHome, theirHome)]));
    }
    // Reading SQLite needs node:sqlite: ours then runs on the peer's Node 24, as its users' gateway does.
    const ourNode = options.sqlite ? path.join(peer.nodeBin, 'node') : process.execPath;
    const checkArgs = [...args, '--check'];
    const timeOurs = async () => {
      const start = performance.now();
      const run = runOurCli(ourHome, checkArgs, env, ourNode);
      return { ms: performance.now() - start, code: run.code, stderr: run.stderr };
    };
    const timeTheirs = async () => {
      const start = performance.now();
      const run = await runPeer(peer, theirHome, checkArgs, theirEnv);
      return { ms: performance.now() - start, code: run.code, stderr: run.stderr };
    };
    const warmOurs = await timeOurs();
    const warmTheirs = await timeTheirs();
    // Exit codes above 2 mean a run failed rather than answered: timing it would measure nothing.
    if (warmOurs.code > 2) throw new Error(`our CLI failed (exit ${warmOurs.code}): ${warmOurs.stderr.split('\n')[0]}`);
    if (warmTheirs.code > 2) throw new Error(`openclaw failed (exit ${warmTheirs.code}): ${warmTheirs.stderr.split('\n')[0]}`);

    const oursMs: number[] = [];
    const theirsMs: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const pair = i % 2 === 0 ? [timeOurs, timeTheirs] : [timeTheirs, timeOurs];
      for (const run of pair) {
        const r = await run();
        (run === timeOurs ? oursMs : theirsMs).push(r.ms);
      }
    }
    const oursMedianMs = median(oursMs);
    const theirsMedianMs = median(theirsMs);
    return {
      peerVersion: options.peerVersion,
      runs: options.runs,
      oursMs,
      theirsMs,
      oursMedianMs,
      theirsMedianMs,
      speedup: theirsMedianMs / oursMedianMs,
      oursCheck: warmOurs.code,
      theirsCheck: warmTheirs.code,
    };
  } finally {
    fs.rmSync(ourHome, { recursive: true, force: true });
    fs.rmSync(theirHome, { recursive: true, force: true });
  }
}
