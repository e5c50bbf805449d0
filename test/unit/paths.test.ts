import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  normalizeAgentId, resolveConfigPath, resolveEffectiveHome, resolveEnvAgentDirOverride, resolveStateDir, shortenHomePath,
} from '../../server/src/openclaw/paths.ts';
import { loadOpenClawState, UnknownAgentError } from '../../server/src/openclaw/state.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

/** Where OpenClaw's files live: env overrides, `~` expansion, the legacy `.clawdbot` folder. */
describe('state dir, config path and agent dir resolution', () => {
  const rows: { name: string; env: (home: string) => Record<string, string>; mkdirs?: string[]; state: (home: string) => string; config: (home: string) => string }[] = [
    { name: 'HOME only', env: (h) => ({ HOME: h }), state: (h) => `${h}/.openclaw`, config: (h) => `${h}/.openclaw/openclaw.json` },
    { name: 'OPENCLAW_HOME replaces HOME', env: (h) => ({ HOME: '/nowhere', OPENCLAW_HOME: `${h}/oc` }), state: (h) => `${h}/oc/.openclaw`, config: (h) => `${h}/oc/.openclaw/openclaw.json` },
    { name: 'OPENCLAW_HOME with ~ expands against HOME', env: (h) => ({ HOME: h, OPENCLAW_HOME: '~/alt' }), state: (h) => `${h}/alt/.openclaw`, config: (h) => `${h}/alt/.openclaw/openclaw.json` },
    { name: 'OPENCLAW_STATE_DIR wins over OPENCLAW_HOME', env: (h) => ({ HOME: h, OPENCLAW_HOME: `${h}/oc`, OPENCLAW_STATE_DIR: `${h}/state` }), state: (h) => `${h}/state`, config: (h) => `${h}/state/openclaw.json` },
    { name: 'OPENCLAW_STATE_DIR with ~ expands against OPENCLAW_HOME', env: (h) => ({ HOME: '/nowhere', OPENCLAW_HOME: h, OPENCLAW_STATE_DIR: '~/s' }), state: (h) => `${h}/s`, config: (h) => `${h}/s/openclaw.json` },
    { name: 'blank OPENCLAW_STATE_DIR is ignored', env: (h) => ({ HOME: h, OPENCLAW_STATE_DIR: '   ' }), state: (h) => `${h}/.openclaw`, config: (h) => `${h}/.openclaw/openclaw.json` },
    { name: 'OPENCLAW_CONFIG_PATH moves only the config', env: (h) => ({ HOME: h, OPENCLAW_CONFIG_PATH: '~/cfg/oc.json5' }), state: (h) => `${h}/.openclaw`, config: (h) => `${h}/cfg/oc.json5` },
    { name: 'legacy .clawdbot when only it exists', env: (h) => ({ HOME: h }), mkdirs: ['.clawdbot'], state: (h) => `${h}/.clawdbot`, config: (h) => `${h}/.clawdbot/openclaw.json` },
    { name: '.openclaw preferred over .clawdbot', env: (h) => ({ HOME: h }), mkdirs: ['.clawdbot', '.openclaw'], state: (h) => `${h}/.openclaw`, config: (h) => `${h}/.openclaw/openclaw.json` },
  ];
  for (const row of rows) {
    it(row.name, () =>
      withTempDir((home) => {
        for (const d of row.mkdirs ?? []) fs.mkdirSync(path.join(home, d));
        const env = row.env(home);
        const stateDir = resolveStateDir(env);
        assert.equal(stateDir, row.state(home));
        assert.equal(resolveConfigPath(env, stateDir), row.config(home));
        const state = loadOpenClawState({ env, mode: 'daemon' });
        assert.equal(state.stateDir, row.state(home));
        assert.equal(state.configPath, row.config(home));
      }),
    );
  }

  it('the agent dir override: OPENCLAW_AGENT_DIR before PI_CODING_AGENT_DIR, ~ expanded', () => {
    assert.equal(resolveEnvAgentDirOverride({ HOME: '/h', OPENCLAW_AGENT_DIR: '~/a', PI_CODING_AGENT_DIR: '/p' }), '/h/a');
    assert.equal(resolveEnvAgentDirOverride({ HOME: '/h', PI_CODING_AGENT_DIR: '/p' }), '/p');
    assert.equal(resolveEnvAgentDirOverride({ HOME: '/h', OPENCLAW_AGENT_DIR: ' ' }), undefined);
  });

  it('shortens paths under the effective home to ~', () => {
    assert.equal(shortenHomePath('/h/.openclaw/x', { HOME: '/h' }), '~/.openclaw/x');
    assert.equal(shortenHomePath('/h', { HOME: '/h' }), '~');
    assert.equal(shortenHomePath('/hx/y', { HOME: '/h' }), '/hx/y');
    // OpenClaw's display prefix names the variable when OPENCLAW_HOME moved the home.
    assert.equal(shortenHomePath('/o/.openclaw/x', { HOME: '/h', OPENCLAW_HOME: '/o' }), '$OPENCLAW_HOME/.openclaw/x');
    assert.equal(shortenHomePath('/h/x', { HOME: '/h', OPENCLAW_HOME: '/o' }), '/h/x');
    assert.equal(resolveEffectiveHome({ HOME: '/h', OPENCLAW_HOME: '/o' }), '/o');
  });

  const agentIds: [string | undefined, string][] = [
    [undefined, 'main'], ['', 'main'], ['Work', 'work'], ['  ops_1 ', 'ops_1'], ['My Agent!', 'my-agent'], ['***', 'main'], ['a'.repeat(80), 'a'.repeat(64)],
  ];
  for (const [input, expected] of agentIds) it(`normalizes agent id ${JSON.stringify(input)} to ${expected}`, () => assert.equal(normalizeAgentId(input), expected));
});

describe('agents from the config and from disk', () => {
  const key = { version: 1, profiles: { 'anthropic:k': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-aaaaaaaaaaaaaaaaaaaa' } } };

  it('lists configured agents, agent folders on disk, and picks default: true', () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/openclaw.json': { agents: { list: [{ id: 'main' }, { id: 'Work', default: true }] } },
        '.openclaw/agents/stray/agent/auth-profiles.json': key,
      });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      assert.deepEqual(state.agents.map((a) => a.agentId).sort(), ['main', 'stray', 'work']);
      assert.equal(state.defaultAgentId, 'work');
      assert.equal(state.selectedAgentId, 'work');
      const stray = state.agents.find((a) => a.agentId === 'stray');
      assert.equal(stray?.configured, false);
      assert.equal(stray?.agentDir, `${home}/.openclaw/agents/stray/agent`);
    }));

  it('without default: true the first listed agent is the default (as OpenClaw resolveDefaultAgentId)', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': { agents: { list: [{ id: 'ops' }, { id: 'main' }] } } });
      assert.equal(loadOpenClawState({ env: { HOME: home }, mode: 'daemon' }).defaultAgentId, 'ops');
    }));

  it('a configured agentDir (with ~) is where that agent store is read', () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/openclaw.json': { agents: { list: [{ id: 'main', default: true }, { id: 'ops', agentDir: '~/elsewhere/ops' }] } },
        'elsewhere/ops/auth-profiles.json': key,
      });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', agentId: 'ops' });
      const ops = state.agents.find((a) => a.agentId === 'ops');
      assert.equal(ops?.agentDir, `${home}/elsewhere/ops`);
      assert.equal(ops?.source.exists, true);
      assert.deepEqual(Object.keys(ops?.store.profiles ?? {}), ['anthropic:k']);
    }));

  it('OPENCLAW_AGENT_DIR replaces the selected agent dir, but not an explicit --agent', () =>
    withTempDir((home) => {
      writeTree(home, { 'custom/auth-profiles.json': key });
      const env = { HOME: home, OPENCLAW_AGENT_DIR: `${home}/custom` };
      const viaEnv = loadOpenClawState({ env, mode: 'daemon' });
      const main = viaEnv.agents.find((a) => a.agentId === 'main');
      assert.equal(main?.agentDir, `${home}/custom`);
      assert.equal(main?.source.exists, true);
      const explicit = loadOpenClawState({ env, mode: 'daemon', agentId: 'main' });
      assert.equal(explicit.agents.find((a) => a.agentId === 'main')?.agentDir, `${home}/.openclaw/agents/main/agent`);
    }));

  it('a secondary agent inherits main profiles and its own win', () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/openclaw.json': { agents: { list: [{ id: 'main', default: true }, { id: 'work' }] } },
        '.openclaw/agents/main/agent/auth-profiles.json': key,
        '.openclaw/agents/work/agent/auth-profiles.json': { version: 1, profiles: { 'openai:w': { type: 'api_key', provider: 'openai', key: 'sk-proj-wwwwwwwwwwwwwwwwwwwwwww' } } },
      });
      const work = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', agentId: 'work' }).agents.find((a) => a.agentId === 'work');
      assert.deepEqual(Object.keys(work?.store.profiles ?? {}).sort(), ['anthropic:k', 'openai:w']);
      assert.deepEqual(work?.inheritedFromMain, ['anthropic:k']);
    }));

  it('--agent is normalised like OpenClaw: "My Agent" and "WORK" name my-agent and work', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': { agents: { list: [{ id: 'main', default: true }, { id: 'My Agent' }, { id: 'work' }] } }, '.openclaw/agents/my-agent/agent/auth-profiles.json': key });
      const spaced = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', agentId: 'My Agent' });
      assert.equal(spaced.selectedAgentId, 'my-agent');
      assert.equal(spaced.agents.find((a) => a.agentId === 'my-agent')?.source.exists, true);
      assert.equal(loadOpenClawState({ env: { HOME: home }, mode: 'daemon', agentId: 'WORK' }).selectedAgentId, 'work');
    }));

  it('an unknown --agent is an UnknownAgentError naming the configured agents', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': { agents: { list: [{ id: 'main' }, { id: 'work' }] } } });
      assert.throws(() => loadOpenClawState({ env: { HOME: home }, agentId: 'nope' }), (e: unknown) => e instanceof UnknownAgentError && /main, work/.test(e.message));
    }));

  it('with OPENCLAW_HOME the store is shown as $OPENCLAW_HOME/…, as OpenClaw 2026.6.1 prints it', () =>
    withTempDir((home) => {
      writeTree(home, { 'oc/.openclaw/agents/main/agent/auth-profiles.json': key });
      const state = loadOpenClawState({ env: { HOME: home, OPENCLAW_HOME: `${home}/oc` }, mode: 'daemon' });
      const anthropic = state.agents[0]?.status.providers.find((p) => p.provider === 'anthropic');
      assert.equal(anthropic?.effective.detail, '$OPENCLAW_HOME/.openclaw/agents/main/agent/auth-profiles.json');
    }));

  it('missing folders everywhere: no state dir, no agents folder, no config', () =>
    withTempDir((home) => {
      const state = loadOpenClawState({ env: { HOME: `${home}/does/not/exist` }, mode: 'daemon' });
      assert.equal(state.stateDirExists, false);
      assert.equal(state.config.exists, false);
      assert.deepEqual(state.agents.map((a) => a.agentId), ['main']);
      assert.equal(state.agents[0]?.source.exists, false);
      assert.deepEqual(state.issues, []);
    }));
});

describe('legacy files OpenClaw imports when an agent has no store', () => {
  it('reads auth.json (with explicit provider) and credentials/oauth.json, and says so', () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/agents/main/agent/auth.json': { anthropic: { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-legacylegacylegacy' }, nokind: { key: 'x' } },
        '.openclaw/credentials/oauth.json': { 'openai-codex': { access: 'acc', refresh: 'ref', expires: Date.now() + 86400e3 * 10 } },
      });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      const main = state.agents[0];
      assert.deepEqual(Object.keys(main?.store.profiles ?? {}).sort(), ['anthropic:default', 'openai-codex:default']);
      assert.equal(main?.store.profiles['openai-codex:default']?.type, 'oauth');
      assert.deepEqual(state.issues.map((i) => i.code).sort(), ['store/legacy-auth-json', 'store/legacy-oauth-json']);
    }));

  it('ignores legacy files once auth-profiles.json exists', () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/agents/main/agent/auth-profiles.json': { version: 1, profiles: {} },
        '.openclaw/agents/main/agent/auth.json': { anthropic: { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-legacylegacylegacy' } },
      });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      assert.deepEqual(state.agents[0]?.store.profiles, {});
      assert.deepEqual(state.issues, []);
    }));
});
