/**
 * "The gateway service will not see this key" (issue 10): one engine function
 * (server/src/openclaw/resolve/gatewayBlindKeys.ts) behind the report line, `status --json`'s
 * `openclawAuth.gatewayBlindKeys`, the snapshot the tree and status bar draw, and the state `.env`
 * diagnostic. Names only: the key's value (a canary) is never in any of them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadOpenClawState, type OpenClawState } from '../../server/src/openclaw/state.ts';
import { gatewayBlindKeys, gatewayBlindKeysOf } from '../../server/src/openclaw/resolve/gatewayBlindKeys.ts';
import { formatStatusReport } from '../../server/src/openclaw/output/report.ts';
import { statusJson } from '../../server/src/openclaw/output/statusJson.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import { runOurCli } from '../support/runCli.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const CANARY = 'CANARYxBLINDxVALUE';
const ANTHROPIC = `sk-ant-api03-${CANARY}${'a'.repeat(40)}`;
const OPENAI = `sk-proj-${CANARY}${'o'.repeat(40)}`;
const MODELS = { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai/gpt-5.5'] } } } };

function load(home: string, extra: Record<string, string> = {}, mode: 'shell' | 'daemon' = 'shell'): OpenClawState {
  return loadOpenClawState({ env: { HOME: home, ANTHROPIC_API_KEY: ANTHROPIC, ...extra }, mode });
}

describe('gatewayBlindKeys: provider keys only this process\'s environment supplies', () => {
  it('a key of a provider in use set only in the process env is listed with the providers it serves', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': MODELS });
      const state = load(home);
      const keys = gatewayBlindKeys(state);
      assert.deepEqual(keys.map((k) => k.variable), ['ANTHROPIC_API_KEY']);
      assert.ok(keys[0]!.providers.includes('anthropic'), JSON.stringify(keys));
      assert.deepEqual(gatewayBlindKeysOf(state, state.agents[0]!.status), keys);
    }));

  it('a key the service also reads (state .env, the config env block) is not', () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/openclaw.json': { ...MODELS, env: { OPENAI_API_KEY: 'sk-proj-from-config' } },
        '.openclaw/.env': 'ANTHROPIC_API_KEY=sk-ant-api03-from-the-file\n',
      });
      const state = load(home, { OPENAI_API_KEY: OPENAI });
      // The process value wins for the editor, but the service has one of its own.
      assert.equal(state.agents[0]!.status.providers.find((p) => p.provider === 'anthropic')?.env?.origin.origin, 'process');
      assert.deepEqual(gatewayBlindKeys(state), []);
    }));

  it('two keys are listed each once, sorted by name; a provider no model uses is not', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': MODELS });
      assert.deepEqual(gatewayBlindKeys(load(home, { OPENAI_API_KEY: OPENAI })).map((k) => k.variable), ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);
      writeTree(home, { '.openclaw/openclaw.json': { agents: { defaults: { model: 'openai/gpt-5.5' } } } });
      assert.deepEqual(gatewayBlindKeys(load(home)), [], 'anthropic is not in use');
    }));

  it('none in daemon mode (the status already is the service\'s) or when the login-shell import is on', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': MODELS });
      assert.deepEqual(gatewayBlindKeys(load(home, {}, 'daemon')), []);
      writeTree(home, { '.openclaw/openclaw.json': { ...MODELS, env: { shellEnv: { enabled: true } } } });
      assert.deepEqual(gatewayBlindKeys(load(home)), []);
    }));

  it('a stored profile that serves the provider first: nothing hangs on the env key', () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/openclaw.json': MODELS,
        '.openclaw/agents/main/agent/auth-profiles.json': { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-${'s'.repeat(40)}` } } },
      });
      assert.deepEqual(gatewayBlindKeys(load(home)), []);
    }));
});

describe('the same finding on every surface, names only', () => {
  it('report: one line per key, naming the variable, its providers and where to put it', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': MODELS });
      const state = load(home, { OPENAI_API_KEY: OPENAI });
      const report = formatStatusReport(state, state.agents[0]!);
      const lines = report.split('\n');
      const heading = lines.indexOf('Gateway service will not see (set only in the process environment)');
      assert.ok(heading > 0, report);
      const anthropicProviders = gatewayBlindKeys(state).find((k) => k.variable === 'ANTHROPIC_API_KEY')!.providers.join(', ');
      assert.deepEqual(lines.slice(heading + 1, heading + 3), [
        `- ANTHROPIC_API_KEY (${anthropicProviders}): add it to ${state.envFile} or the env block of ${state.configPath}, or enable env.shellEnv`,
        `- OPENAI_API_KEY (openai): add it to ${state.envFile} or the env block of ${state.configPath}, or enable env.shellEnv`,
      ]);
      assert.equal(lines[heading + 3], '');
      assert.ok(!report.includes(CANARY));
    }));

  it('report: no such section when the state .env has the key', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': MODELS, '.openclaw/.env': 'ANTHROPIC_API_KEY=\n' });
      const state = load(home);
      assert.doesNotMatch(formatStatusReport(state, state.agents[0]!), /Gateway service will not see/);
    }));

  it('status --json: openclawAuth.gatewayBlindKeys beside OpenClaw\'s fields; the CLI prints it and the report line', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': MODELS });
      const state = load(home);
      const doc = statusJson(state, state.agents[0]!, false) as { openclawAuth: { gatewayBlindKeys: unknown } };
      assert.deepEqual(doc.openclawAuth.gatewayBlindKeys, gatewayBlindKeys(state));
      assert.ok(!JSON.stringify(doc).includes(CANARY));
      const json = runOurCli(home, ['--json', '--compat', '2026.6'], { ANTHROPIC_API_KEY: ANTHROPIC });
      const printed = JSON.parse(json.stdout) as { openclawAuth: { gatewayBlindKeys: { variable: string }[] } };
      assert.deepEqual(printed.openclawAuth.gatewayBlindKeys.map((k) => k.variable), ['ANTHROPIC_API_KEY']);
      const text = runOurCli(home, ['--compat', '2026.6'], { ANTHROPIC_API_KEY: ANTHROPIC });
      assert.match(text.stdout, /\n- ANTHROPIC_API_KEY \([^)]*anthropic[^)]*\): add it to /);
      assert.ok(!json.stdout.includes(CANARY) && !text.stdout.includes(CANARY) && !text.stderr.includes(CANARY));
    }));

  it('snapshot (the tree and the status bar): the agent lists the keys, each provider row names its variable', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': MODELS, '.openclaw/.env': `OPENAI_API_KEY=${OPENAI}\n` });
      const state = load(home, { OPENAI_API_KEY: OPENAI });
      const snapshot = buildStatusSnapshot(state);
      const agent = snapshot.agents[0]!;
      assert.deepEqual(agent.gatewayBlindKeys, gatewayBlindKeys(state));
      assert.equal(agent.providers.find((p) => p.provider === 'anthropic')?.gatewayBlindKey, 'ANTHROPIC_API_KEY');
      assert.equal(agent.providers.find((p) => p.provider === 'openai')?.gatewayBlindKey, undefined, 'the state .env has it');
      assert.ok(!JSON.stringify(snapshot).includes(CANARY));
      const fine = buildStatusSnapshot(load(home, {}, 'daemon')).agents[0]!;
      assert.equal(fine.gatewayBlindKeys, undefined);
      assert.ok(fine.providers.every((p) => p.gatewayBlindKey === undefined));
    }));
});
