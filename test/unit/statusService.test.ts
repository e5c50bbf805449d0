import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import type { StatusSnapshot } from '../../server/src/protocol.ts';
import { StatusService, visibleKey } from '../../server/src/statusService.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';

const CANARY = 'CANARYxSERVICExMIDDLE';
const apiKey = `sk-ant-api03-${CANARY}${'K'.repeat(40)}`;
const setupToken = `sk-ant-oat01-${CANARY}${'T'.repeat(80)}`;
const CONFIG = { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } }, list: [{ id: 'main', default: true }, { id: 'ops' }] } };
const MAIN_STORE = '.openclaw/agents/main/agent/auth-profiles.json';

const homes: string[] = [];
after(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

/** A service over a real fake home that records what it would send to the client and log. */
function serviceFor(files: Record<string, unknown>, envExtra: Record<string, string> = {}) {
  const home = tempHome('oc-svc-');
  homes.push(home);
  materializeCase({ files }, home);
  const sent: StatusSnapshot[] = [];
  const logs: string[] = [];
  const env = { HOME: home, ...envExtra };
  const service = new StatusService({ notify: (s) => sent.push(s), log: (m) => logs.push(m) }, { env, debounceMs: 50 });
  return { home, service, sent, logs, env };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const anthropicStatus = (s: StatusSnapshot | undefined) => s?.agents.find((a) => a.agentId === s.selectedAgentId)?.providers.find((p) => p.provider === 'anthropic')?.status;

test('notifies once per visible change: the same state resolved again is not sent twice', () => {
  const { service, sent } = serviceFor({ '.openclaw/openclaw.json': CONFIG, [MAIN_STORE]: { version: 1, profiles: { 'anthropic:a': { type: 'api_key', provider: 'anthropic', key: apiKey } } } });
  try {
    service.configure({}, undefined);
    service.refresh();
    service.configure({}, undefined);
    assert.equal(sent.length, 1);
    assert.equal(anthropicStatus(sent[0]), 'static');
    service.configure({ envMode: 'daemon' }, undefined);
    assert.equal(sent.length, 2, 'a different env mode is visible');
    assert.equal(sent[1]?.envMode, 'daemon');
  } finally {
    service.dispose();
  }
});

test('visibleKey ignores only the resolution time', () => {
  const base = { generatedAt: 1, stateDir: '/s' } as StatusSnapshot;
  assert.equal(visibleKey(base), visibleKey({ ...base, generatedAt: 2 }));
  assert.notEqual(visibleKey(base), visibleKey({ ...base, stateDir: '/t' }));
});

test('a store written on disk is picked up by the watcher and announced', async () => {
  const { home, service, sent } = serviceFor({ '.openclaw/openclaw.json': CONFIG });
  try {
    service.configure({}, undefined);
    assert.equal(anthropicStatus(sent[0]), 'missing');
    // The agent folder does not exist yet: the watcher must see it appear.
    materializeCase({ files: { [MAIN_STORE]: { version: 1, profiles: { 'anthropic:a': { type: 'api_key', provider: 'anthropic', key: apiKey } } } } }, home);
    const started = Date.now();
    while (sent.length < 2 && Date.now() - started < 5000) await sleep(25);
    assert.equal(anthropicStatus(sent.at(-1)), 'static');
  } finally {
    service.dispose();
  }
});

test('defaultAgent: a configured agent is followed; an unknown one is reported and the default followed', () => {
  const { service } = serviceFor({ '.openclaw/openclaw.json': CONFIG });
  try {
    const ops = service.configure({ defaultAgent: 'OPS' }, undefined);
    assert.equal(ops.selectedAgentId, 'ops');
    assert.equal(ops.unknownAgentSetting, undefined);
    const ghost = service.configure({ defaultAgent: 'ghost' }, undefined);
    assert.equal(ghost.selectedAgentId, 'main');
    assert.equal(ghost.unknownAgentSetting, 'ghost');
    assert.equal(service.report().agentId, 'main');
    assert.equal(service.report('ops').agentId, 'ops');
    assert.throws(() => service.report('nobody'), /Unknown agent id "nobody"/);
  } finally {
    service.dispose();
  }
});

test('the report is the CLI text with the check code, masked', () => {
  const { service } = serviceFor({ '.openclaw/openclaw.json': CONFIG, [MAIN_STORE]: { version: 1, profiles: { 'anthropic:t': { type: 'token', provider: 'anthropic', token: setupToken, expires: Date.now() + 5400e3 } } } });
  try {
    service.configure({}, undefined);
    const report = service.report();
    assert.equal(report.checkCode, 2);
    assert.equal(report.attention?.profileId, 'anthropic:t');
    assert.match(report.text, /anthropic:t expiring expires in 1h/);
    assert.ok(!report.text.includes(CANARY));
  } finally {
    service.dispose();
  }
});

test('Restricted Mode, or a client silent about trust: a working folder .env is not read at all', () => {
  const { home, service } = serviceFor({ '.openclaw/openclaw.json': CONFIG, 'work/.env': `ANTHROPIC_API_KEY=${apiKey}\n` });
  const work = path.join(home, 'work');
  const ignoredKeyIssues = (s: StatusSnapshot) => s.issues.filter((i) => i.code === 'env/workspace-key-ignored' && i.file === path.join(work, '.env'));
  try {
    assert.equal(ignoredKeyIssues(service.configure({ trustedWorkspace: true }, work)).length, 1, 'a trusted working folder is read');
    assert.equal(ignoredKeyIssues(service.configure({ trustedWorkspace: false }, work)).length, 0);
    assert.equal(ignoredKeyIssues(service.configure({}, work)).length, 0, 'no word about trust counts as untrusted');
  } finally {
    service.dispose();
  }
});

test('the clock crossing a threshold re-resolves by itself', async () => {
  const { service, sent } = serviceFor({ '.openclaw/openclaw.json': CONFIG, [MAIN_STORE]: { version: 1, profiles: { 'anthropic:t': { type: 'token', provider: 'anthropic', token: setupToken, expires: Date.now() + 2000 } } } });
  try {
    service.configure({ warningWindowHours: 1000 / 3600e3 }, undefined);
    assert.equal(anthropicStatus(sent[0]), 'ok');
    assert.ok(sent[0]?.nextChangeAt !== undefined);
    const started = Date.now();
    while (anthropicStatus(sent.at(-1)) !== 'expired' && Date.now() - started < 5000) await sleep(20);
    assert.deepEqual(sent.map(anthropicStatus), ['ok', 'expiring', 'expired']);
  } finally {
    service.dispose();
  }
});

test('a failure inside resolution never escapes: the last good state is kept with loadError, and logged', () => {
  let broken = false;
  const home = tempHome('oc-svc-');
  homes.push(home);
  materializeCase({ files: { '.openclaw/openclaw.json': CONFIG } }, home);
  // The only way to make the engine throw from outside: an environment that fails when read.
  const env = new Proxy({ HOME: home } as Record<string, string>, {
    get(target, key) {
      if (broken && key === 'HOME') throw new Error('environment unavailable');
      return target[key as string];
    },
  });
  const logs: string[] = [];
  const sent: StatusSnapshot[] = [];
  const service = new StatusService({ notify: (s) => sent.push(s), log: (m) => logs.push(m) }, { env });
  try {
    const good = service.configure({}, undefined);
    broken = true;
    const failed = service.refresh();
    assert.match(failed.loadError ?? '', /environment unavailable/);
    assert.deepEqual(failed.agents.map((a) => a.agentId), good.agents.map((a) => a.agentId));
    assert.equal(logs.filter((l) => l.includes('environment unavailable')).length, 1);
    broken = false;
    assert.equal(service.refresh().loadError, undefined, 'recovers on the next resolution');
    assert.equal(sent.length, 3);
  } finally {
    service.dispose();
  }
});
