import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCodeOf, loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

/**
 * OpenClaw 2026.9.6's status rules, each as seen on its runs (docs/differences.md, the 2026.9.6
 * column); every case is also resolved under 2026.6 to show the rule is what changes the answer.
 */
const H = 3600e3;
const STORE = '.openclaw/agents/main/agent/auth-profiles.json';
const KEY = 'sk-ant-api03-' + 'k'.repeat(60);
const TOKEN = 'sk-ant-oat01-' + 't'.repeat(90);

function resolve(home: string, compat: '2026.6' | '2026.9', env: Record<string, string> = {}) {
  const state = loadOpenClawState({ env: { HOME: home, ...env }, compat, mode: 'shell' });
  const agent = state.agents.find((a) => a.agentId === state.selectedAgentId)!;
  return { status: agent.status, check: checkCodeOf(state, agent) };
}

const model = (primary: string) => ({ agents: { defaults: { model: { primary } } } });

describe('OpenClaw 2026.9 status rules', () => {
  it('an openai model needs the codex runtime, which no bundled plugin provides: exit 1 with a good key', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': model('openai/gpt-5.5') });
      const env = { OPENAI_API_KEY: 'sk-' + 'o'.repeat(48) };
      const r = resolve(home, '2026.9', env);
      assert.deepEqual(r.status.runtimeUnavailable, ['openai']);
      assert.deepEqual(r.status.missingProvidersInUse, []);
      assert.equal(r.check, 1);
      assert.equal(resolve(home, '2026.6', env).check, 0);
    }));

  it('a model no start-up plugin lists, with nothing stored for it, is unconfirmed, not missing', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': model('mistral/mistral-large-latest') });
      const r = resolve(home, '2026.9');
      assert.deepEqual(r.status.missingProvidersInUse, []);
      assert.deepEqual(r.status.modelRouteIssues.map((i) => `${i.kind} ${i.provider}/${i.model}`), ['indeterminate mistral/mistral-large-latest']);
      assert.equal(r.check, 1);
      assert.deepEqual(resolve(home, '2026.6').status.missingProvidersInUse, ['mistral']);
      // A model a start-up plugin lists is judged: missing.
      writeTree(home, { '.openclaw/openclaw.json': model('openai/gpt-5.5') });
      assert.deepEqual(resolve(home, '2026.9').status.missingProvidersInUse, ['openai']);
      // So is one whose provider has a profile, even an expired one.
      writeTree(home, { '.openclaw/openclaw.json': model('mistral/mistral-large-latest'), [STORE]: { version: 1, profiles: { 'mistral:a': { type: 'token', provider: 'mistral', token: 'x'.repeat(40), expires: Date.now() - H } } } });
      assert.deepEqual(resolve(home, '2026.9').status.missingProvidersInUse, ['mistral']);
      // Not one OpenClaw drops on load (an unknown type, no provider): nothing is set up then.
      writeTree(home, { [STORE]: { version: 1, profiles: { 'mistral:b': { type: 'bogus', provider: 'mistral', key: 'x' } } } });
      assert.deepEqual(resolve(home, '2026.9').status.missingProvidersInUse, []);
    }));

  it('an env key serves only while no eligible profile is declared: an expired token is not eligible, an expired OAuth login is', () =>
    withTempDir((home) => {
      const oauth = { type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-' + 'a'.repeat(40), expires: Date.now() - H };
      writeTree(home, { '.openclaw/openclaw.json': model('anthropic/claude-opus-4-6'), [STORE]: { version: 1, profiles: { 'anthropic:a': { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() - H } } } });
      const env = { ANTHROPIC_API_KEY: KEY };
      assert.deepEqual(resolve(home, '2026.9', env).status.missingProvidersInUse, []);
      assert.equal(resolve(home, '2026.9', env).check, 0);
      writeTree(home, { [STORE]: { version: 1, profiles: { 'anthropic:a': oauth } } });
      assert.deepEqual(resolve(home, '2026.9', env).status.missingProvidersInUse, ['anthropic']);
      assert.deepEqual(resolve(home, '2026.6', env).status.missingProvidersInUse, []);
      // An OAuth token from the env is no exception.
      assert.deepEqual(resolve(home, '2026.9', { ANTHROPIC_OAUTH_TOKEN: TOKEN }).status.missingProvidersInUse, ['anthropic']);
      // A key set in the config does serve beside them.
      writeTree(home, { '.openclaw/openclaw.json': { ...model('anthropic/claude-opus-4-6'), models: { providers: { anthropic: { apiKey: KEY, baseUrl: 'https://api.anthropic.com', models: [] } } } } });
      assert.deepEqual(resolve(home, '2026.9').status.missingProvidersInUse, []);
    }));

  it('an OAuth login it would have to refresh leaves the route unconfirmed (evidence profile), a ready profile behind it serves; openai refreshes its own', () =>
    withTempDir((home) => {
      const refreshable = { type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-' + 'a'.repeat(40), refresh: 'rt-' + 'r'.repeat(30), expires: Date.now() - 2 * H };
      writeTree(home, { '.openclaw/openclaw.json': model('anthropic/claude-opus-4-6'), [STORE]: { version: 1, profiles: { 'anthropic:oauth': refreshable } } });
      const env = { ANTHROPIC_API_KEY: KEY };
      const r = resolve(home, '2026.9', env);
      assert.deepEqual(r.status.missingProvidersInUse, []);
      // The utility model (anthropic/claude-haiku-4-5) runs on the same route.
      assert.deepEqual(r.status.modelRouteIssues.map((i) => `${i.provider}/${i.model} ${i.evidence}`), ['anthropic/claude-opus-4-6 profile', 'anthropic/claude-haiku-4-5 profile']);
      assert.equal(r.check, 1);
      assert.deepEqual(resolve(home, '2026.6').status.missingProvidersInUse, ['anthropic']);
      // A refresh token alone (no access token) is the same.
      writeTree(home, { [STORE]: { version: 1, profiles: { 'anthropic:oauth': { type: 'oauth', provider: 'anthropic', refresh: 'rt-' + 'r'.repeat(30) } } } });
      assert.deepEqual(resolve(home, '2026.9').status.modelRouteIssues.map((i) => i.evidence), ['profile', 'profile']);
      // A ready API key profile behind it serves the route.
      writeTree(home, { [STORE]: { version: 1, profiles: { 'anthropic:oauth': refreshable, 'anthropic:key': { type: 'api_key', provider: 'anthropic', key: KEY } } } });
      const served = resolve(home, '2026.9');
      assert.deepEqual([served.status.missingProvidersInUse, served.status.modelRouteIssues, served.check], [[], [], 0]);
      // openai's logins it refreshes itself: ready, so openai is not missing (its codex runtime still exits 1).
      writeTree(home, { '.openclaw/openclaw.json': model('openai/gpt-5.5'), [STORE]: { version: 1, profiles: { 'openai:oauth': { ...refreshable, provider: 'openai' } } } });
      assert.deepEqual(resolve(home, '2026.9').status.missingProvidersInUse, []);
      assert.deepEqual(resolve(home, '2026.6').status.missingProvidersInUse, ['openai']);
      // With none eligible, openai's resolver lets the first stored profile stand in: an env key still does not count.
      writeTree(home, { [STORE]: { version: 1, profiles: { 'openai:old': { type: 'token', provider: 'openai', token: 'sk-' + 'o'.repeat(48), expires: Date.now() - H } } } });
      const openaiEnv = { OPENAI_API_KEY: 'sk-' + 'o'.repeat(48) };
      assert.deepEqual(resolve(home, '2026.9', openaiEnv).status.missingProvidersInUse, ['openai']);
      assert.deepEqual(resolve(home, '2026.6', openaiEnv).status.missingProvidersInUse, []);
    }));

  it('an explicit order with no usable profile, or usable profiles all cooling down, leave the provider missing, whatever the env holds', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': { ...model('anthropic/claude-opus-4-6'), auth: { order: { anthropic: ['anthropic:gone'] } } } });
      const env = { ANTHROPIC_API_KEY: KEY };
      assert.deepEqual(resolve(home, '2026.9', env).status.missingProvidersInUse, ['anthropic']);
      assert.deepEqual(resolve(home, '2026.6', env).status.missingProvidersInUse, []);
      writeTree(home, {
        '.openclaw/openclaw.json': model('anthropic/claude-opus-4-6'),
        [STORE]: { version: 1, profiles: { 'anthropic:key': { type: 'api_key', provider: 'anthropic', key: KEY } }, usageStats: { 'anthropic:key': { cooldownUntil: Date.now() + 2 * H } } },
      });
      assert.deepEqual(resolve(home, '2026.9', env).status.missingProvidersInUse, ['anthropic']);
      assert.deepEqual(resolve(home, '2026.6', env).status.missingProvidersInUse, []);
    }));

  it('cooldowns show only for profiles the store holds (not one dropped for an unknown type, nor an id never stored)', () =>
    withTempDir((home) => {
      const until = Date.now() + 2 * H;
      writeTree(home, {
        '.openclaw/openclaw.json': model('anthropic/claude-opus-4-6'),
        [STORE]: {
          version: 1,
          profiles: { 'anthropic:key': { type: 'api_key', provider: 'anthropic', key: KEY }, 'anthropic:odd': { type: 'bogus', provider: 'anthropic', key: 'x' } },
          usageStats: { 'anthropic:key': { cooldownUntil: until }, 'anthropic:odd': { cooldownUntil: until }, 'anthropic:ghost': { cooldownUntil: until } },
        },
      });
      const ids = (compat: '2026.6' | '2026.9') => resolve(home, compat).status.unusableProfiles.map((u) => u.profileId).sort();
      assert.deepEqual(ids('2026.9'), ['anthropic:key']);
      assert.deepEqual(ids('2026.6'), ['anthropic:ghost', 'anthropic:key', 'anthropic:odd']);
    }));

  it('an openai primary model (the codex route) is judged even when unlisted; as a fallback, or an anthropic one, it is unconfirmed', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': model('openai/gpt-5.2') });
      assert.deepEqual(resolve(home, '2026.9').status.missingProvidersInUse, ['openai']);
      writeTree(home, { '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/claude-haiku-4-5', fallbacks: ['openai/gpt-5.2'] } } } } });
      const r = resolve(home, '2026.9', { ANTHROPIC_API_KEY: KEY });
      assert.deepEqual(r.status.missingProvidersInUse, []);
      assert.deepEqual(r.status.modelRouteIssues.map((i) => `${i.provider}/${i.model}`), ['openai/gpt-5.2']);
      writeTree(home, { '.openclaw/openclaw.json': model('anthropic/claude-sonnet-4-5') });
      assert.deepEqual(resolve(home, '2026.9').status.missingProvidersInUse, []);
      assert.deepEqual(resolve(home, '2026.9').status.modelRouteIssues.map((i) => `${i.provider}/${i.model}`), ['anthropic/claude-sonnet-4-5', 'anthropic/claude-haiku-4-5']);
    }));

  it('--check follows the profile the model runs on: an expiring token behind a key is not exit 2', () =>
    withTempDir((home) => {
      const profiles = { 'anthropic:key': { type: 'api_key', provider: 'anthropic', key: KEY }, 'anthropic:tok': { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() + 3 * H } };
      writeTree(home, { '.openclaw/openclaw.json': model('anthropic/claude-opus-4-6'), [STORE]: { version: 1, profiles, order: { anthropic: ['anthropic:key', 'anthropic:tok'] } } });
      assert.equal(resolve(home, '2026.9').check, 0);
      assert.equal(resolve(home, '2026.6').check, 2);
      writeTree(home, { [STORE]: { version: 1, profiles, order: { anthropic: ['anthropic:tok', 'anthropic:key'] } } });
      assert.equal(resolve(home, '2026.9').check, 2);
    }));

  it('an API key profile with an empty key is missing, not static', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': model('anthropic/claude-opus-4-6'), [STORE]: { version: 1, profiles: { 'anthropic:empty': { type: 'api_key', provider: 'anthropic', key: '' } } } });
      const status = (compat: '2026.6' | '2026.9') => resolve(home, compat).status.profiles.find((p) => p.profileId === 'anthropic:empty')?.status;
      assert.equal(status('2026.9'), 'missing');
      assert.equal(status('2026.6'), 'static');
    }));

  it("without --agent the shown agent's openai model brings its utility model (openai/gpt-5.6-luna) into use (utilityModel2026_9.test.ts)", () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-6' } }, list: [{ id: 'main' }, { id: 'ops', default: true, model: 'openai/gpt-5.5' }] } },
      });
      const env = { ANTHROPIC_API_KEY: KEY };
      assert.deepEqual(resolve(home, '2026.9', env).status.missingProvidersInUse, ['openai']);
      assert.deepEqual(resolve(home, '2026.6', env).status.missingProvidersInUse, []);
    }));
});
