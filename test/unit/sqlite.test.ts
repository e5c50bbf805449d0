import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadSqlite } from '../../server/src/openclaw/stores/sqliteRead.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { fingerprintTree } from '../support/homeFingerprint.ts';
import { cliPath, repoRoot } from '../support/runCli.ts';
import { holdDatabasesOpen, nodeWithSqlite, runSql, withTempDir, writeTree } from '../support/tree.ts';

/**
 * The SQLite layout of OpenClaw 2026.6.5+ (shared/openclaw/README.md). The databases are built with
 * a Node that has node:sqlite (Node 24 from .cache/node24 when this one is Node 20); the engine runs
 * through our CLI under that Node, and in-process under this one, where it must say it cannot read them.
 */
let sqliteNode = '';
before(() => {
  sqliteNode = nodeWithSqlite() ?? '';
  if (!sqliteNode) {
    execFileSync('bash', [path.join(repoRoot, 'scripts', 'ensure-node24.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
    sqliteNode = nodeWithSqlite() ?? '';
  }
  assert.ok(sqliteNode, 'a Node with node:sqlite is needed (bash scripts/ensure-node24.sh)');
});

const NOW = Date.now();
const AGENT = '.openclaw/agents/main/agent';
const TOKEN = 'sk-ant-oat01-' + 'CANARYSQLMID'.repeat(8) + 'tailTAIL';
const store = { version: 1, profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires: NOW + 2 * 3600e3 }, 'anthropic:key': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'k'.repeat(60) } } };
const config = { meta: { lastTouchedVersion: '2026.9.6' }, agents: { defaults: { model: 'anthropic/claude-sonnet-4-6' } } };

function agentDb(db: string, storeJson: unknown, stateJson?: unknown) {
  runSql(sqliteNode, db, [
    { sql: 'CREATE TABLE auth_profile_store (store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER)' },
    { sql: 'CREATE TABLE auth_profile_state (state_key TEXT PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER)' },
    ...(storeJson === undefined ? [] : [{ sql: 'INSERT INTO auth_profile_store VALUES (?, ?, ?)', params: ['primary', JSON.stringify(storeJson), NOW] }]),
    ...(stateJson === undefined ? [] : [{ sql: 'INSERT INTO auth_profile_state VALUES (?, ?, ?)', params: ['primary', JSON.stringify(stateJson), NOW] }]),
  ]);
}

function globalDb(db: string, rows: Record<string, unknown>) {
  runSql(sqliteNode, db, [
    { sql: 'CREATE TABLE config_machine_state (state_key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at_ms INTEGER)' },
    { sql: 'CREATE TABLE agent_databases (agent_id TEXT PRIMARY KEY, path TEXT)' },
    ...Object.entries(rows).map(([k, v]) => ({ sql: 'INSERT INTO config_machine_state VALUES (?, ?, ?)', params: [k, JSON.stringify(v), NOW] })),
  ]);
}

interface Doc {
  auth: { storePath: string; checkCode: number; providers: { provider: string; effectiveOrder: string[]; profiles: { labels: string[] } }[] };
  openclawAuth: { layout: { kind: string; reason: string }; ruleSet: { version: string; basis: string; reason: string }; store: { kind: string; location: string; exists: boolean }; issues: { code: string; file: string; message: string }[] };
}

function cliUnderSqliteNode(home: string, args: string[] = []): { code: number; doc: Doc; stdout: string; stderr: string } {
  const r = spawnSync(sqliteNode, [cliPath, 'status', '--json', ...args], { env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC' }, cwd: home, encoding: 'utf8', timeout: 30_000 });
  assert.ok(!r.stdout.includes('CANARYSQLMID') && !r.stderr.includes('CANARYSQLMID'), 'the token never appears');
  assert.ok(!/ExperimentalWarning/.test(r.stderr), r.stderr);
  return { code: r.status ?? -1, doc: JSON.parse(r.stdout) as Doc, stdout: r.stdout, stderr: r.stderr };
}

describe('SQLite layout read under Node 24 (through the CLI)', () => {
  it('per-agent database: profiles and the order from auth_profile_state', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config });
      const db = path.join(home, AGENT, 'openclaw-agent.sqlite');
      agentDb(db, store, { version: 1, order: { anthropic: ['anthropic:key', 'anthropic:manual'] } });
      const { doc } = cliUnderSqliteNode(home);
      assert.equal(doc.openclawAuth.layout.kind, 'sqlite');
      assert.equal(doc.auth.storePath, `${db}#auth_profile_store#primary`);
      assert.deepEqual(doc.openclawAuth.issues, []);
      const anthropic = doc.auth.providers.find((p) => p.provider === 'anthropic');
      assert.deepEqual(anthropic?.effectiveOrder, ['anthropic:key', 'anthropic:manual']);
      assert.ok(anthropic?.profiles.labels.includes('anthropic:manual=token:sk-ant-o...tailTAIL'));
      // The 2026.9 rules (the database says so): the model runs on the first usable profile, the
      // key, so the expiring token behind it does not make --check exit 2 (it would under 2026.6).
      assert.deepEqual(doc.openclawAuth.ruleSet, { version: '2026.9', basis: 'store-files', reason: `${db} exists` });
      assert.equal(doc.auth.checkCode, 0);
      assert.equal(cliUnderSqliteNode(home, ['--compat', '2026.6']).doc.auth.checkCode, 2);
      agentDb(db + '-2', store, { version: 1, order: { anthropic: ['anthropic:manual', 'anthropic:key'] } });
      fs.renameSync(db + '-2', db);
      assert.equal(cliUnderSqliteNode(home).doc.auth.checkCode, 2, 'the expiring token first: exit 2');
    }));

  it('shared store in the global database (auth.sharedStore = state-db)', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config });
      const db = path.join(home, '.openclaw/state/openclaw.sqlite');
      globalDb(db, { 'auth.sharedStore': { location: 'state-db' }, 'authProfiles.store': store, 'authProfiles.state': { order: { anthropic: ['anthropic:manual'] } } });
      const { doc } = cliUnderSqliteNode(home);
      assert.equal(doc.auth.storePath, `${db}#config_machine_state#authProfiles.store`);
      assert.deepEqual(doc.auth.providers.find((p) => p.provider === 'anthropic')?.effectiveOrder, ['anthropic:manual']);
    }));

  it('shared store: main\'s own agent database (where order set writes) is laid over it for main only', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': { ...config, agents: { ...config.agents, list: [{ id: 'main', default: true }, { id: 'work' }] } } });
      const global = path.join(home, '.openclaw/state/openclaw.sqlite');
      globalDb(global, { 'auth.sharedStore': { location: 'state-db' }, 'authProfiles.store': store, 'authProfiles.state': { order: { anthropic: ['anthropic:manual', 'anthropic:key'] } } });
      // What 2026.9.6's `models auth order set` leaves in main's own database (seen on its runs).
      agentDb(path.join(home, AGENT, 'openclaw-agent.sqlite'), { version: 1, profiles: {} }, { version: 1, order: { anthropic: ['anthropic:key', 'anthropic:manual'] } });
      const orderOf = (doc: Doc) => doc.auth.providers.find((p) => p.provider === 'anthropic')?.effectiveOrder;
      const main = cliUnderSqliteNode(home).doc;
      assert.equal(main.auth.storePath, `${global}#config_machine_state#authProfiles.store`);
      assert.deepEqual(main.openclawAuth.issues, []);
      assert.deepEqual(orderOf(main), ['anthropic:key', 'anthropic:manual']);
      // Another agent inherits the shared store (loaded without an agent folder), not main's own rows.
      assert.deepEqual(orderOf(cliUnderSqliteNode(home, ['--agent', 'work']).doc), ['anthropic:manual', 'anthropic:key']);
    }));

  it('legacy-main: a global database without auth.sharedStore leaves main in its agent database', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config });
      globalDb(path.join(home, '.openclaw/state/openclaw.sqlite'), { 'authProfiles.store': { version: 1, profiles: {} } });
      const db = path.join(home, AGENT, 'openclaw-agent.sqlite');
      agentDb(db, store);
      const { doc } = cliUnderSqliteNode(home);
      assert.equal(doc.openclawAuth.store.location, `${db}#auth_profile_store#primary`);
      assert.equal(doc.auth.providers.find((p) => p.provider === 'anthropic')?.profiles.labels.length, 2);
    }));

  it('a hand-written auth-profiles.json with an empty SQLite store needs migration', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config, [`${AGENT}/auth-profiles.json`]: store });
      agentDb(path.join(home, AGENT, 'openclaw-agent.sqlite'), undefined);
      const { doc } = cliUnderSqliteNode(home);
      const found = doc.openclawAuth.issues.find((i) => i.code === 'store/retired-json-needs-migration');
      assert.ok(found, JSON.stringify(doc.openclawAuth.issues));
      assert.equal(found.file, path.join(home, AGENT, 'auth-profiles.json'));
      assert.match(found.message, /openclaw doctor --fix/);
      assert.equal(doc.auth.checkCode, 1, 'the JSON file is not read as the truth');
    }));

  it('a hand-written auth-profiles.json beside a SQLite store with profiles is ignored', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config, [`${AGENT}/auth-profiles.json`]: { version: 1, profiles: {} } });
      agentDb(path.join(home, AGENT, 'openclaw-agent.sqlite'), store);
      const { doc } = cliUnderSqliteNode(home);
      assert.deepEqual(doc.openclawAuth.issues.map((i) => i.code), ['store/retired-json-ignored']);
    }));

  it('a store row that is not a store is reported like the JSON file would be', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config });
      agentDb(path.join(home, AGENT, 'openclaw-agent.sqlite'), { 'anthropic:x': { type: 'token', provider: 'anthropic', token: TOKEN } });
      const { doc } = cliUnderSqliteNode(home);
      assert.deepEqual(doc.openclawAuth.issues.map((i) => i.code), ['store/unwrapped-profiles']);
    }));

  it('a corrupt database file: sqlite/unreadable, no crash', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config, [`${AGENT}/openclaw-agent.sqlite`]: 'this is not a database '.repeat(200) });
      const { code, doc } = cliUnderSqliteNode(home);
      assert.equal(code, 0);
      const found = doc.openclawAuth.issues.find((i) => i.code === 'sqlite/unreadable');
      assert.ok(found, JSON.stringify(doc.openclawAuth.issues));
      assert.equal(found.file, path.join(home, AGENT, 'openclaw-agent.sqlite'));
    }));

  it('lastTouchedVersion 2026.9.6 alone means the SQLite layout', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config });
      const { doc } = cliUnderSqliteNode(home);
      assert.equal(doc.openclawAuth.layout.kind, 'sqlite');
      assert.match(doc.openclawAuth.layout.reason, /2026\.9\.6/);
      const old = withTempDir((h2) => {
        writeTree(h2, { '.openclaw/openclaw.json': { meta: { lastTouchedVersion: '2026.6.1' } } });
        return cliUnderSqliteNode(h2).doc.openclawAuth.layout.kind;
      });
      assert.equal(old, 'json');
    }));
});

/** OpenClaw opens its databases in WAL mode; a fixture built that way leaves no -wal once closed. */
const WAL = { sql: 'PRAGMA journal_mode=WAL' };
const GATEWAY_PRAGMAS = [WAL, { sql: 'PRAGMA wal_autocheckpoint=0' }];
const FRESH = { version: 1, profiles: { 'openai:fresh': { type: 'api_key', provider: 'openai', key: 'sk-proj-' + 'CANARYSQLMID'.repeat(4) } } };
const STATUS_RUNS = [[], ['--check'], ['--agent', 'main']];

/** Runs status in every form and asserts nothing under the home changed: names, bytes, modes, owners, times. */
function statusLeavesHomeAsItWas(home: string): Doc {
  const before = fingerprintTree(home);
  const { doc } = cliUnderSqliteNode(home);
  for (const args of STATUS_RUNS) cliUnderSqliteNode(home, args);
  assert.deepEqual(fingerprintTree(home), before);
  return doc;
}

async function withTempHome(fn: (home: string) => Promise<void>): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-unit-'));
  try {
    await fn(home);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const profileIds = (doc: Doc) => doc.auth.providers.flatMap((p) => p.profiles.labels.map((l) => l.split('=')[0]));

describe('status never writes to a SQLite home', () => {
  it('gateway stopped: WAL databases are read without leaving -wal or -shm files', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config });
      const agent = path.join(home, AGENT, 'openclaw-agent.sqlite');
      const global = path.join(home, '.openclaw/state/openclaw.sqlite');
      runSql(sqliteNode, agent, [WAL]);
      agentDb(agent, store);
      runSql(sqliteNode, global, [WAL]);
      globalDb(global, {});
      assert.ok(!fs.existsSync(agent + '-wal') && !fs.existsSync(global + '-wal'), 'the fixture starts closed');
      const doc = statusLeavesHomeAsItWas(home);
      assert.deepEqual(doc.openclawAuth.issues, []);
      assert.deepEqual(profileIds(doc).sort(), ['anthropic:key', 'anthropic:manual']);
    }));

  it('gateway running: rows only in the -wal are read, and -wal/-shm keep every byte', () =>
    withTempHome(async (home) => {
      writeTree(home, { '.openclaw/openclaw.json': config });
      const global = path.join(home, '.openclaw/state/openclaw.sqlite');
      runSql(sqliteNode, global, [WAL]);
      globalDb(global, { 'auth.sharedStore': { location: 'state-db' }, 'authProfiles.store': store });
      const gateway = await holdDatabasesOpen(sqliteNode, [
        { database: global, statements: [...GATEWAY_PRAGMAS, { sql: "UPDATE config_machine_state SET value_json = ? WHERE state_key = 'authProfiles.store'", params: [JSON.stringify(FRESH)] }] },
      ]);
      try {
        assert.ok(fs.existsSync(global + '-wal') && fs.existsSync(global + '-shm'), 'the gateway holds WAL files');
        const doc = statusLeavesHomeAsItWas(home);
        assert.deepEqual(profileIds(doc), ['openai:fresh'], 'the committed row still only in the WAL is what counts');
      } finally {
        await gateway.release();
      }
    }));

  it('a -wal without its -shm (the gateway died): the WAL is replayed on a private copy, no -shm appears', () =>
    withTempHome(async (home) => {
      writeTree(home, { '.openclaw/openclaw.json': config });
      const live = path.join(home, 'live.sqlite');
      runSql(sqliteNode, live, [WAL]);
      agentDb(live, store);
      const gateway = await holdDatabasesOpen(sqliteNode, [
        { database: live, statements: [...GATEWAY_PRAGMAS, { sql: "UPDATE auth_profile_store SET store_json = ? WHERE store_key = 'primary'", params: [JSON.stringify(FRESH)] }] },
      ]);
      const agent = path.join(home, AGENT, 'openclaw-agent.sqlite');
      try {
        fs.mkdirSync(path.dirname(agent), { recursive: true });
        fs.copyFileSync(live, agent);
        fs.copyFileSync(live + '-wal', agent + '-wal');
      } finally {
        await gateway.release();
      }
      for (const f of ['live.sqlite', 'live.sqlite-wal', 'live.sqlite-shm']) fs.rmSync(path.join(home, f), { force: true });
      const doc = statusLeavesHomeAsItWas(home);
      assert.ok(!fs.existsSync(agent + '-shm'));
      assert.deepEqual(profileIds(doc), ['openai:fresh']);
    }));

  it('a database locked mid-write by another process: its last commit is read at once, no wait', () =>
    withTempHome(async (home) => {
      writeTree(home, { '.openclaw/openclaw.json': config });
      const agent = path.join(home, AGENT, 'openclaw-agent.sqlite');
      agentDb(agent, store); // rollback-journal mode: the writer holds an exclusive lock and a -journal
      const writer = await holdDatabasesOpen(sqliteNode, [
        { database: agent, statements: [{ sql: 'BEGIN EXCLUSIVE' }, { sql: "UPDATE auth_profile_store SET store_json = ? WHERE store_key = 'primary'", params: [JSON.stringify(FRESH)] }] },
      ]);
      try {
        assert.ok(fs.existsSync(agent + '-journal'), 'the writer is mid-transaction');
        const started = Date.now();
        const doc = statusLeavesHomeAsItWas(home);
        assert.ok(Date.now() - started < 25_000, 'no hang');
        assert.deepEqual(profileIds(doc).sort(), ['anthropic:key', 'anthropic:manual'], 'the uncommitted update is not seen');
        assert.deepEqual(doc.openclawAuth.issues, []);
      } finally {
        await writer.release();
      }
    }));

  it('a corrupt database: sqlite/unreadable, the file left as it was', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config, [`${AGENT}/openclaw-agent.sqlite`]: 'SQLite format 3\0' + 'garbage '.repeat(600) });
      const doc = statusLeavesHomeAsItWas(home);
      const found = doc.openclawAuth.issues.find((i) => i.code === 'sqlite/unreadable');
      assert.ok(found, JSON.stringify(doc.openclawAuth.issues));
      assert.match(found.message, /^Cannot read this SQLite database \(.+\)\.$/);
    }));

  it('a folder where the database belongs: sqlite/not-a-file, exit 1 like a missing store', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config, [`${AGENT}/openclaw-agent.sqlite/keep`]: '' });
      const doc = statusLeavesHomeAsItWas(home);
      const found = doc.openclawAuth.issues.find((i) => i.code === 'sqlite/not-a-file');
      assert.ok(found, JSON.stringify(doc.openclawAuth.issues));
      assert.match(found.message, /A folder stands where OpenClaw keeps this SQLite database/);
      assert.equal(cliUnderSqliteNode(home, ['--check']).code, 1);
    }));

  it('a database that keeps changing under the read is retried briefly, then reported busy', () =>
    withTempDir((home) => {
      const db = path.join(home, 'busy.sqlite');
      agentDb(db, store);
      const probe = (touches: number) => {
        const r = spawnSync(sqliteNode, ['--no-warnings', '--import', 'tsx', path.join(repoRoot, 'test/support/sqliteReadProbe.ts'), db, String(touches)], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
        assert.equal(r.status, 0, r.stderr);
        return JSON.parse(r.stdout) as { result: { kind: string; value?: number; issue?: { code: string; message: string } }; touchesLeft: number };
      };
      const once = probe(1);
      assert.deepEqual(once.result, { kind: 'ok', value: 1 }, 'one racing write: read again, then fine');
      const always = probe(1000);
      assert.equal(once.touchesLeft, 0);
      assert.equal(always.result.kind, 'failed');
      assert.equal(always.result.issue?.code, 'sqlite/busy');
      assert.match(always.result.issue?.message ?? '', /kept changing while it was being read/);
      assert.ok(always.touchesLeft > 900, 'a handful of attempts, not a long wait');
    }));
});

describe('SQLite layout on a Node without node:sqlite', { skip: loadSqlite() !== null && 'this Node has node:sqlite; covered by the CLI cases' }, () => {
  it('says clearly that this Node cannot read the store, and claims no migration', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config, [`${AGENT}/auth-profiles.json`]: store });
      agentDb(path.join(home, AGENT, 'openclaw-agent.sqlite'), store);
      const before = fingerprintTree(home);
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      assert.deepEqual(fingerprintTree(home), before);
      assert.equal(state.layout.kind, 'sqlite');
      assert.deepEqual(state.issues.map((i) => i.code), ['sqlite/unavailable']);
      assert.match(state.issues[0]!.message, /needs Node 22\.5 or newer to read \(this is Node 20\./);
      // The store is not read, so nothing is invented from the retired JSON file either.
      assert.deepEqual(state.agents[0]?.store.profiles, {});
      assert.ok(fs.existsSync(path.join(home, AGENT, 'auth-profiles.json')));
    }));
});
