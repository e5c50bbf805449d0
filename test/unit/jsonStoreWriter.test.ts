import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { applyCredentialChange, readAuthOrder, WriteRefused, type WriteRequestOptions } from '../../server/src/openclaw/writes.ts';
import { JsonStoreWriter } from '../../server/src/openclaw/stores/jsonStoreWriter.ts';
import { acquireStoreLock, isStale, lockPathFor } from '../../server/src/openclaw/stores/storeLock.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const MAIN = '.openclaw/agents/main/agent';
const STORE = `${MAIN}/auth-profiles.json`;
const STATE = `${MAIN}/auth-state.json`;
const CONFIG = '.openclaw/openclaw.json';
const TOKEN = `sk-ant-oat01-${'t'.repeat(90)}`;

const opts = (home: string, extra: Partial<WriteRequestOptions> = {}): WriteRequestOptions => ({ env: { HOME: home }, ...extra });
const readJson = (home: string, rel: string): any => JSON.parse(fs.readFileSync(path.join(home, rel), 'utf8'));
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const paste = (profileId = 'anthropic:manual', extra: object = {}) =>
  ({ kind: 'paste-token', provider: 'anthropic', profileId, secret: TOKEN, credentialType: 'token', ...extra }) as const;

function refusal(fn: () => unknown): WriteRefused {
  try {
    fn();
  } catch (error) {
    if (error instanceof WriteRefused) return error;
    throw error;
  }
  assert.fail('expected WriteRefused');
}

describe('JSON store writer: what it writes', () => {
  it('paste-token into a fresh home: a token profile (0600) and auth.profiles in openclaw.json', () =>
    withTempDir((home) => {
      const result = applyCredentialChange(opts(home), paste('anthropic:manual', { expires: 1_900_000_000_000 }));
      assert.deepEqual(readJson(home, STORE), {
        version: 1,
        profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires: 1_900_000_000_000 } },
      });
      assert.equal(modeOf(path.join(home, STORE)), 0o600);
      assert.deepEqual(readJson(home, CONFIG), { auth: { profiles: { 'anthropic:manual': { provider: 'anthropic', mode: 'token' } } } });
      assert.deepEqual(result.written, [path.join(home, STORE), path.join(home, CONFIG)]);
      assert.ok(!result.summary.includes(TOKEN));
      assert.ok(!fs.existsSync(path.join(home, `${STORE}.lock`)), 'lock released');
    }));

  it('keeps every field it does not know, in the store and in its profiles', () =>
    withTempDir((home) => {
      const before = {
        version: 1,
        profiles: {
          'openai:default': { type: 'api_key', provider: 'openai', key: 'sk-x', metadata: { team: 'a' }, futureField: [1, { deep: true }] },
          'weird:one': { type: 'future-type', provider: 'weird', blob: 'kept as is' },
          'anthropic:manual': { type: 'token', provider: 'anthropic', token: 'old', email: 'me@example.com' },
        },
        order: { openai: ['openai:default'] },
        usageStats: { 'openai:default': { lastUsed: 5, newCounter: 9 } },
        'x-vendor': { anything: ['goes'] },
      };
      writeTree(home, { [STORE]: before });
      applyCredentialChange(opts(home), paste());
      const after = readJson(home, STORE);
      assert.deepEqual(after, {
        ...before,
        // Replaced whole, as `openclaw models auth paste-token` replaces it.
        profiles: { ...before.profiles, 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN } },
      });
      assert.deepEqual(Object.keys(after), Object.keys(before), 'top-level key order kept');
    }));

  it('writes mode 0600 over a store that was readable by others', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: { version: 1, profiles: {} } });
      fs.chmodSync(path.join(home, STORE), 0o644);
      applyCredentialChange(opts(home), paste());
      assert.equal(modeOf(path.join(home, STORE)), 0o600);
    }));

  it('follows a symbolic link as OpenClaw does: the link stays, its target gets the new store (0600), the lock sits beside the link', () =>
    withTempDir((home) => {
      writeTree(home, { 'shared/auth-profiles.json': { version: 1, profiles: {}, keep: 1 } });
      fs.mkdirSync(path.join(home, MAIN), { recursive: true });
      fs.symlinkSync(path.join(home, 'shared/auth-profiles.json'), path.join(home, STORE));
      assert.equal(lockPathFor(path.join(home, STORE)), path.join(fs.realpathSync(path.join(home, MAIN)), 'auth-profiles.json.lock'));
      applyCredentialChange(opts(home), paste());
      assert.ok(fs.lstatSync(path.join(home, STORE)).isSymbolicLink(), 'still a link');
      const target = readJson(home, 'shared/auth-profiles.json');
      assert.equal(target.keep, 1);
      assert.equal(target.profiles['anthropic:manual'].token, TOKEN);
      assert.equal(modeOf(path.join(home, 'shared/auth-profiles.json')), 0o600);
      assert.deepEqual(fs.readdirSync(path.join(home, 'shared')), ['auth-profiles.json'], 'no temp file left');
    }));

  const unparsable: { name: string; text: string; code: string; line?: number }[] = [
    { name: 'broken JSON', text: '{\n  "version": 1,\n  "profiles": {,\n}', code: 'store/invalid-json', line: 3 },
    { name: 'profiles at the top level', text: JSON.stringify({ 'anthropic:a': { type: 'token', provider: 'anthropic', token: 'x' } }), code: 'store/unwrapped-profiles' },
    { name: 'legacy flat shape', text: JSON.stringify({ anthropic: { apiKey: 'x' } }), code: 'store/legacy-flat' },
    { name: 'a byte-order mark', text: '\ufeff{"version":1,"profiles":{}}', code: 'store/invalid-json', line: 1 },
  ];
  for (const row of unparsable) {
    it(`never rewrites a store it cannot parse (${row.name}): refused with its code and place, file untouched`, () =>
      withTempDir((home) => {
        writeTree(home, { [STORE]: row.text, [CONFIG]: '{}' });
        const file = path.join(home, STORE);
        const past = new Date('2026-01-01T00:00:00Z');
        fs.utimesSync(file, past, past);
        for (const change of [paste(), { kind: 'order-clear', provider: 'anthropic' } as const, { kind: 'remove', profileId: 'anthropic:a' } as const]) {
          const e = refusal(() => applyCredentialChange(opts(home), change));
          assert.equal(e.code, row.code);
          assert.equal(e.location?.file, file);
          if (row.line !== undefined) assert.equal(e.location?.line, row.line);
          assert.ok(!e.message.includes(TOKEN));
        }
        assert.equal(fs.readFileSync(file, 'utf8'), row.text);
        assert.equal(fs.statSync(file).mtimeMs, past.getTime());
        assert.equal(fs.readFileSync(path.join(home, CONFIG), 'utf8'), '{}', 'config untouched too');
        assert.deepEqual(fs.readdirSync(path.join(home, MAIN)), ['auth-profiles.json'], 'no lock or temp left');
      }));
  }

  it('gives a stored file an mtime different from the one it replaces (OpenClaw caches stores by mtime)', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: { version: 1, profiles: {} } });
      const file = path.join(home, STORE);
      const future = new Date(Date.now() + 3_600_000);
      fs.utimesSync(file, future, future);
      applyCredentialChange(opts(home), paste());
      assert.ok(fs.statSync(file).mtimeMs > future.getTime());
    }));
});

describe('JSON store writer: order and remove', () => {
  const home2 = (home: string) =>
    writeTree(home, {
      [STORE]: {
        version: 1,
        profiles: {
          'anthropic:a': { type: 'token', provider: 'anthropic', token: 'x' },
          'anthropic:b': { type: 'api_key', provider: 'anthropic', key: 'y' },
          'openai:c': { type: 'api_key', provider: 'openai', key: 'z' },
        },
        order: { anthropic: ['anthropic:a'], openai: ['openai:c'] },
        lastGood: { anthropic: 'anthropic:b', openai: 'openai:c' },
        usageStats: { 'anthropic:b': { lastUsed: 1 }, 'openai:c': { lastUsed: 2 } },
      },
    });

  it('order set writes auth-state.json (2026.6) and leaves the store alone; get reads it back with its source', () =>
    withTempDir((home) => {
      home2(home);
      const storeBefore = fs.readFileSync(path.join(home, STORE), 'utf8');
      applyCredentialChange(opts(home), { kind: 'order-set', provider: 'Anthropic', profileIds: ['anthropic:b', 'anthropic:a', 'anthropic:b'] });
      assert.deepEqual(readJson(home, STATE), { version: 1, order: { anthropic: ['anthropic:b', 'anthropic:a'] } });
      assert.equal(modeOf(path.join(home, STATE)), 0o600);
      assert.equal(fs.readFileSync(path.join(home, STORE), 'utf8'), storeBefore);
      const got = readAuthOrder(opts(home), 'anthropic');
      assert.deepEqual(got.order, ['anthropic:b', 'anthropic:a']);
      assert.equal(got.source, 'auth-state');
      assert.deepEqual(got.effective, ['anthropic:b', 'anthropic:a']);
    }));

  it('order set --compat 2026.3 writes the store\'s own order; get says "store"', () =>
    withTempDir((home) => {
      home2(home);
      applyCredentialChange(opts(home, { compat: '2026.3' }), { kind: 'order-set', provider: 'anthropic', profileIds: ['anthropic:b'] });
      assert.deepEqual(readJson(home, STORE).order, { anthropic: ['anthropic:b'], openai: ['openai:c'] });
      assert.ok(!fs.existsSync(path.join(home, STATE)));
      const got = readAuthOrder(opts(home, { compat: '2026.3' }), 'anthropic');
      assert.deepEqual([got.order, got.source], [['anthropic:b'], 'store']);
    }));

  it('order clear drops the provider from auth-state.json and the store (2026.6 merges both); others stay; get falls back to config, then default', () =>
    withTempDir((home) => {
      home2(home);
      writeTree(home, { [STATE]: { version: 1, order: { anthropic: ['anthropic:b'] }, lastGood: { openai: 'openai:c' } }, [CONFIG]: { auth: { order: { anthropic: ['anthropic:a'] } } } });
      applyCredentialChange(opts(home), { kind: 'order-clear', provider: 'anthropic' });
      assert.deepEqual(readJson(home, STATE), { version: 1, lastGood: { openai: 'openai:c' } });
      assert.deepEqual(readJson(home, STORE).order, { openai: ['openai:c'] });
      assert.deepEqual(readAuthOrder(opts(home), 'anthropic').source, 'config');
      fs.writeFileSync(path.join(home, CONFIG), '{}');
      assert.deepEqual(readAuthOrder(opts(home), 'anthropic'), { order: undefined, source: 'default', effective: ['anthropic:a', 'anthropic:b'] });
    }));

  it('order clear removes auth-state.json once nothing is left in it, as OpenClaw does', () =>
    withTempDir((home) => {
      home2(home);
      writeTree(home, { [STATE]: { version: 1, order: { anthropic: ['anthropic:b'] } } });
      applyCredentialChange(opts(home), { kind: 'order-clear', provider: 'anthropic' });
      assert.ok(!fs.existsSync(path.join(home, STATE)));
    }));

  it('order set refuses ids the agent does not have, or of another provider, and writes nothing', () =>
    withTempDir((home) => {
      home2(home);
      assert.equal(refusal(() => applyCredentialChange(opts(home), { kind: 'order-set', provider: 'anthropic', profileIds: ['anthropic:zz'] })).code, 'write/unknown-profile');
      assert.equal(refusal(() => applyCredentialChange(opts(home), { kind: 'order-set', provider: 'anthropic', profileIds: ['openai:c'] })).code, 'write/provider-mismatch');
      assert.ok(!fs.existsSync(path.join(home, STATE)));
    }));

  it('remove drops the profile and its id from order, lastGood and usageStats, in the store and in auth-state.json', () =>
    withTempDir((home) => {
      home2(home);
      writeTree(home, { [STATE]: { version: 1, order: { anthropic: ['anthropic:b', 'anthropic:a'] }, lastGood: { anthropic: 'anthropic:b' }, usageStats: { 'anthropic:b': { errorCount: 1 } } } });
      applyCredentialChange(opts(home), { kind: 'remove', profileId: 'anthropic:b' });
      const store = readJson(home, STORE);
      assert.deepEqual(Object.keys(store.profiles), ['anthropic:a', 'openai:c']);
      assert.deepEqual(store.order, { anthropic: ['anthropic:a'], openai: ['openai:c'] });
      assert.deepEqual(store.lastGood, { openai: 'openai:c' });
      assert.deepEqual(store.usageStats, { 'openai:c': { lastUsed: 2 } });
      assert.deepEqual(readJson(home, STATE), { version: 1, order: { anthropic: ['anthropic:a'] } });
      assert.equal(refusal(() => applyCredentialChange(opts(home), { kind: 'remove', profileId: 'anthropic:b' })).code, 'write/unknown-profile');
    }));

  it('--agent writes that agent\'s store; an unknown agent is refused', () =>
    withTempDir((home) => {
      writeTree(home, { [CONFIG]: { agents: { list: [{ id: 'main', default: true }, { id: 'work' }] } } });
      applyCredentialChange(opts(home, { agentId: 'work' }), paste('anthropic:work'));
      assert.equal(readJson(home, '.openclaw/agents/work/agent/auth-profiles.json').profiles['anthropic:work'].token, TOKEN);
      assert.ok(!fs.existsSync(path.join(home, STORE)));
      assert.equal(refusal(() => applyCredentialChange(opts(home, { agentId: 'nope' }), paste())).code, 'write/unknown-agent');
    }));

  it('without --agent: the configured default agent; 2026.3\'s paste-token writes main\'s store (or OPENCLAW_AGENT_DIR\'s)', () =>
    withTempDir((home) => {
      writeTree(home, { [CONFIG]: { agents: { list: [{ id: 'main' }, { id: 'work', default: true }] } } });
      const WORK = '.openclaw/agents/work/agent/auth-profiles.json';
      applyCredentialChange(opts(home), paste('anthropic:a'));
      assert.ok(readJson(home, WORK).profiles['anthropic:a'], '2026.6: the default agent');
      applyCredentialChange(opts(home, { compat: '2026.3' }), paste('anthropic:b'));
      assert.ok(readJson(home, STORE).profiles['anthropic:b'], "2026.3 paste-token: main's store");
      applyCredentialChange({ env: { HOME: home, OPENCLAW_AGENT_DIR: path.join(home, 'elsewhere') }, compat: '2026.3' }, paste('anthropic:c'));
      assert.ok(readJson(home, 'elsewhere/auth-profiles.json').profiles['anthropic:c'], '2026.3 paste-token: OPENCLAW_AGENT_DIR');
      applyCredentialChange({ env: { HOME: home, OPENCLAW_AGENT_DIR: path.join(home, 'elsewhere') } }, paste('anthropic:d'));
      assert.ok(readJson(home, WORK).profiles['anthropic:d'], '2026.6 ignores OPENCLAW_AGENT_DIR for writes');
      applyCredentialChange(opts(home, { compat: '2026.3' }), { kind: 'order-set', provider: 'anthropic', profileIds: ['anthropic:a'] });
      assert.deepEqual(readJson(home, WORK).order, { anthropic: ['anthropic:a'] }, '2026.3 order set: the default agent');
    }));

  it('refuses profile ids JavaScript reserves (OpenClaw loses them on load)', () =>
    withTempDir((home) => {
      assert.equal(refusal(() => applyCredentialChange(opts(home), paste('__proto__'))).code, 'write/reserved-name');
      assert.ok(!fs.existsSync(path.join(home, STORE)));
    }));

  it('a SQLite home is not written by the JSON writer', () =>
    withTempDir((home) => {
      writeTree(home, { [CONFIG]: { meta: { lastTouchedVersion: '2026.9.6' } } });
      const e = refusal(() => applyCredentialChange(opts(home), paste()));
      assert.match(e.code, /^sqlite\//);
      assert.ok(!fs.existsSync(path.join(home, STORE)));
    }));
});

describe("OpenClaw's lock", () => {
  it('holds pid, createdAt and starttime as pretty JSON while a write runs, and is gone after', () =>
    withTempDir((dir) => {
      const file = path.join(dir, 'auth-profiles.json');
      const release = acquireStoreLock(file);
      const raw = fs.readFileSync(`${file}.lock`, 'utf8');
      const lock = JSON.parse(raw);
      assert.equal(lock.pid, process.pid);
      assert.ok(Math.abs(Date.parse(lock.createdAt) - Date.now()) < 60_000);
      assert.equal(typeof lock.starttime, 'number');
      assert.equal(raw, `${JSON.stringify(lock, null, 2)}\n`);
      release();
      assert.ok(!fs.existsSync(`${file}.lock`));
    }));

  it('stale: a dead owner, a reused pid, an old createdAt without pid, an old ownerless file; never a live owner', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const now = Date.now();
    const raw = (o: object) => JSON.stringify(o);
    assert.equal(isStale({ raw: raw({ pid: dead, createdAt: new Date(now).toISOString() }), mtimeMs: now }, 30_000, now), true);
    assert.equal(isStale({ raw: raw({ pid: process.pid, createdAt: new Date(now - 3_600_000).toISOString() }), mtimeMs: 0 }, 30_000, now), false);
    assert.equal(isStale({ raw: raw({ pid: process.pid, starttime: -1 }), mtimeMs: now }, 30_000, now), true);
    assert.equal(isStale({ raw: raw({ createdAt: new Date(now - 31_000).toISOString() }), mtimeMs: now }, 30_000, now), true);
    assert.equal(isStale({ raw: raw({ createdAt: new Date(now - 5_000).toISOString() }), mtimeMs: now }, 30_000, now), false);
    assert.equal(isStale({ raw: '', mtimeMs: now - 31_000 }, 30_000, now), true);
    assert.equal(isStale({ raw: '', mtimeMs: now - 5_000 }, 30_000, now), false);
  });

  it('the next writer recovers a lock left by a dead writer', () =>
    withTempDir((home) => {
      const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
      writeTree(home, { [STORE]: { version: 1, profiles: {} }, [`${STORE}.lock`]: `${JSON.stringify({ pid: dead, createdAt: new Date().toISOString() }, null, 2)}\n` });
      applyCredentialChange(opts(home), paste());
      assert.equal(readJson(home, STORE).profiles['anthropic:manual'].token, TOKEN);
      assert.ok(!fs.existsSync(path.join(home, `${STORE}.lock`)));
    }));

  it('waits for a live owner, then gives up with store/locked and writes nothing', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: { version: 1, profiles: {} } });
      const release = acquireStoreLock(path.join(home, STORE));
      try {
        const writer = new JsonStoreWriter({
          agentId: 'main', agentDir: path.join(home, MAIN), orderIn: 'auth-state',
          lockTiming: { retries: 2, factor: 1, minTimeoutMs: 5, maxTimeoutMs: 5, randomize: false, staleMs: 30_000 },
        });
        const e = refusal(() => writer.apply(paste()));
        assert.equal(e.code, 'store/locked');
        assert.deepEqual(readJson(home, STORE), { version: 1, profiles: {} });
      } finally {
        release();
      }
    }));
});
