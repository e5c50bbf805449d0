import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configRefusals } from '../../server/src/openclaw/config/configRefusals.ts';
import type { EnvValue } from '../../server/src/openclaw/env/envSources.ts';
import { catalogs } from '../../server/src/openclaw/env/providerCatalog.ts';
import { loadOpenClawState, checkCodeOf } from '../../server/src/openclaw/state.ts';
import { statusJson } from '../../server/src/openclaw/output/statusJson.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const catalog = catalogs['2026.6.1'];
const SET = 'sk-CANARY-' + 'x'.repeat(30);
const envOf = (vars: Record<string, string>) => new Map<string, EnvValue>(Object.entries(vars).map(([k, value]) => [k, { value, origin: 'process' }]));
const envRef = (id: string, provider = 'default') => ({ source: 'env', provider, id });

/**
 * When OpenClaw 2026.6.1 refuses to run `models status` on a config. Every row was run against the
 * live CLI (exit 1 with "Invalid config" or "failed to resolve secrets from the active gateway
 * snapshot", or a status): the differential test's `--extended` homes keep checking it.
 */
describe('configRefusals: what makes OpenClaw refuse the models section', () => {
  const rows: { name: string; models: unknown; secrets?: unknown; env?: Record<string, string>; codes: string[]; path?: (string | number)[] }[] = [
    { name: 'env reference, variable set', models: { providers: { anthropic: { apiKey: envRef('MY_KEY') } } }, env: { MY_KEY: SET }, codes: [] },
    { name: 'env reference, variable unset', models: { providers: { anthropic: { apiKey: envRef('NOPE_UNSET') } } }, codes: ['config/secret-needs-gateway'], path: ['models', 'providers', 'anthropic', 'apiKey'] },
    { name: 'file reference, even to a file that exists', models: { providers: { groq: { apiKey: { source: 'file', provider: 'default', id: '/etc/hostname' } } } }, codes: ['config/secret-needs-gateway'] },
    { name: 'env reference through a provider not configured', models: { providers: { anthropic: { apiKey: envRef('MY_KEY', 'vault') } } }, env: { MY_KEY: SET }, codes: ['config/secret-needs-gateway'] },
    { name: 'env reference through an allowlisting env provider', models: { providers: { anthropic: { apiKey: envRef('MY_KEY', 'vault') } } }, secrets: { providers: { vault: { source: 'env', allowlist: ['MY_KEY'] } } }, env: { MY_KEY: SET }, codes: [] },
    { name: 'a header reference that is unset', models: { providers: { groq: { headers: { 'X-Key': envRef('NOPE_UNSET') } } } }, codes: ['config/secret-needs-gateway'], path: ['models', 'providers', 'groq', 'headers', 'X-Key'] },
    { name: '${VAR} text with the variable unset is not a reference object', models: { providers: { anthropic: { apiKey: '${NOPE_UNSET}' } } }, codes: [] },
    { name: 'a provider OpenClaw does not ship needs baseUrl and models', models: { providers: { 'openai-codex': { apiKey: SET } } }, codes: ['config/provider-entry-invalid', 'config/provider-entry-invalid'] },
    { name: 'an upper-case id of a shipped provider is an overlay', models: { providers: { OPENAI: { apiKey: SET } } }, codes: [] },
    { name: 'an empty overlay', models: { providers: { lmstudio: {} } }, codes: [] },
    { name: 'a complete custom provider', models: { providers: { myllm: { baseUrl: 'https://x.example/v1', models: [], apiKey: SET } } }, codes: [] },
    { name: 'a custom provider without models', models: { providers: { myllm: { baseUrl: 'https://x.example/v1', apiKey: SET } } }, codes: ['config/provider-entry-invalid'], path: ['models', 'providers', 'myllm', 'models'] },
    { name: 'an unknown key in an entry', models: { providers: { groq: { apiKey: SET, bogus: 1 } } }, codes: ['config/provider-entry-invalid'], path: ['models', 'providers', 'groq', 'bogus'] },
    { name: 'a model without a name', models: { providers: { lmstudio: { baseUrl: 'http://127.0.0.1:11434', api: 'ollama', models: [{ id: 'llama3' }] } } }, codes: ['config/provider-entry-invalid'], path: ['models', 'providers', 'lmstudio', 'models', 0] },
    { name: 'an invalid config stops OpenClaw before secrets are looked at', models: { providers: { groq: { apiKey: envRef('NOPE_UNSET') }, myllm: { apiKey: 'x' } } }, codes: ['config/provider-entry-invalid', 'config/provider-entry-invalid'] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const raw = { models: row.models, ...(row.secrets ? { secrets: row.secrets } : {}) };
      const found = configRefusals(raw, '/home/u/.openclaw/openclaw.json', envOf(row.env ?? {}), catalog);
      assert.deepEqual(found.map((i) => i.code), row.codes);
      assert.ok(found.every((i) => i.severity === 'error'));
      if (row.path) assert.deepEqual(found[0]?.path?.slice(0, row.path.length), row.path);
      // Messages name variables and paths, never a secret's value.
      for (const i of found) assert.ok(!i.message.includes('CANARY'), i.message);
    });
  }
});

describe('a refused config makes --check exit 1 whatever the credentials say', () => {
  it('all credentials fine, but a reference only the gateway could resolve', () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/openclaw.json': JSON.stringify({ agents: { defaults: { model: 'openai/gpt-5.2' } }, models: { providers: { groq: { apiKey: envRef('NOPE_UNSET') } } } }),
        '.openclaw/.env': `OPENAI_API_KEY=sk-proj-${'o'.repeat(40)}\n`,
      });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      const agent = state.agents[0];
      assert.ok(agent);
      assert.equal(agent.status.checkCode, 0, 'the credentials themselves are fine');
      assert.equal(checkCodeOf(state, agent), 1);
      const json = statusJson(state, agent, false) as { auth: { checkCode: number }; openclawAuth: { openclawRefuses: boolean } };
      assert.equal(json.auth.checkCode, 1);
      assert.equal(json.openclawAuth.openclawRefuses, true);
    }));

  it('the 2026.3 rules do not apply it (not learnt from that release)', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': JSON.stringify({ models: { providers: { groq: { apiKey: envRef('NOPE_UNSET') } } } }) });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', compat: '2026.3' });
      assert.deepEqual(state.refusals, []);
    }));
});
