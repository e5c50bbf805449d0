/**
 * A credential write that waits for OpenClaw's busy lock must not freeze the language server: the
 * write runs in a worker thread, and hovers, status and diagnostics answer meanwhile. Held here as
 * a gateway holds it (`auth-profiles.json.lock` naming a live process), over stdio against the
 * built server. Only the order of events is checked, never a duration.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { ExecuteCommandRequest, HoverRequest, ResponseError } from 'vscode-languageserver-protocol/node';
import { applyCredentialChange, WriteRefused } from '../../server/src/openclaw/writes.ts';
import { processStartTime } from '../../server/src/openclaw/stores/storeLock.ts';
import { PasteTokenRequest, StatusRequest, WRITE_REFUSED_ERROR } from '../../server/src/protocol.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { expectedMigratedStore, writeLegacyAuthHome } from '../support/legacyAuthHome.ts';
import { serverPath, startOnHome, stopAndClean, type LspServer } from './lspServer.ts';

const CANARY = 'CANARYxLOCKEDxWRITE';
const token = (tag: string) => `sk-ant-oat01-${CANARY}${tag}${'w'.repeat(80)}`;
const STORE_REL = '.openclaw/agents/main/agent/auth-profiles.json';
const HOUR = 3_600_000;

before(() => {
  assert.ok(fs.existsSync(serverPath), 'dist/server.js exists (run `node scripts/build.mjs` first)');
});

function gatewayHome(): { home: string; storeFile: string; storeText: string } {
  const home = tempHome('oc-lsp-locked-write-');
  const store = { version: 1, profiles: { 'anthropic:default': { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-OLD${'o'.repeat(90)}`, expires: Date.now() - 2 * HOUR } } };
  const storeText = `${JSON.stringify(store, null, 2)}\n`;
  materializeCase({ files: { '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } }, [STORE_REL]: storeText } }, home);
  const storeFile = path.join(home, STORE_REL);
  fs.chmodSync(storeFile, 0o600);
  return { home, storeFile, storeText };
}

/**
 * Takes OpenClaw's lock of `storeFile` as a live gateway holds it: the file it creates, with its
 * content (this test's own pid and start time, so it is never stale). Resolves `tried` once a
 * writer has tried to take it (its private temp file appears beside the lock).
 */
function holdLock(storeFile: string): { tried: Promise<void>; release: () => void } {
  const dir = path.dirname(storeFile);
  const lockFile = `${storeFile}.lock`;
  const starttime = processStartTime(process.pid);
  const payload = { pid: process.pid, createdAt: new Date().toISOString(), ...(starttime !== undefined ? { starttime } : {}) };
  fs.writeFileSync(lockFile, `${JSON.stringify(payload, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  let watcher: fs.FSWatcher | undefined;
  const tried = new Promise<void>((resolve) => {
    watcher = fs.watch(dir, (_event, name) => {
      if (name && /^auth-profiles\.json\.lock\..+\.tmp$/.test(String(name))) resolve();
    });
  });
  void tried.then(() => watcher?.close());
  return { tried, release: () => fs.rmSync(lockFile) };
}

/** A request still unanswered can be asked whether it has been answered. */
function tracked<T>(request: Promise<T>, answers: string[], name: string): { promise: Promise<T>; answered: () => boolean } {
  let done = false;
  const promise = request.finally(() => {
    done = true;
    answers.push(name);
  });
  promise.catch(() => undefined);
  return { promise, answered: () => done };
}

/** Hover, status and a fresh diagnostic all answer while `pending` is still unanswered. */
async function serverAnswersWhilePending(server: LspServer, uri: string, storeText: string, pending: () => boolean): Promise<void> {
  const at = storeText.split('\n').findIndex((line) => line.includes('"anthropic:default"'));
  const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: at, character: storeText.split('\n')[at]!.indexOf('anthropic:default') + 2 } });
  assert.ok(hover, 'the hover over the profile id has content');
  assert.equal(pending(), true, 'the hover was answered while the write waited for the lock');
  const status = await server.connection.sendRequest(StatusRequest.type);
  assert.ok(status.agents.some((a) => a.agentId === 'main'));
  assert.equal(pending(), true, 'the status was answered while the write waited for the lock');
  // An edit that breaks the store: its diagnostics are published while the write still waits.
  await server.change(uri, 2, storeText.replace('"type": "token"', '"type": "tokn"'));
  const published = await server.diagnosticsFor(uri, (p) => p.version === 2 && p.diagnostics.length > 0, 60_000);
  assert.ok(published.diagnostics.some((d) => d.code === 'store/invalid-type'), JSON.stringify(published.diagnostics.map((d) => d.code)));
  assert.equal(pending(), true, 'the diagnostics were published while the write waited for the lock');
}

test('while a paste-token waits for OpenClaw\'s lock, hovers, status and diagnostics answer; released, the writes complete in order', { timeout: 180_000 }, async () => {
  const { home, storeFile, storeText } = gatewayHome();
  const server = await startOnHome(home);
  try {
    const uri = await server.open(storeFile, storeText);
    const lock = holdLock(storeFile);
    const answers: string[] = [];
    const first = tracked(server.connection.sendRequest(PasteTokenRequest.type, { agentId: 'main', provider: 'anthropic', profileId: 'anthropic:default', token: token('first'), expiresIn: '365d' }), answers, 'first');
    const second = tracked(server.connection.sendRequest(PasteTokenRequest.type, { agentId: 'main', provider: 'anthropic', profileId: 'anthropic:second', token: token('second') }), answers, 'second');
    await lock.tried;
    await serverAnswersWhilePending(server, uri, storeText, () => !first.answered() && !second.answered());
    assert.ok(!fs.readFileSync(storeFile, 'utf8').includes(CANARY), 'nothing written while the lock is held');

    lock.release();
    const [one, two] = await Promise.all([first.promise, second.promise]);
    assert.deepEqual(answers, ['first', 'second'], 'one write at a time, in the order asked');
    assert.match(one.summary, /anthropic:default/);
    assert.equal(two.snapshot.agents.find((a) => a.agentId === 'main')?.providers.find((p) => p.provider === 'anthropic')?.status, 'ok', 'the re-read after the write is published');
    const stored = JSON.parse(fs.readFileSync(storeFile, 'utf8'));
    assert.equal(stored.profiles['anthropic:default'].token, token('first'));
    assert.equal(stored.profiles['anthropic:second'].token, token('second'));
    assert.ok(!fs.existsSync(`${storeFile}.lock`), 'the writer released the lock it took');
  } finally {
    await stopAndClean(server, home, CANARY);
  }
});

test('a write refused after the lock is released keeps its error code, reason and data; the server answered meanwhile', { timeout: 180_000 }, async () => {
  const { home, storeFile, storeText } = gatewayHome();
  const server = await startOnHome(home);
  try {
    const uri = await server.open(storeFile, storeText);
    const lock = holdLock(storeFile);
    const paste = tracked(server.connection.sendRequest(PasteTokenRequest.type, { agentId: 'main', provider: 'anthropic', token: token('refused') }), [], 'paste');
    await lock.tried;
    await serverAnswersWhilePending(server, uri, storeText, () => !paste.answered());
    // What the lock's holder leaves behind: a store that does not parse, which no write may replace.
    const broken = '{\n  "version": 1,\n  "profiles": {,}\n}\n';
    fs.writeFileSync(storeFile, broken);
    lock.release();
    const refused = await paste.promise.then(() => undefined, (error: unknown) => error);
    assert.ok(refused instanceof ResponseError, `refused: ${String(refused)}`);
    // The same refusal the engine gives in-thread on this store, now that the lock is free.
    let direct: WriteRefused | undefined;
    try {
      applyCredentialChange({ env: { HOME: home, OPENCLAW_STATE_DIR: path.join(home, '.openclaw') }, agentId: 'main' }, { kind: 'remove', profileId: 'anthropic:default' });
    } catch (error) {
      direct = error as WriteRefused;
    }
    assert.ok(direct instanceof WriteRefused, 'the engine refuses that store');
    assert.equal(direct.code, 'store/invalid-json');
    assert.equal(direct.location?.file, storeFile);
    assert.equal(refused.code, WRITE_REFUSED_ERROR);
    assert.equal(refused.message, direct.message);
    assert.deepEqual(refused.data, { code: direct.code, file: storeFile });
    assert.equal(fs.readFileSync(storeFile, 'utf8'), broken, 'nothing written');
  } finally {
    await stopAndClean(server, home, CANARY);
  }
});

test('the legacy auth.json rewrite (a quick fix\'s command) waits for the lock in the writer thread too; the server answers meanwhile', { timeout: 180_000 }, async () => {
  const home = tempHome('oc-lsp-locked-legacy-');
  const expires = Date.now() + 90 * 24 * HOUR;
  const { agentDir, authJson } = writeLegacyAuthHome(home, CANARY, expires);
  const server = await startOnHome(home);
  try {
    const uri = await server.open(authJson, fs.readFileSync(authJson, 'utf8'));
    await server.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'store/legacy-auth-json'));
    const storeFile = path.join(agentDir, 'auth-profiles.json');
    const lock = holdLock(storeFile);
    const rewrite = tracked(server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'openclawAuth.server.rewriteLegacyAuth', arguments: [uri] }), [], 'rewrite');
    await lock.tried;
    const status = await server.connection.sendRequest(StatusRequest.type);
    assert.ok(status.agents.some((a) => a.agentId === 'main'));
    assert.equal(rewrite.answered(), false, 'the status was answered while the rewrite waited for the lock');
    assert.ok(!fs.existsSync(storeFile) && fs.existsSync(authJson), 'nothing moved while the lock is held');

    lock.release();
    const result = (await rewrite.promise) as { written: string[] };
    assert.deepEqual(result.written, [storeFile, path.join(agentDir, 'auth.json.bak')]);
    assert.equal(fs.readFileSync(storeFile, 'utf8'), `${JSON.stringify(expectedMigratedStore(CANARY, expires), null, 2)}\n`);
    assert.ok(!fs.existsSync(`${storeFile}.lock`), 'the writer released the lock it took');
  } finally {
    await stopAndClean(server, home, CANARY);
  }
});
