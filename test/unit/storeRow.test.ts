/**
 * What the tree and Open in Store show on a SQLite home (OpenClaw 2026.9.6): the store in force
 * per agent and the refusal a retired auth-profiles.json causes (the snapshot's storeInForce and
 * migrationRequired), the row document of a profile (masked with the engine's mask, the profile's
 * key selected), and the revealed row, sealed so only the asking client can read it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { RevealKey } from '../../client/src/revealKey.ts';
import { maskStoreRow } from '../../server/src/openclaw/output/maskedStoreRow.ts';
import { sealText } from '../../server/src/revealSeal.ts';
import type { AgentSnapshot, StoreRowDocument } from '../../server/src/protocol.ts';
import { repoRoot } from '../support/runCli.ts';
import { ensureSqliteNode } from '../support/sqliteNode.ts';
import { runSql, withTempDir, writeTree } from '../support/tree.ts';

const CANARY = 'CANARYr0wR3v3al';
const NOW = Date.now();
const token = (fill: string) => `sk-ant-oat01-${CANARY}${fill.repeat(80)}`;
const mainStore = { version: 1, profiles: { 'anthropic:default': { type: 'token', provider: 'anthropic', token: token('m'), expires: NOW + 30 * 86_400_000 } } };

describe('maskStoreRow', () => {
  it('masks every secret of every profile and keeps what names or times them', () => {
    const row = {
      version: 1,
      profiles: {
        'anthropic:key': { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-${CANARY}${'k'.repeat(60)}`, email: 'me@example.com' },
        'openai:login': { type: 'oauth', provider: 'openai', access: `eyJ${CANARY}${'a'.repeat(40)}`, refresh: `rt_${CANARY}${'r'.repeat(40)}`, expires: 1_900_000_000_000, accountId: 'acct-1' },
        'groq:ref': { type: 'api_key', provider: 'groq', keyRef: { source: 'env', provider: 'default', id: 'GROQ_API_KEY' } },
        // A field a newer OpenClaw may add: unknown, so treated as a secret.
        'x:new': { type: 'token', provider: 'x', token: 'short', extra: { nested: [`deep-${CANARY}-secret-value`] } },
      },
      order: { anthropic: ['anthropic:key'] },
      usageStats: { 'anthropic:key': { errorCount: 2, lastUsed: 5 } },
    };
    const masked = maskStoreRow(JSON.parse(JSON.stringify(row))) as typeof row;
    const text = JSON.stringify(masked);
    assert.ok(!text.includes(CANARY), `no secret left: ${text}`);
    assert.equal(masked.profiles['anthropic:key'].key, 'sk-ant-a...kkkkkkkk');
    assert.equal(masked.profiles['anthropic:key'].email, 'me@example.com');
    assert.equal(masked.profiles['openai:login'].expires, 1_900_000_000_000);
    assert.equal(masked.profiles['openai:login'].accountId, 'acct-1');
    assert.deepEqual(masked.profiles['groq:ref'].keyRef, { source: 'env', provider: 'default', id: 'GROQ_API_KEY' });
    assert.equal(masked.profiles['x:new'].token, '...');
    assert.deepEqual(masked.order, row.order);
    assert.deepEqual(masked.usageStats, row.usageStats);
  });

  it('keeps a profile named __proto__ as a profile (masked), not as a prototype', () => {
    const raw = JSON.parse(`{"version":1,"profiles":{"__proto__":{"type":"token","provider":"y","token":"proto-${CANARY}-${'p'.repeat(30)}"}}}`);
    const masked = maskStoreRow(raw) as { profiles: Record<string, { token: string }> };
    assert.ok(Object.prototype.hasOwnProperty.call(masked.profiles, '__proto__'));
    assert.ok(!JSON.stringify(masked).includes(CANARY));
    assert.match(JSON.stringify(masked), /"__proto__":\{"type":"token","provider":"y","token":"proto-/);
  });

  it('masks every string of a row that is not a store', () => {
    assert.ok(!JSON.stringify(maskStoreRow({ odd: `value-${CANARY}-${'z'.repeat(30)}` })).includes(CANARY));
  });
});

describe('sealed reveal', () => {
  it('only the key that asked opens it, and the sealed answer holds no secret', () => {
    const text = `{ "token": "${token('s')}" }`;
    const key = new RevealKey();
    const sealed = sealText(text, key.publicKey);
    assert.ok(!JSON.stringify(sealed).includes(CANARY));
    assert.equal(key.open(sealed), text);
    assert.throws(() => new RevealKey().open(sealed), 'another key cannot open it');
    const altered = Buffer.from(sealed.data, 'base64');
    altered[0] = (altered[0] ?? 0) ^ 1;
    assert.throws(() => key.open({ ...sealed, data: altered.toString('base64') }), 'an altered text is refused');
  });

  it('refuses a key that is not X25519', () => {
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    assert.throws(() => sealText('x', ec), /X25519/);
  });
});

describe('a SQLite home of OpenClaw 2026.9.6 (Node with node:sqlite)', () => {
  let sqliteNode = '';
  before(() => {
    sqliteNode = ensureSqliteNode();
  });

  const agentTables = [
    { sql: 'CREATE TABLE auth_profile_store (store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER)' },
    { sql: 'CREATE TABLE auth_profile_state (state_key TEXT PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER)' },
  ];
  const agentRow = (store: unknown) => ({ sql: 'INSERT INTO auth_profile_store VALUES (?, ?, ?)', params: ['primary', JSON.stringify(store), NOW] });

  /** main in the shared store (plus a profile in its own database, laid over), solo in its own database, work with a retired JSON file only, idle with nothing. */
  function writeHome(stateDir: string, options: { mainRetired?: boolean } = {}): void {
    writeTree(stateDir, {
      'openclaw.json': { meta: { lastTouchedVersion: '2026.9.6' }, agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } }, list: [{ id: 'main', default: true }, { id: 'work' }, { id: 'solo' }, { id: 'idle' }] } },
      'agents/work/agent/auth-profiles.json': { version: 1, profiles: { 'anthropic:work': { type: 'token', provider: 'anthropic', token: token('w') } } },
      ...(options.mainRetired ? { 'agents/main/agent/auth-profiles.json': mainStore } : {}),
    });
    runSql(sqliteNode, path.join(stateDir, 'state/openclaw.sqlite'), [
      { sql: 'CREATE TABLE config_machine_state (state_key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at_ms INTEGER)' },
      { sql: 'INSERT INTO config_machine_state VALUES (?, ?, ?)', params: ['auth.sharedStore', '{"location":"state-db"}', NOW] },
      ...(options.mainRetired ? [] : [{ sql: 'INSERT INTO config_machine_state VALUES (?, ?, ?)', params: ['authProfiles.store', JSON.stringify(mainStore), NOW] }]),
    ]);
    if (!options.mainRetired) {
      runSql(sqliteNode, path.join(stateDir, 'agents/main/agent/openclaw-agent.sqlite'), [...agentTables, agentRow({ version: 1, profiles: { 'anthropic:layer': { type: 'token', provider: 'anthropic', token: token('l') } } })]);
    }
    runSql(sqliteNode, path.join(stateDir, 'agents/solo/agent/openclaw-agent.sqlite'), [...agentTables, agentRow({ version: 1, profiles: { 'anthropic:solo': { type: 'token', provider: 'anthropic', token: token('o') } } })]);
  }

  interface ProbeRow { ref: string; masked: StoreRowDocument; sealed: StoreRowDocument; revealed?: string }
  function probe(stateDir: string, refs: string[]): { agents: Record<string, Pick<AgentSnapshot, 'storeInForce' | 'migrationRequired'>>; rows: ProbeRow[] } {
    const r = spawnSync(sqliteNode, ['--no-warnings', '--import', 'tsx', path.join(repoRoot, 'test/support/storeRowProbe.ts'), stateDir, ...refs], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  }

  /** The text a document's selection covers. */
  function selected(doc: StoreRowDocument, text: string): string {
    assert.ok(doc.found);
    const lines = text.split('\n');
    const { start, end } = doc.selection;
    assert.equal(start.line, end.line, 'the key is on one line');
    return (lines[start.line] ?? '').slice(start.character, end.character);
  }

  it('names the store in force per agent, and the agent OpenClaw refuses until a migration', () => withTempDir((dir) => {
    writeHome(dir);
    const { agents } = probe(dir, []);
    assert.deepEqual(agents.main, { storeInForce: { kind: 'shared-database', file: path.join(dir, 'state/openclaw.sqlite') } });
    assert.deepEqual(agents.solo, { storeInForce: { kind: 'agent-database', file: path.join(dir, 'agents/solo/agent/openclaw-agent.sqlite') } });
    assert.deepEqual(agents.idle, { storeInForce: { kind: 'main', file: path.join(dir, 'state/openclaw.sqlite') } });
    assert.deepEqual(agents.work?.migrationRequired, { file: path.join(dir, 'agents/work/agent/auth-profiles.json'), ofMain: false });
    for (const id of ['main', 'solo', 'idle']) assert.equal(agents[id]?.migrationRequired, undefined, `${id} is served`);
  }));

  it('says every agent is refused when main\'s own credentials wait in a retired file', () => withTempDir((dir) => {
    writeHome(dir, { mainRetired: true });
    const { agents } = probe(dir, []);
    const file = path.join(dir, 'agents/main/agent/auth-profiles.json');
    assert.deepEqual(agents.main?.migrationRequired, { file, ofMain: true });
    assert.deepEqual(agents.solo?.migrationRequired, { file, ofMain: true });
    assert.deepEqual(agents.work?.migrationRequired, { file: path.join(dir, 'agents/work/agent/auth-profiles.json'), ofMain: false });
  }));

  it('Open in Store: the row that holds the profile, masked, its key selected; revealed only sealed', () => withTempDir((dir) => {
    writeHome(dir);
    const { rows } = probe(dir, ['main/anthropic:default', 'main/anthropic:layer', 'idle/anthropic:default', 'solo/anthropic:solo', 'solo/anthropic:default', 'work/anthropic:work', 'main/anthropic:none']);
    const byRef = new Map(rows.map((r) => [r.ref, r]));
    const globalDb = path.join(dir, 'state/openclaw.sqlite');
    const expected: Record<string, { database: string; row: string; secret: string }> = {
      'main/anthropic:default': { database: globalDb, row: 'config_machine_state#authProfiles.store', secret: token('m') },
      // main's own database lies over the shared store: the profile there is read from it.
      'main/anthropic:layer': { database: path.join(dir, 'agents/main/agent/openclaw-agent.sqlite'), row: 'auth_profile_store#primary', secret: token('l') },
      'idle/anthropic:default': { database: globalDb, row: 'config_machine_state#authProfiles.store', secret: token('m') },
      'solo/anthropic:solo': { database: path.join(dir, 'agents/solo/agent/openclaw-agent.sqlite'), row: 'auth_profile_store#primary', secret: token('o') },
      // Inherited: main's shared store.
      'solo/anthropic:default': { database: globalDb, row: 'config_machine_state#authProfiles.store', secret: token('m') },
    };
    for (const [ref, want] of Object.entries(expected)) {
      const { masked, sealed, revealed } = byRef.get(ref)!;
      assert.ok(masked.found && 'text' in masked, `${ref}: found`);
      assert.equal(masked.database, want.database, ref);
      assert.equal(masked.row, want.row, ref);
      assert.ok(!masked.text.includes(CANARY), `${ref}: masked`);
      assert.match(masked.text, /"token": "sk-ant-o\.\.\.[a-z]{8}"/, `${ref}: the engine's mask`);
      assert.equal(selected(masked, masked.text), `"${ref.slice(ref.indexOf('/') + 1)}"`, `${ref}: the profile's key is selected`);
      assert.ok(sealed.found && 'sealed' in sealed && !JSON.stringify(sealed).includes(CANARY), `${ref}: the revealed answer is sealed`);
      assert.ok(revealed?.includes(want.secret), `${ref}: revealed, the secret as stored`);
      assert.equal(selected(sealed, revealed!), `"${ref.slice(ref.indexOf('/') + 1)}"`, `${ref}: selected when revealed too`);
    }
    // work's store is empty (its credentials wait in the retired file); a removed profile is not found.
    assert.deepEqual(byRef.get('work/anthropic:work')?.masked, { found: false, reason: 'not-found' });
    assert.deepEqual(byRef.get('main/anthropic:none')?.masked, { found: false, reason: 'not-found' });
  }));

  it('a JSON home has no row to show (its file opens instead)', () => withTempDir((dir) => {
    writeTree(dir, { 'openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } }, 'agents/main/agent/auth-profiles.json': mainStore });
    const { agents, rows } = probe(dir, ['main/anthropic:default']);
    assert.deepEqual(agents.main, { storeInForce: { kind: 'json-file', file: path.join(dir, 'agents/main/agent/auth-profiles.json') } });
    assert.deepEqual(rows[0]?.masked, { found: false, reason: 'not-sqlite' });
  }));

  it('reading leaves the home as it was', () => withTempDir((dir) => {
    writeHome(dir);
    const before = listing(dir);
    probe(dir, ['main/anthropic:default', 'solo/anthropic:solo']);
    assert.deepEqual(listing(dir), before);
  }));
});

/** Every file under `dir` with its size and content hash. */
function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort().map((rel) => {
    const file = path.join(dir, rel);
    const stat = fs.statSync(file);
    return stat.isFile() ? `${rel} ${stat.size} ${crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')}` : `${rel}/`;
  });
}
