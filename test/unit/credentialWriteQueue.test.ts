/**
 * The language server's credential writes off its main thread (credentialWriter/): in order, one
 * at a time, a refusal crossing the thread boundary with its code, reason and place, and a writer
 * thread that dies failing only the write it held, the next write starting a new thread.
 * The LSP test (test/lsp/credentialWriteWorker.test.ts) proves the server answers meanwhile.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { CredentialWriteQueue } from '../../server/src/credentialWriter/writeQueue.ts';
import { applyCredentialChange, WriteRefused, type CredentialChange, type WriteRequestOptions } from '../../server/src/openclaw/writes.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';

const CANARY = 'CANARYxQUEUExMIDDLE';
const token = (tag: string) => `sk-ant-oat01-${CANARY}${tag}${'q'.repeat(80)}`;
const STORE = '.openclaw/agents/main/agent/auth-profiles.json';
const workerFile = path.join(import.meta.dirname, '..', 'fixtures', 'workers', 'crashingWriteWorker.mjs');

const homes: string[] = [];
after(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

function home(store: unknown = { version: 1, profiles: {} }): { target: () => WriteRequestOptions; storeFile: string } {
  const dir = tempHome('oc-write-queue-');
  homes.push(dir);
  materializeCase({ files: { '.openclaw/openclaw.json': {}, [STORE]: store } }, dir);
  return { target: () => ({ env: { HOME: dir, OPENCLAW_STATE_DIR: path.join(dir, '.openclaw') } }), storeFile: path.join(dir, STORE) };
}

const paste = (profileId: string): CredentialChange => ({ kind: 'paste-token', provider: 'anthropic', profileId, secret: token(profileId), credentialType: 'token' });

for (const [where, file] of [['in a worker thread', workerFile], ['in-thread (no bundle)', undefined]] as const) {
  test(`${where}: writes queued at once run in the order asked, each after the one before`, async () => {
    const { target, storeFile } = home();
    const queue = new CredentialWriteQueue(file);
    try {
      // The order names profiles the two pastes create: it is refused unless they ran first.
      const results = await Promise.all([
        queue.apply(target, paste('anthropic:first')),
        queue.apply(target, paste('anthropic:second')),
        queue.apply(target, { kind: 'order-set', provider: 'anthropic', profileIds: ['anthropic:second', 'anthropic:first'] }),
        queue.apply(target, { kind: 'remove', profileId: 'anthropic:first' }),
      ]);
      assert.match(results[0]!.summary, /anthropic:first/);
      assert.match(results[1]!.summary, /anthropic:second/);
      assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(storeFile, 'utf8')).profiles), ['anthropic:second']);
      assert.ok(!JSON.stringify(results).includes(CANARY), 'no secret in a result');
    } finally {
      queue.dispose();
    }
  });

  test(`${where}: a refusal arrives as the engine's WriteRefused, code, reason and place intact`, async () => {
    const { target, storeFile } = home('{\n  "version": 1,\n  "profiles": {,}\n}\n');
    let direct: WriteRefused | undefined;
    try {
      applyCredentialChange(target(), paste('anthropic:manual'));
    } catch (error) {
      direct = error as WriteRefused;
    }
    assert.ok(direct instanceof WriteRefused, 'the store that does not parse is refused in-thread');
    const queue = new CredentialWriteQueue(file);
    try {
      await assert.rejects(queue.apply(target, paste('anthropic:manual')), (error: unknown) => {
        assert.ok(error instanceof WriteRefused);
        assert.deepEqual({ code: error.code, message: error.message, location: error.location }, { code: direct.code, message: direct.message, location: direct.location });
        assert.equal(error.location?.file, storeFile);
        assert.ok(!error.message.includes(CANARY));
        return true;
      });
      // The queue goes on after a refusal.
      const other = home();
      await queue.apply(other.target, paste('anthropic:next'));
      assert.ok(JSON.parse(fs.readFileSync(other.storeFile, 'utf8')).profiles['anthropic:next']);
    } finally {
      queue.dispose();
    }
  });
}

test('a writer thread that dies fails the write it held with a clear error; the next write starts a new thread', async () => {
  const { target, storeFile } = home();
  const queue = new CredentialWriteQueue(workerFile);
  try {
    await queue.apply(target, paste('anthropic:before'));
    const crashed = queue.apply(target, { kind: 'remove', profileId: 'crash:now' });
    // Queued behind the crash: it must run in a new thread, not wait on the dead one.
    const next = queue.apply(target, paste('anthropic:after'));
    await assert.rejects(crashed, (error: unknown) => {
      assert.ok(error instanceof Error && !(error instanceof WriteRefused));
      assert.match(error.message, /credential writer stopped before the write finished \(exit code 70\)/);
      return true;
    });
    assert.match((await next).summary, /anthropic:after/);
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(storeFile, 'utf8')).profiles).sort(), ['anthropic:after', 'anthropic:before']);
  } finally {
    queue.dispose();
  }
});

test('after dispose, no write starts', async () => {
  const { target, storeFile } = home();
  const before = fs.readFileSync(storeFile, 'utf8');
  const queue = new CredentialWriteQueue(workerFile);
  queue.dispose();
  await assert.rejects(queue.apply(target, paste('anthropic:late')), /shutting down; nothing was written/);
  assert.equal(fs.readFileSync(storeFile, 'utf8'), before);
});
