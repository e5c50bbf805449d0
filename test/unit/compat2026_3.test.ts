import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { loadOpenClawState, type OpenClawState } from '../../server/src/openclaw/state.ts';
import { materializeCase, tempHome, type FakeHomeCase } from '../support/fakeHome.ts';

/**
 * Each rule of `--compat 2026.3` on a home where OpenClaw 2026.3.13 and 2026.6.1 answer differently.
 * The 2026.3 answers are what the live 2026.3.13 CLI printed on these homes (differential seeds
 * named per test, docs/differences.md); each test also shows the 2026.6 answer, so it fails if the
 * rule stops making a difference.
 */
const homes: string[] = [];
after(() => homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true })));

const KEY = (tag: string) => `sk-CANARY${tag}${'x'.repeat(30)}`;
const now = Date.now();
const HOUR = 3600_000;

function home(c: FakeHomeCase): { dir: string; env: Record<string, string> } {
  const dir = tempHome('oc-compat-');
  homes.push(dir);
  const { env } = materializeCase(c, dir, now);
  return { dir, env: { HOME: dir, ...env } };
}

function both(c: FakeHomeCase, opts: { agentId?: string; cwd?: boolean } = {}): { v3: OpenClawState; v6: OpenClawState; dir: string } {
  const { dir, env } = home(c);
  const load = (compat?: '2026.3') =>
    loadOpenClawState({ env, now, ...(opts.cwd ? { cwd: dir } : {}), ...(opts.agentId ? { agentId: opts.agentId } : {}), ...(compat ? { compat } : {}) });
  return { v3: load('2026.3'), v6: load(), dir };
}

function selected(state: OpenClawState) {
  const agent = state.agents.find((a) => a.agentId === state.selectedAgentId);
  assert.ok(agent, 'the selected agent is resolved');
  return agent.status;
}

const store = (profiles: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ version: 1, profiles, ...extra });
const config = (model: unknown, list?: unknown[]) => ({ agents: { defaults: { model }, ...(list ? { list } : {}) } });
const STATE = '.openclaw';
const MAIN = `${STATE}/agents/main/agent/auth-profiles.json`;

describe('--compat 2026.3 follows OpenClaw 2026.3.13 where it differs from 2026.6.1', () => {
  test('without --agent the store is main\'s, whichever agent is marked default (seed 10)', () => {
    const { v3, v6 } = both({
      files: {
        [`${STATE}/openclaw.json`]: config({ primary: 'openai/gpt-5.5' }, [{ id: 'main' }, { id: 'work', default: true }]),
        [MAIN]: store({ 'openai:main': { type: 'api_key', provider: 'openai', key: KEY('main') } }),
        [`${STATE}/agents/work/agent/auth-profiles.json`]: store({ 'openai:work': { type: 'api_key', provider: 'openai', key: KEY('work') } }),
      },
    });
    assert.equal(v3.selectedAgentId, 'main');
    assert.equal(v6.selectedAgentId, 'work');
    assert.deepEqual(selected(v3).profiles.map((p) => p.profileId), ['openai:main']);
  });

  test('a provider key in the working folder\'s .env counts (seeds 2, 5)', () => {
    const { v3, v6 } = both(
      { files: { [`${STATE}/openclaw.json`]: config({ primary: 'openai/gpt-5.5' }), '.env': `OPENAI_API_KEY=${KEY('cwd')}\n` } },
      { cwd: true },
    );
    assert.deepEqual(selected(v3).missingProvidersInUse, []);
    assert.equal(selected(v3).checkCode, 0);
    assert.deepEqual(selected(v6).missingProvidersInUse, ['openai']);
    assert.equal(v3.issues.some((i) => i.code === 'env/workspace-key-ignored'), false, 'no "ignored" warning where the key is used');
  });

  test('--check counts every token/OAuth profile, also of providers not in use (seed 4)', () => {
    const { v3, v6 } = both({
      files: {
        [`${STATE}/openclaw.json`]: config({ primary: 'anthropic/claude-sonnet-4-5' }),
        [MAIN]: store({
          'anthropic:key': { type: 'api_key', provider: 'anthropic', key: KEY('ant') },
          'openai:tok': { type: 'token', provider: 'openai', token: KEY('tok'), expires: '$EXP(+23h)' },
        }),
      },
    });
    assert.equal(selected(v3).checkCode, 2, 'an expiring token of an unused provider warns');
    assert.equal(selected(v6).checkCode, 0);
  });

  test('an OAuth profile\'s state comes from expires alone; no upper bound on expires (seeds 24, 58, 67)', () => {
    const { v3, v6 } = both({
      files: {
        [`${STATE}/openclaw.json`]: config({ primary: 'groq/llama-3.3-70b' }),
        [MAIN]: store({
          'groq:empty': { type: 'oauth', provider: 'groq', access: '', expires: '$EXP(-20m)' },
          'groq:far': { type: 'token', provider: 'groq', token: KEY('far'), expires: 9e15 },
        }),
      },
    });
    const status = (s: OpenClawState, id: string) => selected(s).profiles.find((p) => p.profileId === id)?.status;
    assert.equal(status(v3, 'groq:empty'), 'expired');
    assert.equal(status(v6, 'groq:empty'), 'missing');
    assert.equal(status(v3, 'groq:far'), 'ok');
    assert.equal(status(v6, 'groq:far'), 'missing');
  });

  test('an agent naming only its primary model keeps the defaults\' fallbacks (seeds 17, 63)', () => {
    const { v3, v6 } = both(
      {
        files: {
          [`${STATE}/openclaw.json`]: config({ primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['mistral/mistral-large-latest'] }, [{ id: 'main' }, { id: 'work', model: 'anthropic/claude-opus-4-6' }]),
          [MAIN]: store({ 'anthropic:key': { type: 'api_key', provider: 'anthropic', key: KEY('ant') } }),
        },
      },
      { agentId: 'work' },
    );
    assert.deepEqual(selected(v3).missingProvidersInUse, ['mistral']);
    assert.equal(selected(v3).checkCode, 1);
    assert.deepEqual(selected(v6).missingProvidersInUse, []);
  });

  test('profiles are shown as coming from main\'s store even under --agent (seeds 29, 72, 77)', () => {
    const { v3, v6 } = both(
      {
        files: {
          [`${STATE}/openclaw.json`]: config({ primary: 'anthropic/claude-sonnet-4-5' }, [{ id: 'main' }, { id: 'ops' }]),
          [`${STATE}/agents/ops/agent/auth-profiles.json`]: store({ 'anthropic:ops': { type: 'api_key', provider: 'anthropic', key: KEY('ops') } }),
        },
      },
      { agentId: 'ops' },
    );
    const detail = (s: OpenClawState) => selected(s).providers.find((p) => p.provider === 'anthropic')?.effective.detail;
    assert.equal(detail(v3), '~/.openclaw/agents/main/agent/auth-profiles.json');
    assert.equal(detail(v6), '~/.openclaw/agents/ops/agent/auth-profiles.json');
  });

  test('a cooldown in main\'s store shows under --agent even for a profile it rejected (seed 150)', () => {
    const { v3, v6 } = both(
      {
        files: {
          [`${STATE}/openclaw.json`]: config({ primary: 'groq/llama-3.3-70b' }, [{ id: 'main' }, { id: 'work' }]),
          [MAIN]: store(
            { 'groq:default': { type: 'api_key', key: KEY('noprov') } },
            { usageStats: { 'groq:default': { disabledUntil: '$EXP(+3d)', disabledReason: 'billing' } } },
          ),
          [`${STATE}/agents/work/agent/auth-profiles.json`]: store({ 'groq:work': { type: 'api_key', provider: 'groq', key: KEY('work') } }),
        },
      },
      { agentId: 'work' },
    );
    assert.deepEqual(selected(v3).unusableProfiles.map((u) => [u.profileId, u.kind]), [['groq:default', 'disabled']]);
    assert.deepEqual(selected(v6).unusableProfiles, []);
  });

  test('.env is read from the state dir, not beside OPENCLAW_CONFIG_PATH, and gateway.env not at all', () => {
    const { v3, v6, dir } = both({
      files: {
        'cfg/openclaw.json': config({ primary: 'openai/gpt-5.5' }),
        'cfg/.env': `OPENAI_API_KEY=${KEY('cfg')}\n`,
        '.config/openclaw/gateway.env': `GROQ_API_KEY=${KEY('gw')}\n`,
        [`${STATE}/.env`]: `MISTRAL_API_KEY=${KEY('state')}\n`,
      },
      env: { OPENCLAW_CONFIG_PATH: '$HOME/cfg/openclaw.json' },
    });
    assert.equal(v3.envFile, path.join(dir, '.openclaw', '.env'));
    const envKeys = (s: OpenClawState) => [...s.env.values.keys()].filter((k) => k.endsWith('_API_KEY')).sort();
    assert.deepEqual(envKeys(v3), ['MISTRAL_API_KEY']);
    assert.deepEqual(selected(v3).missingProvidersInUse, ['openai']);
    assert.ok(envKeys(v6).includes('OPENAI_API_KEY') && envKeys(v6).includes('GROQ_API_KEY'));
  });

  test('with OPENCLAW_AGENT_DIR set, that folder is "main": main\'s own store is not laid under it (--paths seeds 4, 26, 33)', () => {
    const { v3, v6 } = both({
      files: {
        [`${STATE}/openclaw.json`]: config({ primary: 'mistral/mistral-large-latest' }),
        [MAIN]: store({ 'mistral:main': { type: 'api_key', provider: 'mistral', key: KEY('main') } }),
        'agent-dir/auth-profiles.json': store({ 'mistral:own': { type: 'api_key', provider: 'mistral', key: KEY('own') } }),
      },
      env: { OPENCLAW_AGENT_DIR: '$HOME/agent-dir' },
    });
    const ids = (s: OpenClawState) => selected(s).profiles.map((p) => p.profileId);
    assert.deepEqual(ids(v3), ['mistral:own']);
    assert.deepEqual(ids(v6), ['mistral:main', 'mistral:own']);
  });

  test('auth-state.json is never read: the order is the store\'s own', () => {
    const profiles = {
      'anthropic:a': { type: 'api_key', provider: 'anthropic', key: KEY('a') },
      'anthropic:b': { type: 'api_key', provider: 'anthropic', key: KEY('b') },
    };
    const files = { [`${STATE}/openclaw.json`]: config({ primary: 'anthropic/claude-sonnet-4-5' }), [MAIN]: store(profiles) };
    const withState = both({ files: { ...files, [`${STATE}/agents/main/agent/auth-state.json`]: { version: 1, order: { anthropic: ['anthropic:b', 'anthropic:a'] } } } });
    const without = both({ files });
    assert.deepEqual(selected(withState.v6).effectiveOrder.anthropic, ['anthropic:b', 'anthropic:a']);
    assert.deepEqual(selected(withState.v3).effectiveOrder.anthropic, selected(without.v3).effectiveOrder.anthropic);
    assert.notDeepEqual(selected(withState.v3).effectiveOrder.anthropic, ['anthropic:b', 'anthropic:a']);
  });
});
