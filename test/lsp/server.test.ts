import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, HoverRequest } from 'vscode-languageserver-protocol/node';
import {
  LocateCredentialRequest, RefreshRequest, StatusChangedNotification, StatusReportRequest, StatusRequest, type StatusSnapshot,
} from '../../server/src/protocol.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { LspServer, serverPath } from './lspServer.ts';

/** Never to be seen in anything the server sends: the middle of every secret in these homes. */
const CANARY = 'CANARYxLSPxSECRETxMIDDLE';
const setupToken = (tag: string) => `sk-ant-oat01-${CANARY}${tag}${'Q'.repeat(70)}-tail`;
const apiKey = `sk-ant-api03-${CANARY}${'W'.repeat(40)}-kend`;

const CONFIG = { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } };
const STORE_REL = '.openclaw/agents/main/agent/auth-profiles.json';

function storeWith(profiles: Record<string, unknown>): Record<string, unknown> {
  return { version: 1, profiles };
}

function anthropic(snapshot: StatusSnapshot, agentId = 'main') {
  const agent = snapshot.agents.find((a) => a.agentId === agentId);
  assert.ok(agent, `agent ${agentId} in snapshot`);
  const provider = agent.providers.find((p) => p.provider === 'anthropic');
  assert.ok(provider, 'anthropic provider in snapshot');
  return { agent, provider };
}

before(() => {
  assert.ok(fs.existsSync(serverPath), 'dist/server.js exists (run `node scripts/build.mjs` first)');
});

describe('language server over stdio', () => {
  let home: string;
  let server: LspServer;

  before(async () => {
    home = tempHome('oc-lsp-');
    materializeCase({
      files: {
        '.openclaw/openclaw.json': CONFIG,
        [STORE_REL]: storeWith({
          'anthropic:default': { type: 'token', provider: 'anthropic', token: setupToken('a'), expires: '$EXP(+2h)' },
          'anthropic:work': { type: 'api_key', provider: 'anthropic', key: apiKey },
        }),
        '.openclaw/.env': `OPENAI_API_KEY=sk-proj-${CANARY}zzzzzzzzzzzz\n`,
      },
    }, home);
    server = LspServer.start({ HOME: home, OPENCLAW_STATE_DIR: path.join(home, '.openclaw') }, home);
    const firstStatus = server.nextNotification(StatusChangedNotification.type);
    await server.initialize(home);
    await firstStatus;
  });

  after(async () => {
    await server.stop();
    // Whatever happened above, the secrets never crossed the pipe, in any message.
    const output = server.allOutput();
    assert.ok(output.includes('openclaw/statusChanged'), 'the captured stream is the real one');
    assert.ok(!output.includes(CANARY), 'a secret appeared in the server output');
    fs.rmSync(home, { recursive: true, force: true });
  });

  test('openclaw/status reports every provider with its candidates in OpenClaw order', async () => {
    const snapshot = await server.connection.sendRequest(StatusRequest.type);
    assert.equal(snapshot.stateDir, path.join(home, '.openclaw'));
    assert.equal(snapshot.selectedAgentId, 'main');
    const { agent, provider } = anthropic(snapshot);
    assert.equal(agent.checkCode, 2, 'the token expires within 24 h');
    assert.equal(agent.attention?.status, 'expiring');
    assert.equal(agent.attention?.profileId, 'anthropic:default');
    assert.equal(provider.inUse, true);
    assert.equal(provider.status, 'expiring');
    const ids = provider.candidates.map((c) => `${c.kind}:${c.id}:${c.status}`);
    assert.deepEqual(ids.slice(0, 2), ['profile:anthropic:default:expiring', 'profile:anthropic:work:static']);
    assert.equal(provider.candidates[0]?.effective, true);
    assert.match(provider.candidates[0]?.label ?? '', /^token:sk-ant-o\.\.\.QQQ-tail|sk-ant-o\.\.\./);
    const openai = agent.providers.find((p) => p.provider === 'openai');
    assert.equal(openai?.candidates[0]?.kind, 'env');
    assert.equal(openai?.candidates[0]?.envOrigin, 'state-dotenv');
    assert.ok(snapshot.nextChangeAt && snapshot.nextChangeAt > Date.now(), 'the next threshold is announced');
  });

  test('a store rewritten on disk is noticed and announced with openclaw/statusChanged', async () => {
    const changed = server.nextNotification(StatusChangedNotification.type, (s) => anthropic(s).provider.candidates.some((c) => c.id === 'anthropic:default' && c.status === 'expired'));
    materializeCase({
      files: {
        [STORE_REL]: storeWith({ 'anthropic:default': { type: 'token', provider: 'anthropic', token: setupToken('b'), expires: '$EXP(-3h)' } }),
      },
    }, home);
    const snapshot = await changed;
    const { agent, provider } = anthropic(snapshot);
    assert.equal(provider.status, 'expired');
    assert.equal(agent.checkCode, 1);
    assert.deepEqual(provider.candidates.filter((c) => c.kind === 'profile').map((c) => c.id), ['anthropic:default']);
    // A refresh with nothing new answers the same state and sends no notification.
    let extra = 0;
    const listener = server.on(StatusChangedNotification.type, () => extra++);
    const refreshed = await server.connection.sendRequest(RefreshRequest.type);
    await new Promise((r) => setTimeout(r, 300));
    listener.dispose();
    assert.equal(anthropic(refreshed).provider.status, 'expired');
    assert.equal(extra, 0, 'no statusChanged without a visible change');
  });

  test('openclaw/statusReport answers the CLI report and --check code', async () => {
    const report = await server.connection.sendRequest(StatusReportRequest.type, {});
    assert.equal(report.agentId, 'main');
    assert.equal(report.checkCode, 1);
    assert.match(report.text, /anthropic:default expired/);
    assert.match(report.text, /Check: expired or missing/);
    await assert.rejects(server.connection.sendRequest(StatusReportRequest.type, { agentId: 'nobody' }), /Unknown agent id "nobody"/);
  });

  test('a broken auth-profiles.json in the editor gets diagnostics at the exact place', async () => {
    const file = path.join(home, 'scratch', 'auth-profiles.json');
    const text = `{\n  "version": 1,\n  "profiles": {\n    "anthropic:x": { "type": "api_key", "provider": "anthropic", "key": "${setupToken('c')}" }\n  }\n}\n`;
    const uri = await server.open(file, text);
    const published = await server.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    const d = published.diagnostics.find((x) => x.code === 'profile/setup-token-as-api-key');
    assert.ok(d, JSON.stringify(published.diagnostics.map((x) => x.code)));
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.source, 'openclaw-auth');
    assert.match(d.codeDescription?.href ?? '', /diagnostics\.md#profile-setup-token-as-api-key$/);
    // On the secret's value (its range, never its text).
    const valueAt = text.split('\n')[3]!.indexOf('"sk-ant-oat01-');
    assert.deepEqual(d.range, { start: { line: 3, character: valueAt }, end: { line: 3, character: valueAt + JSON.stringify(setupToken('c')).length } });

    // Unsaved edits count: a syntax error is pointed at where the buffer breaks.
    const broken = '{\n  "version": 1,\n  "profiles": {\n    "anthropic:x": { "type": "token" "provider": "anthropic" }\n  }\n}\n';
    await server.change(uri, 2, broken);
    const after = await server.diagnosticsFor(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.map((x) => x.code), ['store/invalid-json']);
    const comma = broken.split('\n')[3]!.indexOf('"provider"');
    assert.deepEqual(after.diagnostics[0]?.range.start, { line: 3, character: comma });
    assert.equal(fs.existsSync(file), false, 'the server never wrote the buffer to disk');
  });

  test('a working folder .env with a provider key is flagged on the key', async () => {
    const file = path.join(home, '.env');
    const uri = await server.open(file, `# mine\nANTHROPIC_API_KEY=${apiKey}\n`, 'dotenv');
    const published = await server.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [
      ['env/workspace-key-ignored', 1, 0, 'ANTHROPIC_API_KEY'.length],
    ]);
  });

  test('openclaw/locateCredential finds the profile in the store and the key in the .env', async () => {
    const profile = await server.connection.sendRequest(LocateCredentialRequest.type, { kind: 'profile', agentId: 'main', profileId: 'anthropic:default' });
    assert.ok(profile.found);
    assert.equal(profile.uri, pathToFileURL(path.join(home, STORE_REL)).toString());
    const lines = fs.readFileSync(path.join(home, STORE_REL), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"anthropic:default"'));
    assert.deepEqual(profile.range.start, { line, character: lines[line]!.indexOf('"anthropic:default"') });

    const envFile = path.join(home, '.openclaw', '.env');
    const env = await server.connection.sendRequest(LocateCredentialRequest.type, { kind: 'env', variable: 'OPENAI_API_KEY', file: envFile });
    assert.ok(env.found);
    assert.deepEqual(env.range.start, { line: 0, character: 0 });
    const processEnv = await server.connection.sendRequest(LocateCredentialRequest.type, { kind: 'env', variable: 'X', file: '' });
    assert.deepEqual(processEnv, { found: false, reason: 'process-env' });
    const missing = await server.connection.sendRequest(LocateCredentialRequest.type, { kind: 'profile', agentId: 'main', profileId: 'nope:none' });
    assert.deepEqual(missing, { found: false, reason: 'not-found' });
  });

  test('hovering a profile id shows its status, masked', async () => {
    const storeFile = path.join(home, STORE_REL);
    const text = fs.readFileSync(storeFile, 'utf8');
    const uri = await server.open(storeFile, text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"anthropic:default"'));
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line, character: lines[line]!.indexOf('anthropic:default') + 2 },
    });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /\*\*anthropic:default\*\*: expired/);
    assert.match(value, /sk-ant-o\.\.\./);
  });
});

describe('language server timing', () => {
  test('the clock crossing a threshold re-resolves without any file change (one timer, no polling)', async () => {
    const home = tempHome('oc-lsp-clock-');
    // Expiring window of 2 s: the token turns "expiring" 2 s before it expires, 6 s from now.
    materializeCase({
      files: {
        '.openclaw/openclaw.json': CONFIG,
        [STORE_REL]: storeWith({ 'anthropic:default': { type: 'token', provider: 'anthropic', token: setupToken('d'), expires: '$EXP(+6s)' } }),
      },
    }, home);
    const server = LspServer.start({ HOME: home, OPENCLAW_STATE_DIR: path.join(home, '.openclaw') }, home);
    try {
      const statusOf = (s: StatusSnapshot) => anthropic(s).provider.status;
      const expiring = server.nextNotification(StatusChangedNotification.type, (s) => statusOf(s) === 'expiring', 12_000);
      const expired = server.nextNotification(StatusChangedNotification.type, (s) => statusOf(s) === 'expired', 12_000);
      await server.initialize(home, { warningWindowHours: 2 / 3600 });
      const first = await server.connection.sendRequest(StatusRequest.type);
      assert.equal(statusOf(first), 'ok');
      assert.equal(first.warnMs, 2000);
      await expiring;
      const last = await expired;
      assert.equal(anthropic(last).agent.checkCode, 1);
    } finally {
      await server.stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  test('settings: an unknown defaultAgent is reported and OpenClaw default followed; a change of settings re-resolves', async () => {
    const home = tempHome('oc-lsp-settings-');
    materializeCase({
      files: {
        '.openclaw/openclaw.json': { agents: { list: [{ id: 'main', default: true }, { id: 'ops' }], defaults: CONFIG.agents.defaults } },
        [STORE_REL]: storeWith({ 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: apiKey } }),
      },
    }, home);
    const server = LspServer.start({ HOME: home, OPENCLAW_STATE_DIR: path.join(home, '.openclaw') }, home);
    try {
      await server.initialize(home, { defaultAgent: 'ghost' });
      const first = await server.connection.sendRequest(StatusRequest.type);
      assert.equal(first.unknownAgentSetting, 'ghost');
      assert.equal(first.selectedAgentId, 'main');
      const changed = server.nextNotification(StatusChangedNotification.type, (s) => s.selectedAgentId === 'ops');
      await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { openclawAuth: { defaultAgent: 'ops' } } });
      const snapshot = await changed;
      assert.equal(snapshot.unknownAgentSetting, undefined);
      assert.deepEqual(snapshot.agents.map((a) => a.agentId).sort(), ['main', 'ops']);
      const report = await server.connection.sendRequest(StatusReportRequest.type, {});
      assert.equal(report.agentId, 'ops');
      assert.ok(!server.allOutput().includes(CANARY));
    } finally {
      await server.stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
