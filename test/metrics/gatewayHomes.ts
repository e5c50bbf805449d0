import type { FakeHomeCase } from '../support/fakeHome.ts';

/**
 * The two gateway hosts of the metrics tests, as fake HOMEs ("$EXP(+2h)" is written as a timestamp
 * relative to the moment the home is written). Every secret contains CANARY, which must never reach
 * a metric, a label, Prometheus or a log.
 */
export const CANARY = 'CANARYm3tr1cs';

function secret(prefix: string, tag: string): string {
  return `${prefix}${CANARY}${tag}${'x'.repeat(80)}${tag}`;
}

/** Two agents, every credential good for weeks: no alert may fire for this host. */
export const healthyGateway: FakeHomeCase = {
  description: 'healthy gateway',
  files: {
    '.openclaw/openclaw.json': {
      agents: {
        defaults: { model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai/gpt-5.2'] } },
        list: [{ id: 'main', default: true }, { id: 'work', model: 'openai-codex/gpt-5.2' }],
      },
    },
    '.openclaw/agents/main/agent/auth-profiles.json': {
      version: 1,
      profiles: {
        'anthropic:default': { type: 'token', provider: 'anthropic', token: secret('sk-ant-oat01-', 'healthy'), expires: '$EXP(+30d)' },
        'openai:default': { type: 'api_key', provider: 'openai', key: secret('sk-proj-', 'healthykey') },
      },
    },
    '.openclaw/agents/work/agent/auth-profiles.json': {
      version: 1,
      profiles: {
        'openai-codex:me@example.com': {
          type: 'oauth', provider: 'openai-codex', access: secret('eyJ', 'access'), refresh: secret('rt_', 'refresh'), expires: '$EXP(+9d)', email: 'me@example.com',
        },
      },
    },
  },
};

/**
 * One agent whose setup-token expires in 2 hours (its primary model's provider) and whose OAuth
 * login for the fallback provider expired yesterday: expiring, expired, missing and a failing check.
 */
export const expiringGateway: FakeHomeCase = {
  description: 'gateway with a token expiring in 2 h and an expired OAuth profile',
  files: {
    '.openclaw/openclaw.json': {
      agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai-codex/gpt-5.2'] } } },
    },
    '.openclaw/agents/main/agent/auth-profiles.json': {
      version: 1,
      profiles: {
        'anthropic:default': { type: 'token', provider: 'anthropic', token: secret('sk-ant-oat01-', 'soon'), expires: '$EXP(+2h)' },
        'openai-codex:me@example.com': {
          type: 'oauth', provider: 'openai-codex', access: secret('eyJ', 'old'), refresh: secret('rt_', 'old'), expires: '$EXP(-1d)', email: 'me@example.com',
        },
      },
    },
  },
};
