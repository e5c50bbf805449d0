/**
 * The client's status-bar and tree decisions (client/src/statusModel.ts), fed with snapshots the real
 * engine builds from homes written to disk, so a change of the protocol's meaning shows here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import type { StatusSnapshot } from '../../server/src/protocol.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import {
  agentWorst, candidateUse, msUntilSpanChanges, roundSpan, statusBarModel, viewStateOf,
} from '../../client/src/statusModel.ts';
import { materializeCase, tempHome, type FakeHomeCase } from '../support/fakeHome.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const CANARY = 'sk-ant-oat01-CANARYCANARYCANARYCANARYCANARYCANARYCANARYCANARYCANARYCANARY-secret-tail';

function snapshotOf(c: FakeHomeCase): StatusSnapshot {
  const home = tempHome('oc-client-model-');
  materializeCase(c, home, NOW);
  const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW, stateDir: path.join(home, '.openclaw') });
  return buildStatusSnapshot(state);
}

function tokenHome(expires: string, provider = 'anthropic'): FakeHomeCase {
  return {
    files: {
      '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: `${provider}/some-model` } } } },
      '.openclaw/agents/main/agent/auth-profiles.json': {
        version: 1,
        profiles: { [`${provider}:default`]: { type: 'token', provider, token: CANARY, expires } },
      },
    },
  };
}

test('a token expiring in 2h: warning, named by its profile, with its expiry', () => {
  const snapshot = snapshotOf(tokenHome('$EXP(+2h)'));
  const model = statusBarModel(snapshot);
  assert.equal(model.level, 'warning');
  assert.equal(model.attention?.profileId, 'anthropic:default');
  assert.equal(model.attention?.expiresAt, NOW + 2 * HOUR);
  assert.deepEqual(model.providers.map((p) => [p.provider, p.status]), [['anthropic', 'expiring']]);
  assert.ok(!JSON.stringify(model).includes('CANARY'), 'the model carries masked labels only');
  assert.equal(viewStateOf(snapshot, false), 'ready');
});

test('an expired token: error; a token valid for 30 days: ok without attention', () => {
  assert.equal(statusBarModel(snapshotOf(tokenHome('$EXP(-1h)'))).level, 'error');
  const ok = statusBarModel(snapshotOf(tokenHome('$EXP(+30d)')));
  assert.equal(ok.level, 'ok');
  assert.equal(ok.attention, undefined);
  assert.equal(ok.providers[0]?.status, 'ok');
});

test('a provider in use with no credential at all: error, status missing', () => {
  const snapshot = snapshotOf({ files: { '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'openai/gpt-5' } } } } } });
  const model = statusBarModel(snapshot);
  assert.equal(model.level, 'error');
  assert.equal(model.attention?.status, 'missing');
  assert.equal(model.attention?.provider, 'openai');
});

test('view state: loading, start failure, missing state folder', () => {
  assert.equal(viewStateOf(undefined, false), 'loading');
  assert.equal(viewStateOf(undefined, true), 'error');
  const home = tempHome('oc-client-empty-');
  const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW, stateDir: path.join(home, 'nowhere') });
  const snapshot = buildStatusSnapshot(state);
  assert.equal(fs.existsSync(snapshot.stateDir), false);
  assert.equal(viewStateOf(snapshot, false), 'noStateDir');
  assert.equal(statusBarModel(snapshot).level, 'none');
});

test('spans round down to the unit people say, and never say 0', () => {
  assert.deepEqual(roundSpan(20_000), { amount: 1, unit: 'minute' });
  assert.deepEqual(roundSpan(59 * 60_000 + 59_000), { amount: 59, unit: 'minute' });
  assert.deepEqual(roundSpan(3 * HOUR + 59 * 60_000), { amount: 3, unit: 'hour' });
  assert.deepEqual(roundSpan(47 * HOUR), { amount: 47, unit: 'hour' });
  assert.deepEqual(roundSpan(49 * HOUR), { amount: 2, unit: 'day' });
  assert.deepEqual(roundSpan(-2 * 24 * HOUR - 1), { amount: 2, unit: 'day' });
});

/** What the user reads: "expires in" or "expired … ago", and the rounded span. */
function words(left: number): [boolean, ReturnType<typeof roundSpan>] {
  return [left > 0, roundSpan(left)];
}

test('the redraw comes right after the shown words change, not before', () => {
  for (const left of [20_000, 90_000, 3 * HOUR + 123_456, 2 * 24 * HOUR + 5 * HOUR, 2 * 24 * HOUR, -30_000, -5 * HOUR - 7]) {
    const expiresAt = NOW + left;
    const delay = msUntilSpanChanges(expiresAt, NOW);
    assert.ok(delay !== undefined && delay > 0, `delay for ${left}`);
    assert.deepEqual(words(expiresAt - (NOW + delay - 1)), words(left), `unchanged just before, left=${left}`);
    assert.notDeepEqual(words(expiresAt - (NOW + delay)), words(left), `changed at the redraw, left=${left}`);
  }
  assert.equal(msUntilSpanChanges(undefined, NOW), undefined);
});

test('an agent row names its worst state before it is expanded: "1 expired", else the expiring count', () => {
  const expired = snapshotOf(tokenHome('$EXP(-5h)')).agents[0]!;
  assert.deepEqual(agentWorst(expired), { level: 'error', counts: [{ status: 'expired', count: 1 }] });
  const expiring = snapshotOf(tokenHome('$EXP(+3h)')).agents[0]!;
  assert.deepEqual(agentWorst(expiring), { level: 'warning', counts: [{ status: 'expiring', count: 1 }] });
  const fine = snapshotOf(tokenHome('$EXP(+30d)')).agents[0]!;
  assert.deepEqual(agentWorst(fine), { level: 'ok', counts: [] });
  const missing = snapshotOf({ files: { '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'openai/gpt-5' } } } } } }).agents[0]!;
  assert.deepEqual(agentWorst(missing).counts, [{ status: 'missing', count: 1 }]);
});

test('a provider no model needs never has a child that says "used": OpenClaw would use it first, nothing more', () => {
  const snapshot = snapshotOf({
    files: {
      '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/some-model' } } } },
      '.openclaw/agents/main/agent/auth-profiles.json': {
        version: 1,
        profiles: {
          'anthropic:default': { type: 'token', provider: 'anthropic', token: CANARY, expires: '$EXP(+30d)' },
          'groq:default': { type: 'api_key', provider: 'groq', key: `gsk_${'g'.repeat(48)}` },
        },
      },
    },
  });
  const providers = snapshot.agents[0]!.providers;
  const groq = providers.find((p) => p.provider === 'groq')!;
  const anthropic = providers.find((p) => p.provider === 'anthropic')!;
  assert.equal(groq.inUse, false);
  assert.ok(groq.candidates[0]!.effective, 'the engine still marks the one OpenClaw would pick');
  assert.equal(candidateUse(groq, groq.candidates[0]!), 'wouldBeUsed');
  assert.equal(candidateUse(anthropic, anthropic.candidates[0]!), 'used');
  for (const p of providers) {
    for (const c of p.candidates) assert.ok(p.inUse || candidateUse(p, c) !== 'used', `${p.provider}/${c.id}`);
  }
});
