import type { AgentSnapshot, CredentialStatus, StatusSnapshot } from '../../server/src/protocol';

/** Which group of Paste Token's provider pick a provider falls in. */
export type ProviderGroup = 'inUse' | 'configured' | 'other';

/**
 * Paste Token's provider choices, in the order offered. Pure (no `vscode`), unit-tested in plain
 * Node: the providers this agent's models use first, then the ones it has credentials for, then
 * the rest of OpenClaw's catalogue, each once.
 */
export function providerChoices(snapshot: StatusSnapshot, agent: AgentSnapshot): ProviderChoice[] {
  const seen = new Set<string>();
  const out: ProviderChoice[] = [];
  for (const p of agent.providers.filter((x) => x.inUse)) {
    seen.add(p.provider);
    out.push({ provider: p.provider, group: 'inUse', status: p.status });
  }
  for (const p of agent.providers.filter((x) => !x.inUse)) {
    seen.add(p.provider);
    out.push({ provider: p.provider, group: 'configured', status: p.status });
  }
  for (const id of snapshot.knownProviders ?? []) {
    if (!seen.has(id)) out.push({ provider: id, group: 'other' });
  }
  return out;
}

export interface ProviderChoice {
  provider: string;
  group: ProviderGroup;
  /** The provider's state for this agent, when it has one. */
  status?: CredentialStatus;
}
