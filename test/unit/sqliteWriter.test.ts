import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadSqlite } from '../../server/src/openclaw/stores/sqliteRead.ts';
import { readSqliteOrder, SqliteStoreWriter, type SqliteWriteTarget } from '../../server/src/openclaw/stores/sqliteWriter.ts';
import { stateLifecycleLockPath } from '../../server/src/openclaw/stores/sqliteWriteLock.ts';
import { oauthProfileLockTarget } from '../../server/src/openclaw/stores/oauthProfileLock.ts';
import { acquireStoreLock } from '../../server/src/openclaw/stores/storeLock.ts';
import { WriteRefused, type CredentialChange } from '../../server/src/openclaw/stores/storeWriter.ts';
import { runTestFileUnderSqliteNode } from '../support/sqliteNode.ts';
import { withTempDir } from '../support/tree.ts';

/**
 * The SQLite-era writer on databases shaped as OpenClaw 2026.9.6 makes them (the tables it writes,
 * their exact columns). node:sqlite is needed: under Node 20 (the suite's Node) this file runs
 * itself again under the project's Node 24 and checks the one-line refusal here.
 */
const sqlite = loadSqlite() as unknown as { DatabaseSync: new (p: string) => { exec(s: string): void; prepare(s: string): { get(...a: unknown[]): Record<string, unknown> | undefined; all(): Record<string, unknown>[]; run(...a: unknown[]): unknown }; close(): void } } | null;
const thisFile = fileURLToPath(import.meta.url);
const CANARY = 'CANARYSQLWRITE';
const token = (c: string) => `sk-ant-oat01-${CANARY}${c.repeat(80)}`;

if (!sqlite) {
  describe('SQLite writer without node:sqlite (Node 20)', () => {
    it('refuses every change with one line, sqlite/unavailable, writing nothing', () =>
      withTempDir((dir) => {
        const writer = new SqliteStoreWriter(targetIn(dir, 'main'));
        const error = catchRefusal(() => writer.apply({ kind: 'order-clear', provider: 'anthropic' }));
        assert.equal(error.code, 'sqlite/unavailable');
        assert.ok(!error.message.includes('\n'));
        assert.deepEqual(fs.readdirSync(dir), []);
      }));

    it('passes its tests under Node 24', () => runTestFileUnderSqliteNode(thisFile, 15, 180_000));
  });
} else {
  describe('SQLite writer (OpenClaw 2026.9.6 layout)', () => {
    it('paste-token for another agent writes its own database, keeping unknown fields; no secret in the result', () =>
      withTempDir((dir) => {
        makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' } });
        const db = makeAgent(dir, 'work', { version: 1, profiles: { 'openai:x': { type: 'api_key', provider: 'openai', key: 'k' } }, extra: { kept: true } });
        const before = Date.now();
        const result = new SqliteStoreWriter(targetIn(dir, 'work')).apply(paste('anthropic:manual', token('a'), 1_900_000_000_000));
        assert.deepEqual(result.written, [`${db}#auth_profile_store#primary`]);
        assert.ok(!JSON.stringify(result).includes(CANARY));
        const row = row1(db, 'SELECT store_json AS v, updated_at AS t FROM auth_profile_store');
        assert.ok(Number(row.t) >= before);
        assert.equal(row.v, JSON.stringify({ version: 1, profiles: { 'openai:x': { type: 'api_key', provider: 'openai', key: 'k' }, 'anthropic:manual': { type: 'token', provider: 'anthropic', expires: 1_900_000_000_000, token: token('a') } }, extra: { kept: true } }));
      }));

    it('paste-token for main goes to authProfiles.store when auth.sharedStore is state-db', () =>
      withTempDir((dir) => {
        const g = makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' } });
        new SqliteStoreWriter(targetIn(dir, 'main')).apply({ kind: 'paste-token', provider: 'anthropic', profileId: 'anthropic:key', secret: 'sk-ant-api03-' + 'k'.repeat(60), credentialType: 'api_key' });
        assert.deepEqual(machineRow(g, 'authProfiles.store'), { version: 1, profiles: { 'anthropic:key': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'k'.repeat(60) } } });
        assert.equal(fs.existsSync(agentDb(dir, 'main')), false);
      }));

    it('a shared store still empty everywhere: auth.sharedStore is claimed for the global database, as OpenClaw\'s first write does', () =>
      withTempDir((dir) => {
        const g = makeGlobal(dir, {});
        const result = new SqliteStoreWriter(targetIn(dir, 'main')).apply(paste('anthropic:manual', token('b')));
        assert.deepEqual(result.written, [`${g}#config_machine_state#auth.sharedStore`, `${g}#config_machine_state#authProfiles.store`]);
        assert.deepEqual(machineRow(g, 'auth.sharedStore'), { location: 'state-db' });
        assert.deepEqual(machineRow(g, 'authProfiles.store'), { version: 1, profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: token('b') } } });
      }));

    it('legacy-main (main\'s own database holds rows, no auth.sharedStore): paste-token stays there', () =>
      withTempDir((dir) => {
        const g = makeGlobal(dir, {});
        const db = makeAgent(dir, 'main', { version: 1, profiles: {} }, { version: 1, lastGood: { anthropic: 'anthropic:old' } });
        new SqliteStoreWriter(targetIn(dir, 'main')).apply(paste('anthropic:manual', token('c')));
        assert.equal(machineRow(g, 'auth.sharedStore'), undefined);
        assert.equal(machineRow(g, 'authProfiles.store'), undefined);
        assert.deepEqual(JSON.parse(String(row1(db, 'SELECT store_json AS v FROM auth_profile_store').v)).profiles['anthropic:manual'].token, token('c'));
      }));

    it('order set writes the agent\'s own state (main included, beside a shared store), with an empty store row where none was; clear deletes an emptied row', () =>
      withTempDir((dir) => {
        makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' }, 'authProfiles.store': { version: 1, profiles: { 'anthropic:a': tok('anthropic'), 'anthropic:b': tok('anthropic'), 'openai:c': tok('openai') } } });
        const db = makeAgent(dir, 'main', undefined);
        const main = new SqliteStoreWriter(targetIn(dir, 'main'));
        const set = main.apply({ kind: 'order-set', provider: 'Anthropic', profileIds: ['anthropic:b', 'anthropic:a', 'anthropic:b'] });
        assert.deepEqual(set.written, [`${db}#auth_profile_store#primary`, `${db}#auth_profile_state#primary`]);
        assert.equal(row1(db, 'SELECT store_json AS v FROM auth_profile_store').v, '{"version":1,"profiles":{}}');
        assert.equal(row1(db, 'SELECT state_json AS v FROM auth_profile_state').v, '{"version":1,"order":{"anthropic":["anthropic:b","anthropic:a"]}}');
        assert.deepEqual(readSqliteOrder(targetIn(dir, 'main'), 'anthropic'), { order: ['anthropic:b', 'anthropic:a'], source: `${db}#auth_profile_state#primary` });
        assert.equal(catchRefusal(() => main.apply({ kind: 'order-set', provider: 'anthropic', profileIds: ['openai:c'] })).code, 'write/provider-mismatch');
        assert.equal(catchRefusal(() => main.apply({ kind: 'order-set', provider: 'anthropic', profileIds: ['anthropic:zz'] })).code, 'write/unknown-profile');
        assert.deepEqual(main.apply({ kind: 'order-clear', provider: 'anthropic' }).written, [`${db}#auth_profile_state#primary`]);
        assert.equal(rows(db, 'SELECT * FROM auth_profile_state').length, 0);
        assert.deepEqual(readSqliteOrder(targetIn(dir, 'main'), 'anthropic'), { order: undefined, source: undefined });
        assert.deepEqual(main.apply({ kind: 'order-clear', provider: 'anthropic' }).written, []);
      }));

    it('order set for another agent accepts profiles inherited from the shared store; clear keeps lastGood', () =>
      withTempDir((dir) => {
        makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' }, 'authProfiles.store': { version: 1, profiles: { 'anthropic:shared': tok('anthropic') } } });
        const db = makeAgent(dir, 'work', { version: 1, profiles: { 'anthropic:own': tok('anthropic') } }, { version: 1, lastGood: { anthropic: 'anthropic:own' } });
        const work = new SqliteStoreWriter(targetIn(dir, 'work'));
        work.apply({ kind: 'order-set', provider: 'anthropic', profileIds: ['anthropic:shared', 'anthropic:own'] });
        assert.deepEqual(JSON.parse(String(row1(db, 'SELECT state_json AS v FROM auth_profile_state').v)), { version: 1, lastGood: { anthropic: 'anthropic:own' }, order: { anthropic: ['anthropic:shared', 'anthropic:own'] } });
        work.apply({ kind: 'order-clear', provider: 'anthropic' });
        assert.equal(row1(db, 'SELECT state_json AS v FROM auth_profile_state').v, '{"version":1,"lastGood":{"anthropic":"anthropic:own"}}');
      }));

    it('remove takes the profile out of the store and its id out of order, lastGood and usageStats', () =>
      withTempDir((dir) => {
        const g = makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' }, 'authProfiles.store': { version: 1, profiles: { 'anthropic:a': tok('anthropic'), 'anthropic:b': tok('anthropic') } }, 'authProfiles.state': { version: 1, usageStats: { 'anthropic:a': { errorCount: 1 } } } });
        const db = makeAgent(dir, 'main', { version: 1, profiles: {} }, { version: 1, order: { anthropic: ['anthropic:a', 'anthropic:b'] }, lastGood: { anthropic: 'anthropic:a' } });
        const main = new SqliteStoreWriter(targetIn(dir, 'main'));
        const result = main.apply({ kind: 'remove', profileId: 'anthropic:a' });
        assert.deepEqual(result.written, [`${g}#config_machine_state#authProfiles.store`, `${db}#auth_profile_state#primary`, `${g}#config_machine_state#authProfiles.state`]);
        assert.deepEqual(machineRow(g, 'authProfiles.store'), { version: 1, profiles: { 'anthropic:b': tok('anthropic') } });
        assert.equal(machineRow(g, 'authProfiles.state'), undefined, 'a state left empty is deleted');
        assert.equal(row1(db, 'SELECT state_json AS v FROM auth_profile_state').v, '{"version":1,"order":{"anthropic":["anthropic:b"]}}');
        assert.equal(catchRefusal(() => main.apply({ kind: 'remove', profileId: 'anthropic:a' })).code, 'write/unknown-profile');
      }));

    it('remove for another agent: its own profile from its own store, else the one it sees in the shared store (as logout does)', () =>
      withTempDir((dir) => {
        const g = makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' }, 'authProfiles.store': { version: 1, profiles: { 'anthropic:m': tok('anthropic'), 'anthropic:s': tok('anthropic') } } });
        const db = makeAgent(dir, 'work', { version: 1, profiles: { 'anthropic:m': tok('anthropic') } }, { version: 1, order: { anthropic: ['anthropic:s', 'anthropic:m'] } });
        const work = new SqliteStoreWriter(targetIn(dir, 'work'));
        assert.deepEqual(work.apply({ kind: 'remove', profileId: 'anthropic:m' }).written, [`${db}#auth_profile_store#primary`, `${db}#auth_profile_state#primary`]);
        assert.deepEqual(machineRow(g, 'authProfiles.store'), { version: 1, profiles: { 'anthropic:m': tok('anthropic'), 'anthropic:s': tok('anthropic') } });
        assert.deepEqual(work.apply({ kind: 'remove', profileId: 'anthropic:s' }).written, [`${g}#config_machine_state#authProfiles.store`, `${db}#auth_profile_state#primary`]);
        assert.deepEqual(machineRow(g, 'authProfiles.store'), { version: 1, profiles: { 'anthropic:m': tok('anthropic') } });
        assert.equal(rows(db, 'SELECT * FROM auth_profile_state').length, 0);
        assert.equal(catchRefusal(() => work.apply({ kind: 'remove', profileId: 'anthropic:zz' })).code, 'write/unknown-profile');
      }));

    it('removing an OAuth profile waits for OpenClaw\'s refresh lock of that profile (taken before any store lock), then removes it', () =>
      withTempDir((dir) => {
        const oauth = { type: 'oauth', provider: 'openai', access: 'a', refresh: 'r', expires: 1 };
        const g = makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' }, 'authProfiles.store': { version: 1, profiles: { 'openai:me': oauth, 'openai:key': tok('openai') } } });
        const lockTarget = oauthProfileLockTarget(dir, 'openai', 'openai:me');
        assert.match(lockTarget, /locks\/oauth-refresh\/lock-[0-9a-f]{32}$/);
        const timing = { retries: 2, factor: 2, minTimeoutMs: 20, maxTimeoutMs: 50, randomize: false, staleMs: 180_000 };
        const main = new SqliteStoreWriter(targetIn(dir, 'main'), { oauthLockTiming: timing });
        const release = acquireStoreLock(lockTarget, timing);
        try {
          assert.equal(catchRefusal(() => main.apply({ kind: 'remove', profileId: 'openai:me' })).code, 'store/locked');
          assert.ok('openai:me' in (machineRow(g, 'authProfiles.store') as { profiles: object }).profiles, 'nothing removed while a refresh holds the lock');
          // A profile of another kind does not wait for it.
          main.apply({ kind: 'remove', profileId: 'openai:key' });
        } finally {
          release();
        }
        main.apply({ kind: 'remove', profileId: 'openai:me' });
        assert.deepEqual(machineRow(g, 'authProfiles.store'), { version: 1, profiles: {} });
        assert.equal(fs.existsSync(`${lockTarget}.lock`), false, 'the lock is released');
      }));

    it('a busy database (another connection holds the write lock): retried for the busy timeout, then sqlite/busy, nothing written', () =>
      withTempDir((dir) => {
        makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' } });
        const db = makeAgent(dir, 'work', { version: 1, profiles: {} });
        const holder = new sqlite.DatabaseSync(db);
        holder.exec('BEGIN IMMEDIATE');
        try {
          const started = Date.now();
          const error = catchRefusal(() => new SqliteStoreWriter(targetIn(dir, 'work'), { busyTimeoutMs: 300 }).apply(paste('anthropic:manual', token('d'))));
          const waited = Date.now() - started;
          assert.equal(error.code, 'sqlite/busy');
          assert.ok(waited >= 250, `waited ${waited} ms`);
        } finally {
          holder.exec('ROLLBACK');
          holder.close();
        }
        assert.equal(row1(db, 'SELECT store_json AS v FROM auth_profile_store').v, '{"version":1,"profiles":{}}');
      }));

    it('OpenClaw\'s state-lifecycle lock held by another process: sqlite/busy, nothing written', () =>
      withTempDir((dir) => {
        const g = makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' } });
        const lockFile = stateLifecycleLockPath(g);
        fs.mkdirSync(path.dirname(lockFile), { recursive: true, mode: 0o700 });
        const holder = new sqlite.DatabaseSync(lockFile);
        holder.exec('PRAGMA journal_mode = MEMORY; BEGIN EXCLUSIVE;');
        try {
          const error = catchRefusal(() => new SqliteStoreWriter(targetIn(dir, 'main'), { busyTimeoutMs: 200 }).apply(paste('anthropic:manual', token('e'))));
          assert.equal(error.code, 'sqlite/busy');
        } finally {
          holder.exec('ROLLBACK');
          holder.close();
        }
        assert.equal(machineRow(g, 'authProfiles.store'), undefined);
        assert.equal(fs.statSync(lockFile).size, 0, 'the lock file stays empty, as OpenClaw leaves it');
      }));

    it('a corrupt database, a folder in its place, a missing one, a newer schema, an unparsable row: refused, nothing written or created', () =>
      withTempDir((dir) => {
        makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' } });
        const work = () => new SqliteStoreWriter(targetIn(dir, 'work')).apply(paste('anthropic:manual', token('f')));
        const db = agentDb(dir, 'work');
        assert.equal(catchRefusal(work).code, 'sqlite/no-database');
        assert.equal(fs.existsSync(db), false);

        fs.mkdirSync(db, { recursive: true });
        assert.equal(catchRefusal(work).code, 'sqlite/not-a-file');
        assert.deepEqual(fs.readdirSync(db), []);
        fs.rmdirSync(db);

        fs.writeFileSync(db, crypto.randomBytes(8192));
        const garbage = fs.readFileSync(db);
        assert.equal(catchRefusal(work).code, 'sqlite/corrupt');
        assert.deepEqual(fs.readFileSync(db), garbage);
        fs.rmSync(db);

        makeAgent(dir, 'work', { version: 1, profiles: {} });
        // A database whose pages were damaged after it was written.
        const good = fs.readFileSync(db);
        const damaged = Buffer.from(good);
        damaged.fill(0xa5, 4096, 8192);
        fs.writeFileSync(db, damaged);
        assert.equal(catchRefusal(work).code, 'sqlite/corrupt');
        assert.deepEqual(fs.readFileSync(db), damaged);
        fs.writeFileSync(db, good);

        exec(db, 'PRAGMA user_version = 99');
        assert.equal(catchRefusal(work).code, 'sqlite/newer-schema');
        exec(db, 'PRAGMA user_version = 23');

        exec(db, `UPDATE auth_profile_store SET store_json = '{"version":1,"profiles":' WHERE store_key = 'primary'`);
        const error = catchRefusal(work);
        assert.equal(error.code, 'sqlite/invalid-json');
        assert.equal(row1(db, 'SELECT store_json AS v FROM auth_profile_store').v, '{"version":1,"profiles":');
        assert.ok(!error.message.includes(CANARY));
      }));

    it('a home OpenClaw has not set up (no state database): refused with what to run, nothing created', () =>
      withTempDir((dir) => {
        const error = catchRefusal(() => new SqliteStoreWriter(targetIn(dir, 'main')).apply(paste('anthropic:manual', token('g'))));
        assert.equal(error.code, 'sqlite/no-database');
        assert.match(error.message, /Run OpenClaw once/);
        assert.deepEqual(fs.readdirSync(dir), []);
      }));

    it('an empty SQLite store beside a retired auth-profiles.json: refused until openclaw doctor --fix imports it', () =>
      withTempDir((dir) => {
        makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' } });
        makeAgent(dir, 'work', { version: 1, profiles: {} });
        fs.writeFileSync(path.join(dir, 'agents/work/agent/auth-profiles.json'), '{"version":1,"profiles":{}}');
        assert.equal(catchRefusal(() => new SqliteStoreWriter(targetIn(dir, 'work')).apply(paste('anthropic:manual', token('h')))).code, 'store/migration-required');
      }));

    it('a live doctor --fix maintenance lease on agent databases: refused', () =>
      withTempDir((dir) => {
        const g = makeGlobal(dir, { 'auth.sharedStore': { location: 'state-db' } });
        exec(g, 'CREATE TABLE state_leases (scope TEXT NOT NULL, lease_key TEXT NOT NULL, owner TEXT NOT NULL, expires_at INTEGER, heartbeat_at INTEGER, payload_json TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (scope, lease_key)) STRICT');
        exec(g, `INSERT INTO state_leases VALUES ('core:agent-database-maintenance', 'global', 'doctor', ${Date.now() + 60_000}, NULL, NULL, 0, 0)`);
        makeAgent(dir, 'work', { version: 1, profiles: {} });
        assert.equal(catchRefusal(() => new SqliteStoreWriter(targetIn(dir, 'work')).apply(paste('anthropic:manual', token('i')))).code, 'sqlite/maintenance');
      }));
  });
}

function targetIn(stateDir: string, agentId: string): SqliteWriteTarget {
  return { stateDir, agentId, agentDir: path.join(stateDir, 'agents', agentId, 'agent') };
}

function agentDb(stateDir: string, agentId: string): string {
  return path.join(stateDir, 'agents', agentId, 'agent', 'openclaw-agent.sqlite');
}

function paste(profileId: string, secret: string, expires?: number): CredentialChange {
  return { kind: 'paste-token', provider: 'anthropic', profileId, secret, credentialType: 'token', ...(expires !== undefined ? { expires } : {}) };
}

function tok(provider: string) {
  return { type: 'token', provider, token: `t-${provider}` };
}

function catchRefusal(fn: () => unknown): WriteRefused {
  try {
    fn();
  } catch (error) {
    if (error instanceof WriteRefused) return error;
    throw error;
  }
  assert.fail('expected a WriteRefused');
}

function exec(database: string, sql: string): void {
  const db = new sqlite!.DatabaseSync(database);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

function rows(database: string, sql: string): Record<string, unknown>[] {
  const db = new sqlite!.DatabaseSync(database);
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

function row1(database: string, sql: string): Record<string, unknown> {
  const [r] = rows(database, sql);
  assert.ok(r, `no row for ${sql}`);
  return r;
}

function machineRow(database: string, key: string): unknown {
  const db = new sqlite!.DatabaseSync(database);
  try {
    const r = db.prepare('SELECT value_json AS v FROM config_machine_state WHERE state_key = ?').get(key);
    return r ? JSON.parse(String(r.v)) : undefined;
  } finally {
    db.close();
  }
}

/** The global database's tables the writer touches, with OpenClaw 2026.9.6's columns, in WAL mode. */
function makeGlobal(stateDir: string, machineState: Record<string, unknown>): string {
  const database = path.join(stateDir, 'state', 'openclaw.sqlite');
  fs.mkdirSync(path.dirname(database), { recursive: true });
  exec(database, [
    'PRAGMA journal_mode = WAL',
    'PRAGMA user_version = 18',
    'CREATE TABLE config_machine_state (state_key TEXT NOT NULL PRIMARY KEY, value_json TEXT NOT NULL, updated_at_ms INTEGER NOT NULL) STRICT',
    'CREATE TABLE agent_databases (agent_id TEXT NOT NULL, path TEXT NOT NULL, schema_version INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, size_bytes INTEGER, PRIMARY KEY (agent_id, path)) STRICT',
    ...Object.entries(machineState).map(([k, v]) => `INSERT INTO config_machine_state VALUES ('${k}', '${JSON.stringify(v)}', 1)`),
  ].join(';\n'));
  return database;
}

/** An agent's database with its two auth tables (OpenClaw 2026.9.6's columns) and optional rows. */
function makeAgent(stateDir: string, agentId: string, store: unknown, state?: unknown): string {
  const database = agentDb(stateDir, agentId);
  fs.mkdirSync(path.dirname(database), { recursive: true });
  exec(database, [
    'PRAGMA journal_mode = WAL',
    'PRAGMA user_version = 23',
    'CREATE TABLE auth_profile_store (store_key TEXT NOT NULL PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT',
    'CREATE TABLE auth_profile_state (state_key TEXT NOT NULL PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT',
    ...(store === undefined ? [] : [`INSERT INTO auth_profile_store VALUES ('primary', '${JSON.stringify(store)}', 1)`]),
    ...(state === undefined ? [] : [`INSERT INTO auth_profile_state VALUES ('primary', '${JSON.stringify(state)}', 1)`]),
  ].join(';\n'));
  return database;
}
