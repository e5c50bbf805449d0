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
  if (!snapshot.stateDirExists) return 'noStateDir';
  const anything = snapshot.agents.some((a) => a.providers.some((p) => p.candidates.length > 0));
  if (snapshot.layout.kind === 'sqlite' && !anything) return 'sqliteEmpty';
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

export type SpanUnit = 'minute' | 'hour' | 'day';

/** A duration rounded down to the unit people say: minutes under an hour, hours under two days. */
export interface TimeSpan {
  amount: number;
  unit: SpanUnit;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Rounds a duration for display. Never says 0: "expires in 0m" while a token is still valid is the
 * confusing output users reported against `openclaw models status` (openclaw/openclaw#42721).
 */
export function roundSpan(ms: number): TimeSpan {
  const abs = Math.abs(ms);
  if (abs < HOUR_MS) return { amount: Math.max(1, Math.floor(abs / MINUTE_MS)), unit: 'minute' };
  if (abs < 2 * DAY_MS) return { amount: Math.floor(abs / HOUR_MS), unit: 'hour' };
  return { amount: Math.floor(abs / DAY_MS), unit: 'day' };
}

/**
 * Milliseconds until the rounded span of `expiresAt - now` changes, so the words can be redrawn
 * exactly then instead of polling. Undefined when there is no expiry to watch.
 */
export function msUntilSpanChanges(expiresAt: number | undefined, now: number): number | undefined {
  if (expiresAt === undefined) return undefined;
  const left = expiresAt - now;
  const unitMs = spanUnitMs(roundSpan(left).unit);
  // Counting down, the floored amount drops just after `left` passes below a multiple of the unit
  // (the minute/hour/day switches sit on such multiples too), and "expires in" becomes "expired"
  // at the expiry itself; counting up after expiry, the amount grows exactly at a multiple.
  // Within two minutes of the expiry the words stay "1m" (never 0): until the expiry itself, and
  // after it until "2m ago".
  if (left > 0 && left < 2 * MINUTE_MS) return left;
  if (left <= 0 && left > -2 * MINUTE_MS) return 2 * MINUTE_MS + left;
  return left > 0 ? (left % unitMs) + 1 : unitMs - (-left % unitMs);
}

function spanUnitMs(unit: SpanUnit): number {
  return unit === 'minute' ? MINUTE_MS : unit === 'hour' ? HOUR_MS : DAY_MS;
}
