import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCodeOf, loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

/**
 * OpenClaw 2026.9.6 judges a route by the readiness of the profile it would run on, without
 * resolving secrets. Each case was run against the live 2026.9.6 on a SQLite home and is resolved
 * here under 2026.6 too, to show the rule is what changes the answer.
 */
const STORE = '.openclaw/agents/main/agent/auth-profiles.json';
const ANTHROPIC_KEY = 'sk-ant-api03-' + 'k'.repeat(60);

function resolve(home: string, compat: '2026.6' | '2026.9', env: Record<string, string> = {}) {
  const state = loadOpenClawState({ env: { HOME: home, ...env }, compat, mode: 'shell' });
  const agent = state.agents.find((a) => a.agentId === state.selectedAgentId)!;
  return { status: agent.status, check: checkCodeOf(state, agent), issues: agent.status.modelRouteIssues.map((i) => `${i.provider}/${i.model} ${i.evidence ?? ''}`.trim()) };
}

const home = (primary: string, profiles: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  '.openclaw/openclaw.json': { agents: { defaults: { model: { primary } } }, ...extra },
  [STORE]: { version: 1, profiles },
});
const envRef = (id: string) => ({ source: 'env', provider: 'default', id });

describe('OpenClaw 2026.9: routes served by secret references', () => {
  it('an API key held in an unset env variable leaves the route unconfirmed (evidence profile), a set one serves it', () =>
    withTempDir((dir) => {
      // Seed 105 of the column: keyRef to ANTHROPIC_OAUTH_TOKEN, which nothing sets.
      writeTree(dir, home('anthropic/claude-opus-4-6', { 'anthropic:k': { type: 'api_key', provider: 'anthropic', keyRef: envRef('MY_ANTHROPIC_KEY') } }));
      const unset = resolve(dir, '2026.9');
      assert.deepEqual(unset.status.missingProvidersInUse, []);
      assert.deepEqual(unset.issues, ['anthropic/claude-opus-4-6 profile', 'anthropic/claude-haiku-4-5 profile']);
      assert.equal(unset.check, 1);
      assert.equal(resolve(dir, '2026.6').check, 0);
      const set = resolve(dir, '2026.9', { MY_ANTHROPIC_KEY: ANTHROPIC_KEY });
      assert.deepEqual(set.issues, []);
      assert.equal(set.check, 0);
    }));

  it('a token held in an unset env variable is unconfirmed too', () =>
    withTempDir((dir) => {
      writeTree(dir, home('anthropic/claude-opus-4-6', { 'anthropic:t': { type: 'token', provider: 'anthropic', tokenRef: envRef('MY_TOKEN') } }));
      assert.deepEqual(resolve(dir, '2026.9').issues, ['anthropic/claude-opus-4-6 profile', 'anthropic/claude-haiku-4-5 profile']);
    }));

  it('a file reference no secrets provider serves is missing; one a configured file provider serves is unconfirmed', () =>
    withTempDir((dir) => {
      const profiles = { 'anthropic:f': { type: 'api_key', provider: 'anthropic', keyRef: { source: 'file', provider: 'vault', id: '/anthropic/key' } } };
      writeTree(dir, home('anthropic/claude-opus-4-6', profiles));
      const bare = resolve(dir, '2026.9');
      assert.deepEqual(bare.status.missingProvidersInUse, ['anthropic']);
      assert.equal(bare.check, 1);
      writeTree(dir, home('anthropic/claude-opus-4-6', profiles, { secrets: { providers: { vault: { source: 'file', path: '/run/secrets/vault.json' } } } }));
      const served = resolve(dir, '2026.9');
      assert.deepEqual(served.status.missingProvidersInUse, []);
      assert.deepEqual(served.issues, ['anthropic/claude-opus-4-6 profile', 'anthropic/claude-haiku-4-5 profile']);
    }));
});
