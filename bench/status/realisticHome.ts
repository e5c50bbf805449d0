import type { FakeHomeCase } from '../../test/support/fakeHome.ts';
import {
  anthropicApiKey, genericApiKey, jwtAccessToken, openaiApiKey, openrouterApiKey, Random, refreshToken, setupToken,
} from './secrets.ts';

/**
 * A home like a working gateway's: three agents, API keys, setup-tokens and OAuth logins with
 * expiries well clear of the thresholds, an order override, a cooldown, keys in `~/.openclaw/.env`
 * and one in the process environment. Both CLIs should answer `--check` with 0 on it.
 */
export function realisticHome(seed = 7): FakeHomeCase {
  const r = new Random(seed);
  const mainStore = {
    version: 1,
    profiles: {
      'anthropic:default': { type: 'token', provider: 'anthropic', token: setupToken(r), expires: '$EXP(+300d)' },
      'anthropic:api': { type: 'api_key', provider: 'anthropic', key: anthropicApiKey(r) },
      'openai-codex:me@example.com': {
        type: 'oauth', provider: 'openai-codex', access: jwtAccessToken(r), refresh: refreshToken(r), expires: '$EXP(+9d)',
        accountId: 'acct_CANARY1', email: 'me@example.com',
      },
      'openrouter:default': { type: 'api_key', provider: 'openrouter', key: openrouterApiKey(r) },
      'openai:default': { type: 'api_key', provider: 'openai', key: openaiApiKey(r) },
    },
    order: { anthropic: ['anthropic:default', 'anthropic:api'] },
    lastGood: { anthropic: 'anthropic:default', openrouter: 'openrouter:default' },
    usageStats: {
      'anthropic:default': { lastUsed: '$EXP(-1h)', errorCount: 0 },
      'anthropic:api': { lastUsed: '$EXP(-3d)', cooldownUntil: '$EXP(+40m)', errorCount: 3 },
    },
  };
  const workStore = {
    version: 1,
    profiles: {
      'anthropic:work': { type: 'token', provider: 'anthropic', token: setupToken(r), expires: '$EXP(+200d)' },
      'mistral:default': { type: 'api_key', provider: 'mistral', key: genericApiKey(r) },
    },
  };
  const opsStore = {
    version: 1,
    profiles: {
      'groq:default': { type: 'api_key', provider: 'groq', key: genericApiKey(r, 'gsk_') },
      'openrouter:ops': { type: 'api_key', provider: 'openrouter', key: openrouterApiKey(r) },
    },
  };
  const config = {
    meta: { lastTouchedVersion: '2026.6.1' },
    agents: {
      defaults: {
        model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai-codex/gpt-5.2', 'openrouter/anthropic/claude-sonnet-4-5'] },
        imageModel: { primary: 'google/gemini-2.5-pro' },
        models: { 'anthropic/claude-opus-4-6': { alias: 'opus' } },
      },
      list: [
        { id: 'main', default: true },
        { id: 'work', model: 'mistral/mistral-large-latest' },
        { id: 'ops', model: { primary: 'groq/llama-3.3-70b', fallbacks: ['openrouter/openai/gpt-5'] } },
      ],
    },
    auth: {
      profiles: {
        'anthropic:default': { provider: 'anthropic', mode: 'token' },
        'openai-codex:me@example.com': { provider: 'openai-codex', mode: 'oauth' },
      },
    },
  };
  return {
    description: 'bench: a working gateway home with three agents',
    files: {
      '.openclaw/openclaw.json': config,
      '.openclaw/.env': `# keys for the gateway service\nOPENAI_API_KEY=${openaiApiKey(r)}\nMISTRAL_API_KEY=${genericApiKey(r)}\n`,
      '.openclaw/agents/main/agent/auth-profiles.json': mainStore,
      '.openclaw/agents/work/agent/auth-profiles.json': workStore,
      '.openclaw/agents/ops/agent/auth-profiles.json': opsStore,
      '.openclaw/agents/ops/agent/auth-state.json': { version: 1, order: { openrouter: ['openrouter:ops', 'openrouter:default'] } },
    },
    env: { GEMINI_API_KEY: genericApiKey(r, 'AIza') },
    args: [],
  };
}
