import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Credential } from '../../server/src/openclaw/credential.ts';
import { evaluateRoute, isOAuthRefreshFence, oauthReadiness, type ProfileReadiness } from '../../server/src/openclaw/resolve/routeAvailability.ts';

/** OpenClaw 2026.9's read-only judgement of one model route (resolve/routeAvailability.ts). */
const NOW = 1_800_000_000_000;
const MIN = 60_000;
const claim = 'c'.repeat(32);
const digest = 'd'.repeat(64);
const fence: Credential = { type: 'oauth', provider: 'anthropic', access: `openclaw-oauth-refresh-fence:v1:${claim}:access:${digest}`, refresh: `openclaw-oauth-refresh-fence:v1:${claim}:refresh:${digest}`, expires: 1 };

describe('2026.9 route availability', () => {
  it('an OAuth login is ready only with more than five minutes of access left; a refresh token alone is unknown unless the provider refreshes it', () => {
    const login = (expires: number | undefined, refresh?: string): Credential => ({ type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-access', ...(refresh ? { refresh } : {}), ...(expires === undefined ? {} : { expires }) });
    assert.equal(oauthReadiness(login(NOW + 20 * MIN), NOW, false), 'ready');
    assert.equal(oauthReadiness(login(NOW + 4 * MIN), NOW, false), 'unavailable');
    assert.equal(oauthReadiness(login(NOW - 20 * MIN, 'rt'), NOW, false), 'unknown');
    assert.equal(oauthReadiness(login(NOW - 20 * MIN, 'rt'), NOW, true), 'ready');
    assert.equal(oauthReadiness(login(undefined, 'rt'), NOW, false), 'unknown');
    assert.equal(oauthReadiness(login(undefined), NOW, false), 'unavailable');
  });

  it('a refresh fence is never usable; a look-alike is an ordinary login', () => {
    assert.equal(isOAuthRefreshFence(fence), true);
    assert.equal(oauthReadiness(fence, NOW, true), 'unavailable');
    const otherClaim = { ...fence, refresh: `openclaw-oauth-refresh-fence:v1:${'e'.repeat(32)}:refresh:${digest}` };
    assert.equal(isOAuthRefreshFence(otherClaim), false);
    assert.equal(isOAuthRefreshFence({ ...fence, expires: 2 }), false);
  });

  const route = (readiness: Record<string, ProfileReadiness>, over: Partial<Parameters<typeof evaluateRoute>[0]> = {}) =>
    evaluateRoute({
      ordered: Object.keys(readiness),
      readiness: (id) => readiness[id]!,
      coolingDown: () => false,
      explicitOrder: false,
      declaredKey: false,
      ambientKey: false,
      ...over,
    });

  it('the first ready profile not cooling down is selected, past an unknown one; only unknown ones leave it unconfirmed', () => {
    assert.deepEqual(route({ a: 'unknown', b: 'ready' }), { availability: true, selected: 'b' });
    assert.deepEqual(route({ a: 'unknown', b: 'unavailable' }, { ambientKey: true, declaredKey: true }), { availability: undefined });
    assert.deepEqual(route({ a: 'ready', b: 'ready' }, { coolingDown: (id) => id === 'a' }), { availability: true, selected: 'b' });
  });

  it('usable profiles all cooling down, or an explicit order with none usable: not available; an env key only with no profile declared', () => {
    assert.deepEqual(route({ a: 'ready' }, { coolingDown: () => true, ambientKey: true }), { availability: false });
    assert.deepEqual(route({}, { explicitOrder: true, ambientKey: true }), { availability: false });
    assert.deepEqual(route({ a: 'unavailable' }, { ambientKey: true }), { availability: false });
    assert.deepEqual(route({ a: 'unavailable' }, { declaredKey: true }), { availability: true });
    assert.deepEqual(route({}, { ambientKey: true }), { availability: true });
    assert.deepEqual(route({}), { availability: false });
    // openai's resolver: a stored profile standing in for the missing eligible ones keeps the env key out.
    assert.deepEqual(route({}, { standIn: 'old', readiness: () => 'unavailable', ambientKey: true }), { availability: false });
  });
});
