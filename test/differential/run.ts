/**
 * Differential test against the live peer: generates random OpenClaw homes, runs the real
 * `openclaw models status --json --check` and ours on identical copies, and reports agreement.
 * Every disagreement is a bug in ours or a documented, deliberate difference (knownDifferences.ts).
 *
 *   node --import tsx test/differential/run.ts [--count 200] [--seed 1] [--version 2026.6.1] [--compat 2026.3]
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { normalizeStatus, parseStatusOutput, type NormalizedAuth } from '../support/normalize.ts';
import { repoRoot, runOurCli } from '../support/runCli.ts';
import { generateHome } from './generate.ts';
import { ensurePeer, runPeer } from './peer.ts';
import { explainDifference } from './knownDifferences.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: process.env.DIFF_COUNT ?? '200' },
    seed: { type: 'string', default: '1' },
    version: { type: 'string', default: '2026.6.1' },
    compat: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
  },
});
const count = Number(values.count);
const firstSeed = Number(values.seed);
const compatArgs = values.compat ? ['--compat', values.compat] : [];
const outDir = path.join(repoRoot, 'test-results', 'differential', values.version + (values.compat ? `-compat-${values.compat}` : ''));
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const peer = ensurePeer(values.version);
const NOW_SLACK_NOTE = 'both runs start within seconds of materialization; generated expiries stay ≥ 20 min from every threshold';

interface Outcome {
  seed: number;
  agree: boolean;
  documented?: string;
  ours?: { auth: NormalizedAuth; check: number };
  theirs?: { auth: NormalizedAuth; check: number } | { error: string };
}

async function compareOne(seed: number): Promise<Outcome> {
  const c = generateHome(seed);
  const now = Date.now();
  // Separate copies: OpenClaw may migrate legacy files while it reads; ours must see the original.
  const ourHome = tempHome('oc-ours-');
  const theirHome = tempHome('oc-theirs-');
  try {
    const { env, args } = materializeCase(c, ourHome, now);
    materializeCase(c, theirHome, now);
    const theirEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replaceAll(ourHome, theirHome)]));
    const [theirs, oursRun] = await Promise.all([
      runPeer(peer, theirHome, [...args, '--json', '--check'], theirEnv),
      Promise.resolve(runOurCli(ourHome, [...args, ...compatArgs, '--json', '--check'], env)),
    ]);
    const ours = { auth: normalizeStatus(parseStatusOutput(oursRun.stdout)), check: oursRun.code };
    let theirsParsed: Outcome['theirs'];
    try {
      theirsParsed = { auth: normalizeStatus(parseStatusOutput(theirs.stdout)), check: theirs.code };
    } catch {
      theirsParsed = { error: `no JSON (exit ${theirs.code}): ${theirs.stderr.split('\n').slice(0, 3).join(' | ')}` };
    }
    let agree = false;
    if (!('error' in theirsParsed)) {
      try {
        assert.deepEqual(ours, theirsParsed);
        agree = true;
      } catch {
        agree = false;
      }
    }
    const outcome: Outcome = { seed, agree, ours, theirs: theirsParsed };
    if (!agree) {
      const documented = explainDifference(c, ours, theirsParsed);
      if (documented) outcome.documented = documented;
      fs.writeFileSync(path.join(outDir, `seed-${seed}.json`), JSON.stringify({ case: c, ours, theirs: theirsParsed, documented }, null, 1));
    }
    return outcome;
  } finally {
    fs.rmSync(ourHome, { recursive: true, force: true });
    fs.rmSync(theirHome, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const seeds = Array.from({ length: count }, (_, i) => firstSeed + i);
  const outcomes: Outcome[] = [];
  const workers = Array.from({ length: Number(values.concurrency) }, async () => {
    while (seeds.length > 0) {
      const seed = seeds.shift() as number;
      const o = await compareOne(seed);
      outcomes.push(o);
      if (outcomes.length % 20 === 0) process.stdout.write(`  ${outcomes.length}/${count}\n`);
    }
  });
  await Promise.all(workers);

  const agreed = outcomes.filter((o) => o.agree).length;
  const documented = outcomes.filter((o) => !o.agree && o.documented);
  const bugs = outcomes.filter((o) => !o.agree && !o.documented).sort((a, b) => a.seed - b.seed);
  const summary = {
    version: values.version,
    compat: values.compat ?? null,
    homes: count,
    agreed,
    documentedDifferences: documented.length,
    undocumented: bugs.map((b) => b.seed),
    note: NOW_SLACK_NOTE,
  };
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 1));
  console.log(`differential vs openclaw ${values.version}${values.compat ? ` (ours with --compat ${values.compat})` : ''}: ${agreed}/${count} agree, ${documented.length} documented differences, ${bugs.length} undocumented`);
  for (const d of documented.slice(0, 10)) console.log(`  documented seed ${d.seed}: ${d.documented}`);
  for (const b of bugs.slice(0, 10)) console.log(`  DISAGREE seed ${b.seed}: see ${path.relative(repoRoot, path.join(outDir, `seed-${b.seed}.json`))}`);
  return bugs.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
