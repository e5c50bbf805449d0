import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { interpretConfig } from '../../server/src/openclaw/config/config.ts';
import { detectStoreLayout } from '../../server/src/openclaw/rules/layout.ts';
import { loadSqlite } from '../../server/src/openclaw/stores/sqliteRead.ts';
import { cliPath } from '../support/runCli.ts';
import { ensureSqliteNode } from '../support/sqliteNode.ts';
import { runSql, withTempDir, writeTree } from '../support/tree.ts';

/**
 * OpenClaw 2026.6.1 creates state/openclaw.sqlite for state of its own (tables such as
 * auth_profile_stores, agent_databases, no config_machine_state) while its credentials stay in
 * auth-profiles.json: that database alone must not switch a home to the SQLite layout.
 */
let sqliteNode = '';
before(() => {
  sqliteNode = ensureSqliteNode();
});

const DB = '.openclaw/state/openclaw.sqlite';
const as2026_6_1 = [
  { sql: 'CREATE TABLE auth_profile_stores (k TEXT PRIMARY KEY, v TEXT)' },
  { sql: 'CREATE TABLE agent_databases (agent_id TEXT PRIMARY KEY, path TEXT)' },
];
const as2026_9_6 = [{ sql: 'CREATE TABLE config_machine_state (state_key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at_ms INTEGER)' }];

function layoutUnderSqliteNode(home: string): string {
  const r = spawnSync(sqliteNode, [cliPath, 'status', '--json'], { env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC' }, cwd: home, encoding: 'utf8', timeout: 30_000 });
  return (JSON.parse(r.stdout) as { openclawAuth: { layout: { kind: string } } }).openclawAuth.layout.kind;
}

describe('store layout: the global database of a JSON-era OpenClaw', () => {
  for (const stamp of [undefined, '2026.6.1']) {
    it(`2026.6.1's own state database${stamp ? ' (config stamped 2026.6.1)' : ''}: JSON, read where node:sqlite exists`, () =>
      withTempDir((home) => {
        writeTree(home, { '.openclaw/openclaw.json': stamp ? { meta: { lastTouchedVersion: stamp } } : {} });
        runSql(sqliteNode, path.join(home, DB), as2026_6_1);
        assert.equal(layoutUnderSqliteNode(home), 'json');
      }));
  }

  it("2026.9.6's schema (config_machine_state): SQLite, whatever the stamp says", () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': { meta: { lastTouchedVersion: '2026.6.1' } } });
      runSql(sqliteNode, path.join(home, DB), as2026_9_6);
      assert.equal(layoutUnderSqliteNode(home), 'sqlite');
    }));

  it('without node:sqlite, the stamp decides: a config last written by 2026.6.1 means JSON; no stamp keeps SQLite', { skip: loadSqlite() ? 'this Node has node:sqlite' : false }, () =>
    withTempDir((home) => {
      const stateDir = path.join(home, '.openclaw');
      runSql(sqliteNode, path.join(home, DB), as2026_6_1);
      assert.equal(detectStoreLayout(stateDir, interpretConfig({ meta: { lastTouchedVersion: '2026.6.1' } }), []).kind, 'json');
      assert.equal(detectStoreLayout(stateDir, interpretConfig({}), []).kind, 'sqlite');
    }));
});
