/**
 * What the status bar and the tree show, decided from a server snapshot. Pure (no `vscode` import)
 * so the rules are unit-tested in plain Node; the UI modules only translate and render the result.
 */
import type {
  AgentAttention, AgentSnapshot, CandidateSnapshot, CheckCode, CredentialStatus, ProviderSnapshot, StatusSnapshot,
} from '../../server/src/protocol';

/** How loud a state is: `ok` needs nothing, `warning` soon needs action, `error` needs it now. */
export type Level = 'ok' | 'warning' | 'error';

/** Which welcome message the empty tree shows, or `ready` when the tree has content. */
export type ViewState = 'loading' | 'noStateDir' | 'sqliteEmpty' | 'error' | 'ready';

export function levelOfStatus(status: CredentialStatus): Level {
  if (status === 'expiring') return 'warning';
  if (status === 'expired' || status === 'missing') return 'error';
  return 'ok';
}

/** OpenClaw's `--check` codes: 0 fine, 2 expiring, 1 expired or missing. */
export function levelOfCheck(code: CheckCode): Level {
  return code === 0 ? 'ok' : code === 2 ? 'warning' : 'error';
}

/** The agent the status bar follows (the server already applied the `defaultAgent` setting). */
export function selectedAgent(snapshot: StatusSnapshot): AgentSnapshot | undefined {
  return snapshot.agents.find((a) => a.agentId === snapshot.selectedAgentId)
    ?? snapshot.agents.find((a) => a.isDefault)
    ?? snapshot.agents[0];
}

/**
 * The tree is left empty (so VS Code shows welcome content) while loading, when there is no state
 * folder, when resolution failed with nothing to show, and for a SQLite home in which nothing was
 * found (the profiles live in the database, which this Node may not be able to open).
 */
export function viewStateOf(snapshot: StatusSnapshot | undefined, startFailed: boolean): ViewState {
  if (!snapshot) return startFailed ? 'error' : 'loading';
  if (snapshot.loadError && snapshot.agents.length === 0) return 'error';
  // The server's homeCondition decides, as it does for the report; the tree only adds that a
  // SQLite home with env keys still has something to show.
  if (snapshot.homeCondition === 'noStateDir' || !snapshot.stateDirExists) return 'noStateDir';
  const anything = snapshot.agents.some((a) => a.providers.some((p) => p.candidates.length > 0));
  if (snapshot.homeCondition === 'sqliteUnread' && !anything) return 'sqliteEmpty';
  return 'ready';
}

/** The candidate whose masked label stands for the provider: the effective one, else the first. */
export function representativeCandidate(provider: ProviderSnapshot): CandidateSnapshot | undefined {
  return provider.candidates.find((c) => c.effective) ?? provider.candidates[0];
}

export interface ProviderLine {
  provider: string;
  status: CredentialStatus;
  /** Masked label of the credential used; undefined when there is none. */
  label?: string;
  expiresAt?: number;
}

export interface StatusBarModel {
  /** `none`: nothing to judge (no state folder or no snapshot yet). */
  level: Level | 'none';
  agentId?: string;
  /** The credential to name in the status bar when something needs attention. */
  attention?: AgentAttention;
  /** The in-use providers of the selected agent, for the tooltip. */
  providers: ProviderLine[];
}

/** Worst state across the in-use providers of the selected agent, as `--check` weighs it. */
export function statusBarModel(snapshot: StatusSnapshot | undefined): StatusBarModel {
  if (!snapshot || !snapshot.stateDirExists) return { level: 'none', providers: [] };
  const agent = selectedAgent(snapshot);
  if (!agent) return { level: 'none', providers: [] };
  const providers = agent.providers.filter((p) => p.inUse).map((p): ProviderLine => {
    const candidate = representativeCandidate(p);
    return {
      provider: p.provider,
      status: p.status,
      ...(candidate ? { label: candidate.label } : {}),
      ...(p.expiresAt !== undefined ? { expiresAt: p.expiresAt } : {}),
    };
  });
  return {
    level: levelOfCheck(agent.checkCode),
    agentId: agent.agentId,
    ...(agent.attention ? { attention: agent.attention } : {}),
    providers,
  };
}

/** The name the status bar gives a credential that needs attention: the profile, else the provider. */
export function attentionSubject(attention: AgentAttention): string {
  return attention.profileId ?? attention.provider;
}

/** How many in-use providers of an agent are in each state that needs action, worst first. */
export interface AgentWorst {
  level: Level;
  /** Nonzero counts only, in this order: expired, missing (errors), then expiring. */
  counts: { status: 'expired' | 'missing' | 'expiring'; count: number }[];
}

/**
 * What an agent's row says before it is expanded ("1 expired"): the in-use providers at the
 * agent's `--check` level, counted by state. Warnings are not listed beside errors, so the row
 * names what to act on first.
 */
export function agentWorst(agent: AgentSnapshot): AgentWorst {
  const level = levelOfCheck(agent.checkCode);
  const inUse = agent.providers.filter((p) => p.inUse);
  const order = level === 'error' ? (['expired', 'missing'] as const) : level === 'warning' ? (['expiring'] as const) : [];
  const counts = order
    .map((status) => ({ status, count: inUse.filter((p) => p.status === status).length }))
    .filter((c) => c.count > 0);
  return { level, counts };
}

/**
 * A candidate "used" under a provider that no model needs is only what OpenClaw would use: the row
 * must not say "used" while its provider says "not in use".
 */
export type CandidateUse = 'used' | 'wouldBeUsed' | 'notUsed';

export function candidateUse(provider: ProviderSnapshot, candidate: CandidateSnapshot): CandidateUse {
  if (!candidate.effective) return 'notUsed';
  return provider.inUse ? 'used' : 'wouldBeUsed';
}

// Time left is said the same way on every surface: the shared, import-free module decides it.
export { msUntilSpanChanges, roundSpan, type SpanUnit, type TimeSpan } from '../../server/src/openclaw/output/timeLeft';
