/**
 * What the Credentials overview shows, decided from a server snapshot: every agent × provider with
 * its state, and the expiry timeline (now → 30 days) with a mark per token or OAuth login. Pure (no
 * `vscode` import) so it is unit-tested in plain Node; the panel adds the words. Carries ids, states
 * and times only: never a label, so no part of a secret can reach the webview.
 */
import type { CandidateSnapshot, CredentialStatus, ProviderSnapshot, StatusSnapshot } from '../../server/src/protocol';
import { agentWorst, candidateUse, levelOfStatus, type AgentWorst, type CandidateUse, type Level } from './statusModel';

/** The timeline's span: what expires within a month is what a person plans around. */
export const TIMELINE_MS = 30 * 24 * 3_600_000;

/** Where a credential is, for the actions (open in store, copy id, paste token). */
export interface CredentialKey {
  agentId: string;
  provider: string;
  candidateId: string;
}

export interface OverviewCandidate extends CredentialKey {
  kind: CandidateSnapshot['kind'];
  type?: CandidateSnapshot['type'];
  status: CredentialStatus;
  level: Level;
  use: CandidateUse;
  expiresAt?: number;
  /** Paste Token can replace it: a stored profile of type token or api_key. */
  pasteable: boolean;
}

export interface OverviewProvider {
  agentId: string;
  provider: string;
  status: CredentialStatus;
  level: Level;
  inUse: boolean;
  expiresAt?: number;
  candidates: OverviewCandidate[];
}

export interface OverviewAgent {
  agentId: string;
  isDefault: boolean;
  selected: boolean;
  worst: AgentWorst;
  providers: OverviewProvider[];
}

/** A token or OAuth login on the timeline: 0 is now, 1 is 30 days from now. */
export interface TimelineMark extends CredentialKey {
  expiresAt: number;
  level: Level;
  position: number;
  /** Already expired (drawn at now), or later than the timeline's end (drawn at its end). */
  place: 'expired' | 'within' | 'beyond';
  inUse: boolean;
}

export interface OverviewModel {
  agents: OverviewAgent[];
  marks: TimelineMark[];
  /** Width of the shaded warning band (the snapshot's warning window, 24 h by default), 0..1. */
  warnBand: number;
}

export function overviewModel(snapshot: StatusSnapshot, now: number): OverviewModel {
  const agents = snapshot.agents.map((agent): OverviewAgent => ({
    agentId: agent.agentId,
    isDefault: agent.isDefault,
    selected: agent.agentId === snapshot.selectedAgentId,
    worst: agentWorst(agent),
    providers: agent.providers.map((p) => providerOf(agent.agentId, p)),
  }));
  const marks: TimelineMark[] = [];
  for (const agent of agents) {
    for (const provider of agent.providers) {
      for (const c of provider.candidates) {
        if (c.expiresAt === undefined) continue;
        const position = (c.expiresAt - now) / TIMELINE_MS;
        const place = position <= 0 ? 'expired' : position > 1 ? 'beyond' : 'within';
        marks.push({
          agentId: c.agentId, provider: c.provider, candidateId: c.candidateId, expiresAt: c.expiresAt, level: c.level,
          position: Math.min(1, Math.max(0, position)), place, inUse: provider.inUse,
        });
      }
    }
  }
  marks.sort((a, b) => a.expiresAt - b.expiresAt);
  return { agents, marks, warnBand: Math.min(1, snapshot.warnMs / TIMELINE_MS) };
}

function providerOf(agentId: string, p: ProviderSnapshot): OverviewProvider {
  return {
    agentId,
    provider: p.provider,
    status: p.status,
    level: levelOfStatus(p.status),
    inUse: p.inUse,
    ...(p.expiresAt !== undefined ? { expiresAt: p.expiresAt } : {}),
    candidates: p.candidates.map((c): OverviewCandidate => ({
      agentId,
      provider: p.provider,
      candidateId: c.id,
      kind: c.kind,
      ...(c.type ? { type: c.type } : {}),
      status: c.status,
      level: levelOfStatus(c.status),
      use: candidateUse(p, c),
      ...(c.expiresAt !== undefined ? { expiresAt: c.expiresAt } : {}),
      pasteable: c.kind === 'profile' && c.type !== 'oauth',
    })),
  };
}

/** Whether a message from the webview names a credential that is in the snapshot (nothing else is acted on). */
export function findCredential(snapshot: StatusSnapshot | undefined, key: unknown): { agentIndex: number; providerIndex: number; candidateIndex: number } | undefined {
  if (!snapshot || typeof key !== 'object' || key === null) return undefined;
  const { agentId, provider, candidateId } = key as Record<string, unknown>;
  const agentIndex = snapshot.agents.findIndex((a) => a.agentId === agentId);
  const providerIndex = agentIndex < 0 ? -1 : snapshot.agents[agentIndex]!.providers.findIndex((p) => p.provider === provider);
  const candidateIndex = providerIndex < 0 ? -1 : snapshot.agents[agentIndex]!.providers[providerIndex]!.candidates.findIndex((c) => c.id === candidateId);
  return candidateIndex < 0 ? undefined : { agentIndex, providerIndex, candidateIndex };
}
