import assert from 'node:assert/strict';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { nextThresholdCrossing, ThresholdTimer } from '../../server/src/expiryTimer.ts';
import { OAUTH_REFRESH_MARGIN_MS } from '../../server/src/openclaw/expiry.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';

const HOUR = 3600e3;
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const STORE = '.openclaw/agents/main/agent/auth-profiles.json';
const CONFIG = { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } };

/** Resolves a real fake home whose main store holds `profiles` (plus `usageStats`), at NOW. */
function stateWith(profiles: Record<string, unknown>, extra: Record<string, unknown> = {}, warnMs = 24 * HOUR) {
  const home = tempHome('oc-timer-');
  try {
    materializeCase({ files: { '.openclaw/openclaw.json': CONFIG, [STORE]: { version: 1, profiles, ...extra } } }, home, NOW);
    return loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW, warnMs });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const token = (expires: number) => ({ type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${'T'.repeat(95)}`, expires });

describe('nextThresholdCrossing', () => {
  test('a token 48 h from expiry next changes when it enters the 24 h window', () => {
    assert.equal(nextThresholdCrossing(stateWith({ 'anthropic:a': token(NOW + 48 * HOUR) })), NOW + 24 * HOUR);
  });

  test('a token already in the window next changes when it expires', () => {
    assert.equal(nextThresholdCrossing(stateWith({ 'anthropic:a': token(NOW + 2 * HOUR) })), NOW + 2 * HOUR);
  });

  test('the earliest crossing among several profiles wins; expired tokens and API keys never change', () => {
    const state = stateWith({
      'anthropic:late': token(NOW + 30 * 24 * HOUR),
      'anthropic:soon': token(NOW + 30 * HOUR),
      'anthropic:gone': token(NOW - HOUR),
      'anthropic:key': { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-${'K'.repeat(60)}` },
    });
    assert.equal(nextThresholdCrossing(state), NOW + 6 * HOUR);
    assert.equal(nextThresholdCrossing(stateWith({ 'anthropic:key': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-xyz' } })), undefined);
    assert.equal(nextThresholdCrossing(stateWith({ 'anthropic:gone': token(NOW - HOUR) })), undefined);
  });

  test('OAuth never warns later than its refresh margin, even with a tiny warning window', () => {
    const oauth = { type: 'oauth', provider: 'anthropic', access: 'a'.repeat(40), refresh: 'r'.repeat(40), expires: NOW + HOUR };
    assert.equal(nextThresholdCrossing(stateWith({ 'anthropic:o': oauth }, {}, 1000)), NOW + HOUR - OAUTH_REFRESH_MARGIN_MS);
  });

  test('a cooldown ends at its "until"', () => {
    const key = { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-${'K'.repeat(60)}` };
    const state = stateWith({ 'anthropic:key': key }, { usageStats: { 'anthropic:key': { cooldownUntil: NOW + 10 * 60e3 } } });
    assert.equal(nextThresholdCrossing(state), NOW + 10 * 60e3);
  });
});

describe('ThresholdTimer', () => {
  let now: number;
  const advance = (ms: number) => {
    now += ms;
    mock.timers.tick(ms);
  };
  beforeEach(() => {
    now = NOW;
    mock.timers.enable({ apis: ['setTimeout'] });
  });
  afterEach(() => mock.timers.reset());

  test('fires once, just after the crossing', () => {
    let fired = 0;
    const timer = new ThresholdTimer(() => fired++, () => now);
    timer.schedule(now + 5000);
    advance(4999);
    assert.equal(fired, 0);
    advance(2);
    assert.equal(fired, 1);
    advance(60_000);
    assert.equal(fired, 1);
  });

  test('scheduling again replaces the pending timer; undefined and cancel leave none', () => {
    let fired = 0;
    const timer = new ThresholdTimer(() => fired++, () => now);
    timer.schedule(now + 1000);
    timer.schedule(now + 3000);
    advance(2000);
    assert.equal(fired, 0, 'the first timer was replaced');
    advance(1001);
    assert.equal(fired, 1);
    timer.schedule(now + 1000);
    timer.schedule(undefined);
    advance(5000);
    timer.schedule(now + 1000);
    timer.cancel();
    advance(5000);
    assert.equal(fired, 1);
  });

  test('a crossing further away than setTimeout can wait (24.8 days) is reached in steps, not early', () => {
    let fired = 0;
    const timer = new ThresholdTimer(() => fired++, () => now);
    const at = now + 40 * 24 * HOUR;
    timer.schedule(at);
    advance(2 ** 31 - 1);
    assert.equal(fired, 0, 'not fired at the first chained step');
    advance(at + 1 - now);
    assert.equal(fired, 1);
  });

  test('a crossing in the past fires at once', () => {
    let fired = 0;
    new ThresholdTimer(() => fired++, () => now).schedule(now - 10);
    advance(1);
    assert.equal(fired, 1);
  });
});
