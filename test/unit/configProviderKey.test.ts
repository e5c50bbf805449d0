import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfiguredProviderKey } from '../../server/src/openclaw/config/configProviderKey.ts';
import type { EnvValue } from '../../server/src/openclaw/env/envSources.ts';
import { catalogs } from '../../server/src/openclaw/env/providerCatalog.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const catalog = catalogs['2026.6.1'];
const VALUE = 'my-' + 'v'.repeat(40);
const envOf = (vars: Record<string, string>) => new Map<string, EnvValue>(Object.entries(vars).map(([k, value]) => [k, { value, origin: 'state-dotenv' }]));
const local = { baseUrl: 'http://127.0.0.1:11434', api: 'ollama', models: [{ id: 'llama3' }] };

/**
 * `models.providers.<p>.apiKey` as OpenClaw 2026.6.1 resolves it (each row checked against the live
 * CLI's `models status`): only a literal, a resolvable env reference or env-name marker, or a local
 * server gives a usable key.
 */
describe('models.providers apiKey: which forms give a usable key', () => {
  const rows: { name: string; entry: Record<string, unknown>; env?: Record<string, string>; secrets?: Record<string, unknown>; configured?: string; usable?: string }[] = [
    { name: 'literal key', entry: { apiKey: ' sk-ant-api03-literal-literal ' }, configured: 'sk-ant-api03-literal-literal', usable: 'sk-ant-api03-literal-literal' },
    { name: 'no apiKey', entry: { baseUrl: 'https://x' } },
    { name: 'blank apiKey', entry: { apiKey: '  ' } },
    { name: '${VAR} with VAR set', entry: { apiKey: '${MY_VAR}' }, env: { MY_VAR: VALUE }, configured: '${MY_VAR}', usable: VALUE },
    { name: '${VAR} with VAR unset', entry: { apiKey: '${MY_VAR}' }, configured: '${MY_VAR}' },
    { name: 'env ref object with VAR set', entry: { apiKey: { source: 'env', provider: 'default', id: 'MY_VAR' } }, env: { MY_VAR: VALUE }, configured: 'MY_VAR', usable: VALUE },
    { name: 'env ref through a non-default provider is not read', entry: { apiKey: { source: 'env', provider: 'vault', id: 'MY_VAR' } }, env: { MY_VAR: VALUE }, configured: 'MY_VAR' },
    { name: 'env ref through an env provider with an allowlist', entry: { apiKey: { source: 'env', provider: 'vault', id: 'MY_VAR' } }, env: { MY_VAR: VALUE }, secrets: { providers: { vault: { source: 'env', allowlist: ['MY_VAR'] } } }, configured: 'MY_VAR', usable: VALUE },
    { name: 'file ref', entry: { apiKey: { source: 'file', provider: 'default', id: '/x' } }, configured: 'secretref-managed' },
    { name: 'a provider env name, set', entry: { apiKey: 'OPENAI_API_KEY' }, env: { OPENAI_API_KEY: VALUE }, configured: 'OPENAI_API_KEY', usable: VALUE },
    { name: 'a provider env name, unset', entry: { apiKey: 'ANTHROPIC_API_KEY' }, configured: 'ANTHROPIC_API_KEY' },
    { name: 'a legacy env name marker, set', entry: { apiKey: 'AZURE_API_KEY' }, env: { AZURE_API_KEY: VALUE }, configured: 'AZURE_API_KEY', usable: VALUE },
    { name: 'an AWS SDK marker never resolves', entry: { apiKey: 'AWS_PROFILE' }, env: { AWS_PROFILE: 'dev' }, configured: 'AWS_PROFILE' },
    { name: 'oauth: marker', entry: { apiKey: 'oauth:anthropic' }, configured: 'oauth:anthropic' },
    { name: 'ollama-local on a hosted provider', entry: { apiKey: 'ollama-local' }, configured: 'ollama-local' },
    { name: 'ollama-local on a local Ollama server', entry: { apiKey: 'ollama-local', ...local }, configured: 'ollama-local', usable: 'ollama-local' },
    { name: 'custom-local on a LAN OpenAI-compatible server', entry: { apiKey: 'custom-local', baseUrl: 'http://192.168.1.20:8000/v1', api: 'openai-completions', models: [{ id: 'm' }] }, configured: 'custom-local', usable: 'custom-local' },
    { name: 'a marker on a public server', entry: { apiKey: 'custom-local', baseUrl: 'https://api.example.com/v1', api: 'openai-completions', models: [{ id: 'm' }] }, configured: 'custom-local' },
    { name: 'a marker on a local server without models', entry: { apiKey: 'ollama-local', baseUrl: 'http://localhost:11434', api: 'ollama' }, configured: 'ollama-local' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const raw = { models: { providers: { Anthropic: row.entry } }, ...(row.secrets ? { secrets: row.secrets } : {}) };
      const got = resolveConfiguredProviderKey(raw, 'anthropic', envOf(row.env ?? {}), catalog);
      assert.equal(got?.configured, row.configured);
      assert.equal(got?.usable, row.usable);
    });
  }
});

describe('a config key that does not resolve leaves the provider in use missing', () => {
  const model = { defaults: { model: 'anthropic/claude-sonnet-4-6' } };
  const rows: { name: string; apiKey: unknown; dotenv?: string; effective: [string, string]; missing: string[]; check: number }[] = [
    { name: 'env name, variable unset', apiKey: 'ANTHROPIC_API_KEY', effective: ['missing', 'missing'], missing: ['anthropic'], check: 1 },
    { name: 'other provider env name, variable in .env', apiKey: 'OPENAI_API_KEY', dotenv: `OPENAI_API_KEY=sk-proj-${'o'.repeat(40)}\n`, effective: ['models.json', 'sk-proj-...oooooooo'], missing: [], check: 0 },
    { name: '${VAR} unset', apiKey: '${MY_VAR}', effective: ['missing', 'missing'], missing: ['anthropic'], check: 1 },
    { name: '${VAR} from .env', apiKey: '${MY_VAR}', dotenv: `MY_VAR=${VALUE}\n`, effective: ['models.json', 'my-vvvvv...vvvvvvvv'], missing: [], check: 0 },
    { name: 'oauth: marker is named but not usable', apiKey: 'oauth:anthropic', effective: ['models.json', 'marker(oauth:anthropic)'], missing: ['anthropic'], check: 1 },
    { name: 'ollama-local on a hosted provider', apiKey: 'ollama-local', effective: ['missing', 'missing'], missing: ['anthropic'], check: 1 },
  ];
  for (const row of rows) {
    it(row.name, () =>
      withTempDir((home) => {
        writeTree(home, { '.openclaw/openclaw.json': { agents: model, models: { providers: { anthropic: { apiKey: row.apiKey } } } }, ...(row.dotenv ? { '.openclaw/.env': row.dotenv } : {}) });
        const s = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' }).agents[0]!.status;
        const anthropic = s.providers.find((p) => p.provider === 'anthropic');
        assert.deepEqual([anthropic?.effective.kind, anthropic?.effective.detail], row.effective);
        assert.deepEqual(s.missingProvidersInUse, row.missing);
        assert.equal(s.checkCode, row.check);
        assert.equal(anthropic?.modelsJson?.usable, row.check === 0);
      }));
  }
});
