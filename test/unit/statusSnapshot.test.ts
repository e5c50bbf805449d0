import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { agentAttention, buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import { materializeCase, tempHome, type FakeHomeCase } from '../support/fakeHome.ts';

const HOUR = 3600e3;
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
/** The middle of every secret below: it must never reach a snapshot. */
const CANARY = 'CANARYxSNAPSHOTxMIDDLE';
const token = (tag: string) => `sk-ant-oat01-${CANARY}${tag}${'T'.repeat(70)}-tail`;
const key = (tag: string) => `sk-ant-api03-${CANARY}${tag}${'K'.repeat(40)}-kend`;
const CONFIG = { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } };
const MAIN_STORE = '.openclaw/agents/main/agent/auth-profiles.json';

const homes: string[] = [];
after(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

function snapshotOf(c: FakeHomeCase, env: Record<string, string> = {}, mode: 'shell' | 'daemon' = 'daemon') {
  const home = tempHome('oc-snap-');
  homes.push(home);
  materializeCase(c, home, NOW);
  const state = loadOpenClawState({ env: { HOME: home, ...env }, mode, now: NOW, cwd: home });
  const snapshot = buildStatusSnapshot(state);
  assert.ok(!JSON.stringify(snapshot).includes(CANARY), 'a secret reached the snapshot');
  return { home, snapshot };
}

const provider = (s: ReturnType<typeof snapshotOf>['snapshot'], agentId: string, id: string) => {
  const p = s.agents.find((a) => a.agentId === agentId)?.providers.find((x) => x.provider === id);
  assert.ok(p, `${agentId}/${id}`);
  return p;
};

test('an expiring token before a valid key: the token is used first, the key is the fallback', () => {
  const { home, snapshot } = snapshotOf({
    files: {
      '.openclaw/openclaw.json': CONFIG,
      [MAIN_STORE]: { version: 1, profiles: {
        'anthropic:default': { type: 'token', provider: 'anthropic', token: token('a'), expires: NOW + 2 * HOUR },
        'anthropic:work': { type: 'api_key', provider: 'anthropic', key: key('b') },
      } },
    },
  });
  assert.equal(snapshot.generatedAt, NOW);
  assert.equal(snapshot.stateDir, path.join(home, '.openclaw'));
  const p = provider(snapshot, 'main', 'anthropic');
  assert.equal(p.inUse, true);
  assert.equal(p.status, 'expiring');
  assert.equal(p.expiresAt, NOW + 2 * HOUR);
  assert.deepEqual(p.candidates.map((c) => [c.id, c.status, c.reason, c.rank, c.effective]), [
    ['anthropic:default', 'expiring', 'first-in-order', 1, true],
    ['anthropic:work', 'static', 'fallback-in-order', 2, false],
  ]);
  assert.equal(p.candidates[0]?.label, `token:${token('a').slice(0, 8)}...${token('a').slice(-8)}`);
  assert.equal(p.candidates[0]?.file, path.join(home, MAIN_STORE));
  const main = snapshot.agents.find((a) => a.agentId === 'main');
  assert.equal(main?.checkCode, 2);
  assert.deepEqual(main?.attention, { status: 'expiring', provider: 'anthropic', profileId: 'anthropic:default', expiresAt: NOW + 2 * HOUR });
});

test('an expired token and nothing else: the provider is expired (not merely missing) and named in the attention', () => {
  const { snapshot } = snapshotOf({
    files: {
      '.openclaw/openclaw.json': CONFIG,
      [MAIN_STORE]: { version: 1, profiles: { 'anthropic:default': { type: 'token', provider: 'anthropic', token: token('c'), expires: NOW - 3 * HOUR } } },
    },
  });
  const p = provider(snapshot, 'main', 'anthropic');
  assert.equal(p.status, 'expired');
  assert.deepEqual(p.candidates.map((c) => [c.id, c.status, c.reason, c.effective]), [['anthropic:default', 'expired', 'expired', false]]);
  assert.equal(p.candidates[0]?.expiresAt, NOW - 3 * HOUR, 'the expiry of an expired token is still given');
  assert.deepEqual(snapshot.agents[0]?.attention, { status: 'expired', provider: 'anthropic', profileId: 'anthropic:default', expiresAt: NOW - 3 * HOUR });
});

test('env keys carry their origin and the sources they shadow; the shell env wins in shell mode', () => {
  const files = {
    '.openclaw/openclaw.json': { ...CONFIG, env: { OPENAI_API_KEY: `sk-proj-${CANARY}config0000` } },
    '.openclaw/.env': `OPENAI_API_KEY=sk-proj-${CANARY}state00000\n`,
  };
  const daemon = provider(snapshotOf({ files }).snapshot, 'main', 'openai');
  const [envCandidate] = daemon.candidates;
  assert.equal(envCandidate?.kind, 'env');
  assert.equal(envCandidate?.envOrigin, 'state-dotenv');
  assert.deepEqual(envCandidate?.shadowed?.map((s) => s.origin), ['config-env']);
  assert.equal(envCandidate?.reason, 'env-used');
  const shell = provider(snapshotOf({ files }, { OPENAI_API_KEY: `sk-proj-${CANARY}shell00000` }, 'shell').snapshot, 'main', 'openai');
  assert.equal(shell.candidates[0]?.envOrigin, 'process');
  assert.equal(shell.candidates[0]?.file, undefined);
  assert.deepEqual(shell.candidates[0]?.shadowed?.map((s) => s.origin), ['state-dotenv', 'config-env']);
});

test("a second agent inherits main's profiles and says so; its own store is named", () => {
  const { home, snapshot } = snapshotOf({
    files: {
      '.openclaw/openclaw.json': { ...CONFIG, agents: { ...CONFIG.agents, list: [{ id: 'main', default: true }, { id: 'ops' }] } },
      [MAIN_STORE]: { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: key('d') } } },
      '.openclaw/agents/ops/agent/auth-profiles.json': { version: 1, profiles: { 'openai:ops': { type: 'api_key', provider: 'openai', key: key('e') } } },
    },
  });
  assert.deepEqual(snapshot.agents.map((a) => [a.agentId, a.isDefault, a.configured]), [['main', true, true], ['ops', false, true]]);
  const ops = snapshot.agents.find((a) => a.agentId === 'ops');
  assert.equal(ops?.store.file, path.join(home, '.openclaw/agents/ops/agent/auth-profiles.json'));
  const inherited = provider(snapshot, 'ops', 'anthropic').candidates[0];
  assert.equal(inherited?.inheritedFromMain, true);
  assert.equal(inherited?.file, path.join(home, MAIN_STORE));
  assert.equal(provider(snapshot, 'ops', 'openai').candidates[0]?.inheritedFromMain, undefined);
});

test('an explicit order leaves other usable profiles out, and a cooldown is carried as data', () => {
  const { snapshot } = snapshotOf({
    files: {
      '.openclaw/openclaw.json': CONFIG,
      [MAIN_STORE]: {
        version: 1,
        profiles: {
          'anthropic:a': { type: 'api_key', provider: 'anthropic', key: key('f') },
          'anthropic:b': { type: 'api_key', provider: 'anthropic', key: key('g') },
          'anthropic:c': { type: 'api_key', provider: 'anthropic', key: key('h') },
        },
        order: { anthropic: ['anthropic:b', 'anthropic:c'] },
        usageStats: { 'anthropic:c': { cooldownUntil: NOW + HOUR } },
      },
    },
  });
  const p = provider(snapshot, 'main', 'anthropic');
  const byId = new Map(p.candidates.map((c) => [c.id, c]));
  assert.equal(p.candidates[0]?.id, 'anthropic:b');
  assert.equal(byId.get('anthropic:b')?.reason, 'first-in-order');
  assert.equal(byId.get('anthropic:a')?.reason, 'excluded-by-order');
  assert.equal(byId.get('anthropic:a')?.rank, undefined);
  assert.deepEqual(byId.get('anthropic:c')?.unusable, { kind: 'cooldown', until: NOW + HOUR });
  assert.ok(!p.candidates.some((c) => /cooldown/.test(c.label)), 'time-dependent tags stay out of labels');
});

test('a provider in use with no credential at all is missing; snapshot extras are applied', () => {
  const home = tempHome('oc-snap-');
  homes.push(home);
  materializeCase({ files: { '.openclaw/openclaw.json': CONFIG } }, home, NOW);
  const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW });
  const snapshot = buildStatusSnapshot(state, { selectedAgentId: 'main', unknownAgentSetting: 'ghost', nextChangeAt: NOW + 5, loadError: 'x' });
  const p = provider(snapshot, 'main', 'anthropic');
  assert.deepEqual([p.status, p.inUse, p.effective.kind, p.candidates.length], ['missing', true, 'missing', 0]);
  assert.deepEqual(snapshot.agents[0]?.attention, { status: 'missing', provider: 'anthropic' });
  assert.equal(snapshot.unknownAgentSetting, 'ghost');
  assert.equal(snapshot.nextChangeAt, NOW + 5);
  assert.equal(snapshot.loadError, 'x');
});

test('agentAttention: nothing for code 0; the soonest expiring provider in use for code 2', () => {
  assert.equal(agentAttention(0, []), undefined);
  const attention = agentAttention(2, [
    { provider: 'b', inUse: true, status: 'expiring', effective: { kind: 'profiles', detail: '' }, expiresAt: 20, candidates: [] },
    { provider: 'a', inUse: true, status: 'expiring', effective: { kind: 'profiles', detail: '' }, expiresAt: 10, candidates: [] },
    { provider: 'c', inUse: false, status: 'expiring', effective: { kind: 'profiles', detail: '' }, expiresAt: 5, candidates: [] },
  ]);
  assert.deepEqual(attention, { status: 'expiring', provider: 'a', expiresAt: 10 });
});
