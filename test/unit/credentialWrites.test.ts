/**
 * The language server's write requests, on real fake homes: each goes through the engine's writer,
 * the state is re-read and sent at once (no watcher delay), refusals carry their code and reason,
 * and no secret reaches a message, a log line, a result or a notification.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ResponseError } from 'vscode-languageserver/node';
import { CredentialWrites } from '../../server/src/credentialWrites.ts';
import { WRITE_REFUSED_ERROR, type StatusSnapshot } from '../../server/src/protocol.ts';
import { StatusService } from '../../server/src/statusService.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';

const CANARY = 'CANARYxWRITExMIDDLE';
const oldToken = `sk-ant-oat01-OLD${'o'.repeat(90)}`;
const newToken = `sk-ant-oat01-${CANARY}${'N'.repeat(80)}`;
const HOUR = 3_600_000;
const CONFIG = { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } }, list: [{ id: 'main', default: true }, { id: 'work' }] } };
const MAIN_STORE = '.openclaw/agents/main/agent/auth-profiles.json';

const homes: string[] = [];
after(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

function setup(profiles: Record<string, unknown>) {
  const home = tempHome('oc-writes-');
  homes.push(home);
  materializeCase({ files: { '.openclaw/openclaw.json': CONFIG, [MAIN_STORE]: { version: 1, profiles } } }, home);
  const sent: StatusSnapshot[] = [];
  const logs: string[] = [];
  const service = new StatusService({ notify: (s) => sent.push(s), log: (m) => logs.push(m) }, { env: { HOME: home }, debounceMs: 50 });
  service.configure({}, undefined);
  const writes = new CredentialWrites(service, (m) => logs.push(m));
  return { home, service, writes, sent, logs, storeFile: path.join(home, MAIN_STORE) };
}

const mainAgent = (s: StatusSnapshot | undefined) => s?.agents.find((a) => a.agentId === 'main');
const anthropic = (s: StatusSnapshot | undefined) => mainAgent(s)?.providers.find((p) => p.provider === 'anthropic');

test('paste-token into an expired home: the store holds the token, the snapshot sent right away is ok, nothing echoes the token', async () => {
  const { service, writes, sent, logs, storeFile } = setup({ 'anthropic:default': { type: 'token', provider: 'anthropic', token: oldToken, expires: Date.now() - 2 * HOUR } });
  try {
    assert.equal(mainAgent(service.current())?.checkCode, 1, 'expired before');
    const before = sent.length;
    const result = await writes.pasteToken({ agentId: 'main', provider: 'anthropic', profileId: 'anthropic:default', token: newToken, expiresIn: '365d' });
    // Sent within the request: the client sees it before the answer.
    assert.equal(sent.length, before + 1, 'the re-read was notified at once');
    assert.equal(mainAgent(sent.at(-1))?.checkCode, 0);
    assert.equal(anthropic(result.snapshot)?.status, 'ok');
    const stored = JSON.parse(fs.readFileSync(storeFile, 'utf8'));
    assert.equal(stored.profiles['anthropic:default'].token, newToken);
    assert.equal(stored.profiles['anthropic:default'].type, 'token');
    const expires = stored.profiles['anthropic:default'].expires;
    assert.ok(Math.abs(expires - (Date.now() + 365 * 24 * HOUR)) < 60_000, 'expires 365 days from now');
    const everything = JSON.stringify({ result, sent, logs });
    assert.ok(!everything.includes(CANARY), 'no secret in the result, the notifications or the log');
    assert.match(result.summary, /anthropic:default/);
  } finally {
    service.dispose();
  }
});

test('a default profile id is <provider>:manual, as the real CLI', async () => {
  const { service, writes, storeFile } = setup({});
  try {
    await writes.pasteToken({ agentId: 'main', provider: 'anthropic', token: newToken });
    const stored = JSON.parse(fs.readFileSync(storeFile, 'utf8'));
    assert.equal(stored.profiles['anthropic:manual'].token, newToken);
    assert.equal(stored.profiles['anthropic:manual'].expires, undefined, 'no --expires-in, no expires');
  } finally {
    service.dispose();
  }
});

test('a refused secret is a WRITE_REFUSED_ERROR with its code and a reason that quotes nothing, and nothing is written', async () => {
  const { service, writes, storeFile, logs } = setup({ 'anthropic:default': { type: 'token', provider: 'anthropic', token: oldToken } });
  try {
    const before = fs.readFileSync(storeFile, 'utf8');
    const cases: [string, string][] = [
      [`sk-ant-oat01-${CANARY}`, 'secret/too-short'],
      [`sk-ant-oat01-${CANARY}\n${'x'.repeat(80)}`, 'secret/line-break'],
      [`hello-${CANARY}${'x'.repeat(80)}`, 'secret/not-anthropic'],
    ];
    for (const [token, code] of cases) {
      await assert.rejects(writes.pasteToken({ agentId: 'main', provider: 'anthropic', token }), (error: unknown) => {
        assert.ok(error instanceof ResponseError);
        assert.equal(error.code, WRITE_REFUSED_ERROR);
        assert.equal((error.data as { code: string }).code, code);
        assert.ok(!error.message.includes(CANARY), `${code}: the message quotes nothing`);
        return true;
      });
    }
    await assert.rejects(writes.pasteToken({ agentId: 'main', provider: 'anthropic', token: newToken, expiresIn: 'soon' }), (e: unknown) => (e as ResponseError<{ code: string }>).data?.code === 'paste/expires-in');
    assert.equal(fs.readFileSync(storeFile, 'utf8'), before, 'the store is untouched');
    assert.ok(!logs.join('\n').includes(CANARY));
  } finally {
    service.dispose();
  }
});

test('an API key goes to an api_key profile', async () => {
  const { service, writes, storeFile } = setup({});
  try {
    const key = `sk-ant-api03-${CANARY}${'K'.repeat(60)}`;
    await writes.pasteToken({ agentId: 'main', provider: 'anthropic', profileId: 'anthropic:key', token: key });
    const stored = JSON.parse(fs.readFileSync(storeFile, 'utf8'));
    assert.equal(stored.profiles['anthropic:key'].type, 'api_key');
  } finally {
    service.dispose();
  }
});

test('order get / set / clear: where the order comes from, and the snapshot follows', async () => {
  const far = Date.now() + 30 * 24 * HOUR;
  const { service, writes } = setup({
    'anthropic:a': { type: 'token', provider: 'anthropic', token: oldToken, expires: far },
    'anthropic:b': { type: 'token', provider: 'anthropic', token: `${oldToken}b`, expires: far },
  });
  try {
    const before = writes.orderGet({ agentId: 'main', provider: 'anthropic' });
    assert.equal(before.source, 'default');
    assert.deepEqual([...before.profiles].sort(), ['anthropic:a', 'anthropic:b']);
    const set = await writes.orderSet({ agentId: 'main', provider: 'anthropic', profileIds: ['anthropic:b', 'anthropic:a'] });
    assert.deepEqual(anthropic(set.snapshot)?.candidates.filter((c) => c.kind === 'profile').map((c) => c.id), ['anthropic:b', 'anthropic:a']);
    const after = writes.orderGet({ agentId: 'main', provider: 'anthropic' });
    assert.equal(after.source, 'auth-state', 'OpenClaw 2026.6 keeps the override in auth-state.json');
    assert.deepEqual(after.order, ['anthropic:b', 'anthropic:a']);
    assert.deepEqual(after.effective, ['anthropic:b', 'anthropic:a']);
    await writes.orderClear({ agentId: 'main', provider: 'anthropic' });
    assert.equal(writes.orderGet({ agentId: 'main', provider: 'anthropic' }).source, 'default');
    await assert.rejects(writes.orderSet({ agentId: 'main', provider: 'anthropic', profileIds: ['anthropic:nope'] }), (e: unknown) => (e as ResponseError<{ code: string }>).data?.code === 'write/unknown-profile');
  } finally {
    service.dispose();
  }
});

test('remove: the profile is gone from the store and from the snapshot sent', async () => {
  const { service, writes, storeFile, sent } = setup({
    'anthropic:a': { type: 'token', provider: 'anthropic', token: oldToken },
    'anthropic:b': { type: 'token', provider: 'anthropic', token: `${oldToken}b` },
  });
  try {
    await writes.removeProfile({ agentId: 'main', profileId: 'anthropic:a' });
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(storeFile, 'utf8')).profiles), ['anthropic:b']);
    assert.deepEqual(anthropic(sent.at(-1))?.candidates.map((c) => c.id), ['anthropic:b']);
  } finally {
    service.dispose();
  }
});

test('an unknown agent is refused with its code', async () => {
  const { service, writes } = setup({});
  try {
    await assert.rejects(writes.pasteToken({ agentId: 'ghost', provider: 'anthropic', token: newToken }), (e: unknown) => (e as ResponseError<{ code: string }>).data?.code === 'write/unknown-agent');
  } finally {
    service.dispose();
  }
});

test('the snapshot lists OpenClaw providers and each provider\'s models for the /model pin', () => {
  const { service } = setup({});
  try {
    const s = service.current();
    assert.ok(s.knownProviders?.includes('anthropic') && s.knownProviders.includes('openai'));
    assert.deepEqual(anthropic(s)?.models, ['anthropic/claude-sonnet-4-5']);
  } finally {
    service.dispose();
  }
});
