import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import { StatusService } from '../../server/src/statusService.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { runOurCli } from '../support/runCli.ts';

// main runs on anthropic (which has a key); ops runs on openai, which has no credential at all.
const CONFIG = {
  agents: {
    defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } },
    list: [{ id: 'main', default: true }, { id: 'ops', model: 'openai/gpt-5.5' }],
  },
};
const STORE = { version: 1, profiles: { 'anthropic:a': { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-${'K'.repeat(60)}` } } };

const homes: string[] = [];
after(() => homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true })));

test('every agent in the snapshot is judged with its own models, as `status --agent <id>` judges it', () => {
  const home = tempHome('oc-own-models-');
  homes.push(home);
  materializeCase({ files: { '.openclaw/openclaw.json': CONFIG, '.openclaw/agents/main/agent/auth-profiles.json': STORE } }, home);
  const service = new StatusService({ notify: () => undefined, log: () => undefined }, { env: { HOME: home } });
  try {
    service.configure({}, undefined);
    const snapshot = service.refresh();
    for (const agentId of ['main', 'ops']) {
      const agent = snapshot.agents.find((a) => a.agentId === agentId);
      assert.ok(agent, `agent ${agentId} is listed`);
      const cli = runOurCli(home, ['--agent', agentId, '--check', '--json']);
      assert.equal(agent.checkCode, cli.code, `${agentId}: snapshot check code equals the CLI's --agent ${agentId} --check`);
      const inUse = agent.providers.filter((p) => p.inUse).map((p) => p.provider);
      assert.deepEqual(inUse, JSON.parse(cli.stdout).auth.providersInUse, `${agentId}: providers in use`);
    }
    const ops = snapshot.agents.find((a) => a.agentId === 'ops');
    assert.equal(ops?.checkCode, 1, 'ops needs openai and has no credential for it');
    assert.equal(ops?.attention?.provider, 'openai');
  } finally {
    service.dispose();
  }
});

test('an apiKey in openclaw.json that resolves to nothing shows as missing and rescues no expired profile', () => {
  const home = tempHome('oc-config-key-');
  homes.push(home);
  const config = {
    agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } },
    models: { providers: { anthropic: { apiKey: '${UNSET_ANTHROPIC_VAR}' } } },
  };
  const store = { version: 1, profiles: { 'anthropic:t': { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${'T'.repeat(80)}`, expires: Date.now() - 3_600_000 } } };
  materializeCase({ files: { '.openclaw/openclaw.json': config, '.openclaw/agents/main/agent/auth-profiles.json': store } }, home);
  const service = new StatusService({ notify: () => undefined, log: () => undefined }, { env: { HOME: home } });
  try {
    service.configure({}, undefined);
    const main = service.refresh().agents.find((a) => a.agentId === 'main');
    const anthropic = main?.providers.find((p) => p.provider === 'anthropic');
    const configKey = anthropic?.candidates.find((c) => c.kind === 'config-key');
    assert.equal(configKey?.reason, 'config-key-unresolved');
    assert.equal(configKey?.status, 'missing');
    assert.equal(configKey?.effective, false);
    assert.notEqual(anthropic?.status, 'static', 'an unresolved config key does not count as a key');
    assert.equal(main?.checkCode, runOurCli(home, ['--check']).code);
  } finally {
    service.dispose();
  }
});
