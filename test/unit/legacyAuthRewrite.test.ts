import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { migrateLegacyAuth, migrateLegacyFlatStore } from '../../server/src/openclaw/stores/legacyAuthMigration.ts';
import { rewriteLegacyAuthJson, rewriteLegacyFlatStore } from '../../server/src/openclaw/stores/legacyAuthRewrite.ts';
import { acquireStoreLock } from '../../server/src/openclaw/stores/storeLock.ts';
import { WriteRefused } from '../../server/src/openclaw/stores/storeWriter.ts';
import { tempHome } from '../support/fakeHome.ts';
import { writeLegacyAuthHome, writeLegacyFlatHome } from '../support/legacyAuthHome.ts';

const CANARY = 'CANARYxLEGACYxUNIT';
const EXPIRES = Date.now() + 86_400_000 * 30;

/** Every file of the folder with its bytes: "nothing was written" compares two of these. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'base64')]));
}

function refusedWith(code: string) {
  return (error: unknown) => {
    assert.ok(error instanceof WriteRefused, String(error));
    assert.equal(error.code, code);
    assert.ok(!error.message.includes(CANARY));
    return true;
  };
}

describe('legacy auth.json rewrite: refusals and backups', () => {
  let home: string;
  let layout: ReturnType<typeof writeLegacyAuthHome>;
  beforeEach(() => {
    home = tempHome('oc-legacy-unit-');
    layout = writeLegacyAuthHome(home, CANARY, EXPIRES);
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('refuses when the agent already has an auth-profiles.json, even one that does not parse (OpenClaw would migrate over it)', () => {
    fs.writeFileSync(path.join(layout.agentDir, 'auth-profiles.json'), '{ broken');
    const before = snapshot(layout.agentDir);
    assert.throws(() => rewriteLegacyAuthJson(layout.agentDir, layout.stateDir), refusedWith('store/exists'));
    assert.deepEqual(snapshot(layout.agentDir), before);
  });

  it('never replaces an earlier auth.json.bak: the backup gets a dated name', () => {
    const earlier = path.join(layout.agentDir, 'auth.json.bak');
    fs.writeFileSync(earlier, 'an older backup');
    const result = rewriteLegacyAuthJson(layout.agentDir, layout.stateDir);
    assert.match(path.basename(result.backup), /^auth\.json\.\d+\.bak$/);
    assert.equal(fs.readFileSync(earlier, 'utf8'), 'an older backup');
    assert.ok(fs.existsSync(result.backup));
  });

  it('moves an auth-state.json aside (OpenClaw deletes it when it migrates auth.json)', () => {
    const state = path.join(layout.agentDir, 'auth-state.json');
    fs.writeFileSync(state, JSON.stringify({ version: 1, order: { anthropic: ['anthropic:default'] } }));
    const result = rewriteLegacyAuthJson(layout.agentDir, layout.stateDir);
    assert.ok(!fs.existsSync(state));
    assert.equal(result.written.at(-1), `${state}.bak`);
    assert.deepEqual(JSON.parse(fs.readFileSync(`${state}.bak`, 'utf8')).order, { anthropic: ['anthropic:default'] });
  });

  it('refuses when the editor shows another text than the file on disk', () => {
    const before = snapshot(layout.agentDir);
    assert.throws(() => rewriteLegacyAuthJson(layout.agentDir, layout.stateDir, { expectedText: '{}' }), refusedWith('store/unsaved'));
    assert.deepEqual(snapshot(layout.agentDir), before);
  });

  it('refuses an auth.json OpenClaw keeps nothing of (no provider, unknown type), whatever oauth.json holds', () => {
    fs.writeFileSync(layout.authJson, JSON.stringify({ a: { type: 'api_key', key: `k-${CANARY}` }, b: { type: 'weird', provider: 'b' } }));
    const before = snapshot(layout.agentDir);
    assert.throws(() => rewriteLegacyAuthJson(layout.agentDir, layout.stateDir), refusedWith('store/legacy-nothing-to-migrate'));
    assert.deepEqual(snapshot(layout.agentDir), before);
  });

  it("waits for OpenClaw's lock and refuses when it stays busy", () => {
    const release = acquireStoreLock(path.join(layout.agentDir, 'auth-profiles.json'));
    try {
      const before = snapshot(layout.agentDir);
      const lockTiming = { retries: 1, factor: 1, minTimeoutMs: 10, maxTimeoutMs: 10, randomize: false, staleMs: 30_000 };
      assert.throws(() => rewriteLegacyAuthJson(layout.agentDir, layout.stateDir, { lockTiming }), refusedWith('store/locked'));
      assert.deepEqual(snapshot(layout.agentDir), before);
    } finally {
      release();
    }
  });

  it("another agent's auth.json is refused when main's store has one of its OAuth ids (OpenClaw may leave that login to main: seen live), written otherwise", () => {
    const work = path.join(layout.stateDir, 'agents', 'work', 'agent');
    fs.mkdirSync(work, { recursive: true });
    fs.renameSync(layout.authJson, path.join(work, 'auth.json'));
    fs.writeFileSync(path.join(layout.agentDir, 'auth-profiles.json'), JSON.stringify({ version: 1, profiles: { 'google:default': { mode: 'oauth', provider: 'google', access: 'a', refresh: 'r', expires: EXPIRES } } }));
    const before = snapshot(work);
    assert.throws(() => rewriteLegacyAuthJson(work, layout.stateDir), refusedWith('store/legacy-main-oauth'));
    assert.deepEqual(snapshot(work), before);
    fs.writeFileSync(path.join(layout.agentDir, 'auth-profiles.json'), JSON.stringify({ version: 1, profiles: { 'google:default': { type: 'api_key', provider: 'google', key: 'k' } } }));
    const result = rewriteLegacyAuthJson(work, layout.stateDir);
    assert.ok(result.profileIds.includes('google:default'));
  });

  it('a flat store that is no longer flat is refused, nothing copied', () => {
    const flatHome = tempHome('oc-legacy-unit-flat-');
    try {
      const { agentDir, store } = writeLegacyFlatHome(flatHome, CANARY, EXPIRES);
      fs.writeFileSync(store, JSON.stringify({ version: 1, profiles: {} }));
      const before = snapshot(agentDir);
      assert.throws(() => rewriteLegacyFlatStore(agentDir), refusedWith('store/legacy-nothing-to-migrate'));
      assert.deepEqual(snapshot(agentDir), before);
    } finally {
      fs.rmSync(flatHome, { recursive: true, force: true });
    }
  });
});

describe('the two legacy derivations differ where OpenClaw differs', () => {
  it('auth.json needs an explicit provider and a known type or mode; the flat store takes the key and guesses the type', () => {
    const entry = { apiKey: `sk-${CANARY}` };
    assert.deepEqual(migrateLegacyAuth({ openrouter: entry }, undefined).profiles, {});
    assert.deepEqual(migrateLegacyFlatStore({ openrouter: entry }), { 'openrouter:default': { type: 'api_key', provider: 'openrouter', key: `sk-${CANARY}` } });
  });

  it('auth.json: `mode` stands in only when there is no `type` key at all', () => {
    const migrated = migrateLegacyAuth({ x: { type: null, mode: 'api_key', provider: 'x', key: 'k' }, y: { mode: 'api_key', provider: 'y', key: 'k' } }, undefined);
    assert.deepEqual(Object.keys(migrated.profiles), ['y:default']);
  });

  it("a file with a 'profiles' key is neither legacy shape", () => {
    assert.equal(migrateLegacyAuth({ profiles: {}, a: { type: 'api_key', provider: 'a', key: 'k' } }, undefined).fromAuthJson, 0);
    assert.equal(migrateLegacyFlatStore({ profiles: 1, a: { key: 'k' } }), undefined);
  });
});
