/**
 * Differential test against the live peer: generates random OpenClaw homes, runs the real
 * `openclaw models status --json --check` and ours on identical copies, and reports agreement.
 * Every disagreement is a bug in ours or a documented, deliberate difference (knownDifferences.ts).
 *
 *   node --import tsx test/differential/run.ts [--count 200] [--seed 1] [--concurrency 2]
 *       [--peer 2026.6.1] [--compat 2026.3] [--all] [--paths] [--extended]
 *
 * One column by default: the reference, OpenClaw 2026.6.1, against ours as is. `--peer 2026.3.13
 * --compat 2026.3` compares ours under `--compat 2026.3` with that release; `--all` runs every
 * column of COLUMN_EXPECTATIONS. A final table says, per column, how many homes agree, disagree
 * without a documented reason, or differ in a documented way. The run fails when a column's share
 * of agreeing or documented homes is below what docs/differences.md promises for it (the
 * reference: every home).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REFUSAL_CODES } from '../../server/src/openclaw/config/configRefusals.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { normalizeStatus, parseStatusOutput } from '../support/normalize.ts';
import { repoRoot, runOurCli } from '../support/runCli.ts';
import { generateHome } from './generate.ts';
import { ensurePeer, runPeer } from './peer.ts';
import { convertToSqlite, ensureSqliteTemplates, type SqliteTemplates } from './sqliteColumn.ts';

/** Releases that keep credentials in SQLite: their column's homes are upgraded from JSON first (sqliteColumn.ts). */
const SQLITE_PEERS = new Set(['2026.9.6']);
type Peer = { bin: string; nodeBin: string; sqliteTemplates?: SqliteTemplates };
import { COLUMN_EXPECTATIONS, expectationFor, explainDifference, meetsExpectation, type Column, type PeerResult, type Result } from './knownDifferences.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: process.env.DIFF_COUNT ?? '200' },
    seed: { type: 'string', default: '1' },
    peer: { type: 'string' },
    /** Older spelling of --peer. */
    version: { type: 'string' },
    compat: { type: 'string' },
    all: { type: 'boolean', default: false },
    /** Homes that also use OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH / OPENCLAW_AGENT_DIR. */
    paths: { type: 'boolean', default: false },
    extended: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '2' },
  },
});
const count = Number(values.count);
const firstSeed = Number(values.seed);
const concurrency = Math.max(1, Number(values.concurrency));
const NOW_SLACK_NOTE = 'both runs start within seconds of materialization; generated expiries stay ≥ 20 min from every threshold';

interface Outcome {
  seed: number;
  agree: boolean;
  documented?: string;
}

interface ColumnReport {
  column: Column;
  homes: number;
  agree: number;
  disagree: number[];
  documented: { seed: number; reason: string }[];
  minExplained: number;
  passed: boolean;
}

function columnLabel(c: Column): string {
  return c.compat ? `${c.peer} (ours --compat ${c.compat})` : c.peer;
}

function columnDir(c: Column): string {
  return path.join(repoRoot, 'test-results', 'differential', c.peer + (c.compat ? `-compat-${c.compat}` : ''));
}

async function compareOne(column: Column, peer: Peer, outDir: string, seed: number): Promise<Outcome> {
  const c = generateHome(seed, { paths: values.paths, extended: values.extended });
  const now = Date.now();
  // Separate copies: OpenClaw may migrate legacy files while it reads; ours must see the original.
  const ourHome = tempHome('oc-ours-');
  const theirHome = tempHome('oc-theirs-');
  try {
    const { env, args } = materializeCase(c, ourHome, now);
    let variant: string | undefined;
    if (peer.sqliteTemplates) {
      // The SQLite column: the JSON home upgraded once, then copied, so both sides get the same bytes.
      variant = convertToSqlite(peer, peer.sqliteTemplates, ourHome, seed);
      fs.rmSync(theirHome, { recursive: true, force: true });
      fs.cpSync(ourHome, theirHome, { recursive: true });
    } else materializeCase(c, theirHome, now);
    const theirEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replaceAll(ourHome, theirHome)]));
    // The JSON columns name their rules: an openclaw on this machine's PATH must not pick them for a home that names no release.
    const compatArgs = column.compat ? ['--compat', column.compat] : peer.sqliteTemplates ? [] : ['--compat', '2026.6'];
    const theirRun = runPeer(peer, theirHome, [...args, '--json', '--check'], theirEnv);
    // The peer's openclaw on our PATH too: a home that names no release is judged by it, as a user's would be.
    const ourEnv = peer.sqliteTemplates ? { ...env, PATH: `${path.dirname(peer.bin)}:${peer.nodeBin}:${process.env.PATH ?? ''}` } : env;
    // Under the peer's Node (24) on a SQLite home: reading SQLite needs node:sqlite, as OpenClaw 2026.9 needs Node 24.
    const oursRun = runOurCli(ourHome, [...args, ...compatArgs, '--json', '--check'], ourEnv, peer.sqliteTemplates ? path.join(peer.nodeBin, 'node') : process.execPath);
    const theirs = await theirRun;
    const ours: Result = { auth: normalizeStatus(parseStatusOutput(oursRun.stdout)), check: oursRun.code };
    const oursRefusals = refusalCodes(oursRun.stdout);
    let theirsParsed: PeerResult;
    try {
      const doc = parseStatusOutput(theirs.stdout) as ReturnType<typeof parseStatusOutput> & { ok?: boolean; error?: { message?: string } };
      // 2026.9 prints its refusals as JSON: {"ok": false, "error": {…}} and no status.
      if (doc.ok === false) throw new Error(doc.error?.message ?? 'refused');
      theirsParsed = { auth: normalizeStatus(doc), check: theirs.code };
    } catch (error) {
      const refused = (error as Error).message !== 'no JSON in output' && !(error instanceof SyntaxError);
      theirsParsed = { error: refused ? `refused (exit ${theirs.code}): ${(error as Error).message}` : `no JSON (exit ${theirs.code}): ${theirs.stderr.split('\n').slice(0, 3).join(' | ')}` };
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
    const outcome: Outcome = { seed, agree };
    if (!agree) {
      const documented = explainDifference(column, c, ours, theirsParsed, oursRefusals);
      if (documented) outcome.documented = documented;
      fs.writeFileSync(path.join(outDir, `seed-${seed}.json`), JSON.stringify({ column, case: c, ...(variant ? { sqliteVariant: variant } : {}), ours, theirs: theirsParsed, documented }, null, 1));
    }
    return outcome;
  } finally {
    fs.rmSync(ourHome, { recursive: true, force: true });
    fs.rmSync(theirHome, { recursive: true, force: true });
  }
}

/** The codes of our findings that OpenClaw would refuse the config over (our JSON's own `openclawAuth` part). */
function refusalCodes(stdout: string): string[] {
  const parsed = parseStatusOutput(stdout) as { openclawAuth?: { openclawRefuses?: boolean; issues?: { code: string }[] } };
  if (!parsed.openclawAuth?.openclawRefuses) return [];
  return (parsed.openclawAuth.issues ?? []).map((i) => i.code).filter((code) => REFUSAL_CODES.has(code));
}

async function runColumn(column: Column): Promise<ColumnReport> {
  const outDir = columnDir(column);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const installed = ensurePeer(column.peer);
  const peer: Peer = SQLITE_PEERS.has(column.peer) ? { ...installed, sqliteTemplates: ensureSqliteTemplates(installed, column.peer) } : installed;
  const seeds = Array.from({ length: count }, (_, i) => firstSeed + i);
  const outcomes: Outcome[] = [];
  const workers = Array.from({ length: concurrency }, async () => {
    for (let seed = seeds.shift(); seed !== undefined; seed = seeds.shift()) {
      outcomes.push(await compareOne(column, peer, outDir, seed));
      if (outcomes.length % 20 === 0) process.stdout.write(`  ${columnLabel(column)}: ${outcomes.length}/${count}\n`);
    }
  });
  await Promise.all(workers);
  outcomes.sort((a, b) => a.seed - b.seed);

  const agree = outcomes.filter((o) => o.agree).length;
  const documented = outcomes.flatMap((o) => (!o.agree && o.documented ? [{ seed: o.seed, reason: o.documented }] : []));
  const disagree = outcomes.filter((o) => !o.agree && !o.documented).map((o) => o.seed);
  const minExplained = expectationFor(column);
  const passed = meetsExpectation(column, count, agree, documented.length);
  const report: ColumnReport = { column, homes: count, agree, disagree, documented, minExplained, passed };
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify({ ...report, firstSeed, note: NOW_SLACK_NOTE }, null, 1));
  for (const d of documented.slice(0, 10)) console.log(`  documented seed ${d.seed}: ${d.reason}`);
  for (const seed of disagree.slice(0, 10)) console.log(`  DISAGREE seed ${seed}: see ${path.relative(repoRoot, path.join(outDir, `seed-${seed}.json`))}`);
  return report;
}

/** The summary table, as Markdown so it can go into docs/differences.md as printed. */
function summaryTable(reports: ColumnReport[]): string {
  const rows = reports.map((r) => {
    const need = r.minExplained === 1 ? 'all' : `≥ ${Math.round(r.minExplained * 100)}%`;
    return `| ${columnLabel(r.column)} | ${r.homes} | ${r.agree} | ${r.disagree.length} | ${r.documented.length} | ${need} | ${r.passed ? 'pass' : 'FAIL'} |`;
  });
  return [
    `seeds ${firstSeed}..${firstSeed + count - 1}; disagree = not explained by knownDifferences.ts; required = agree + documented`,
    '| version | homes | agree | disagree | documented differences | required | result |',
    '|---|---:|---:|---:|---:|---|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<number> {
  const single: Column = { peer: values.peer ?? values.version ?? '2026.6.1', ...(values.compat ? { compat: values.compat } : {}) };
  const columns: Column[] = values.all ? COLUMN_EXPECTATIONS.map(({ peer, compat }) => ({ peer, ...(compat ? { compat } : {}) })) : [single];
  const reports: ColumnReport[] = [];
  for (const column of columns) reports.push(await runColumn(column));
  const table = summaryTable(reports);
  console.log(`\n${table}`);
  fs.writeFileSync(path.join(repoRoot, 'test-results', 'differential', 'summary.md'), `${table}\n`);
  return reports.every((r) => r.passed) ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
