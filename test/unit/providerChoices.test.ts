// Paste Token's provider pick (client/src/providerChoices.ts): in-use providers first, then those
// with credentials, then OpenClaw's other providers, each once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { providerChoices } from '../../client/src/providerChoices.ts';
import type { AgentSnapshot, ProviderSnapshot, StatusSnapshot } from '../../server/src/protocol.ts';

function provider(id: string, inUse: boolean, status: ProviderSnapshot['status']): ProviderSnapshot {
  return { provider: id, inUse, status, effective: { kind: 'missing', detail: 'missing' }, candidates: [] };
}

test('in use first, then with credentials, then the rest of the catalogue, without repeats', () => {
  const agent = { agentId: 'work', providers: [provider('openai', true, 'expired'), provider('anthropic', true, 'ok'), provider('openrouter', false, 'static')] } as AgentSnapshot;
  const snapshot = { knownProviders: ['anthropic', 'deepseek', 'google', 'openai', 'openrouter'] } as StatusSnapshot;
  assert.deepEqual(providerChoices(snapshot, agent), [
    { provider: 'openai', group: 'inUse', status: 'expired' },
    { provider: 'anthropic', group: 'inUse', status: 'ok' },
    { provider: 'openrouter', group: 'configured', status: 'static' },
    { provider: 'deepseek', group: 'other' },
    { provider: 'google', group: 'other' },
  ]);
});

test('a snapshot without the catalogue (an older server) offers the agent\'s providers only', () => {
  const agent = { agentId: 'main', providers: [provider('anthropic', true, 'missing')] } as AgentSnapshot;
  assert.deepEqual(providerChoices({} as StatusSnapshot, agent).map((c) => c.provider), ['anthropic']);
});
