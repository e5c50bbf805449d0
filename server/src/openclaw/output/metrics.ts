import { checkCodeOf, type AgentState, type OpenClawState } from '../state.js';
import type { ProfileStatus } from '../resolve/health.js';

/**
 * `openclaw-auth metrics`: every configured agent's credential state in the Prometheus text
 * exposition format (version 0.0.4), for node_exporter's textfile collector. Pure: the caller loads
 * the state and writes the text.
 *
 * Label values are ids only (agent, provider, profile id, credential type, status, store kind,
 * OpenClaw version): never a secret and never a masked label, which would leak its ends.
 */

/** Every state a profile can be in: one series each, 1 for the current one (an enum as a state set). */
export const PROFILE_STATUSES: readonly ProfileStatus[] = ['ok', 'expiring', 'expired', 'missing', 'static'];

/**
 * Issues that mean this run could not see what the gateway sees (a file it cannot read, SQLite it
 * cannot open): the run is broken, not the credentials, and `openclaw_auth_scrape_error` says so.
 */
const RUN_FAILURE_CODES: ReadonlySet<string> = new Set(['file/unreadable', 'sqlite/unreadable', 'sqlite/unavailable', 'sqlite/busy']);

interface Family {
  name: string;
  help: string;
  lines: string[];
}

function family(name: string, help: string): Family {
  return { name, help, lines: [] };
}

/** Label values escaped as the text format requires: backslash, double quote, line feed. */
function escapeLabel(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value;
}

/** `name="value",…` without braces, so a shared prefix is escaped once per profile, not per series. */
function labelPairs(pairs: readonly (readonly [string, string])[]): string {
  let text = '';
  for (const [name, value] of pairs) text += `${text ? ',' : ''}${name}="${escapeLabel(value)}"`;
  return text;
}

function render(families: readonly Family[]): string {
  const out: string[] = [];
  for (const f of families) {
    if (f.lines.length === 0) continue;
    out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} gauge`);
    for (const line of f.lines) out.push(line);
  }
  return out.join('\n') + '\n';
}

function seconds(ms: number): string {
  return String(ms / 1000);
}

/** The two series every run writes, so a stopped timer or a failed run shows in Prometheus. */
function runFamilies(runAtMs: number, failed: boolean): Family[] {
  const lastRun = family('openclaw_auth_last_run_timestamp_seconds', 'When openclaw-auth metrics last ran (Unix time).');
  lastRun.lines.push(`${lastRun.name} ${seconds(runAtMs)}`);
  const error = family('openclaw_auth_scrape_error', '1 if the last run could not read the gateway state (missing state dir, unreadable file or database, internal error), else 0.');
  error.lines.push(`${error.name} ${failed ? 1 : 0}`);
  return [lastRun, error];
}

/** Whether this run saw the gateway's files as the gateway does. */
export function runFailed(state: OpenClawState): boolean {
  return !state.stateDirExists || state.issues.some((i) => RUN_FAILURE_CODES.has(i.code));
}

/** The agents the gateway runs: the configured ones (folders on disk that no config names are not). */
export function metricsAgents(state: OpenClawState): AgentState[] {
  return state.agents.filter((a) => a.configured);
}

/**
 * The exposition for one loaded state. Load it with `everyAgentAsExplicit` so each agent is
 * resolved with its own models, as `status --agent <id>` resolves it.
 */
export function metricsExposition(state: OpenClawState): string {
  const expiry = family('openclaw_auth_profile_expiry_timestamp_seconds', 'When the profile\'s token or OAuth access expires (Unix time); only profiles with an expiry.');
  const status = family('openclaw_auth_profile_status', 'The profile\'s status as openclaw models status reports it: 1 for the current status, 0 for the others.');
  const missing = family('openclaw_auth_provider_missing', '1 if a provider the agent\'s models use has no usable credential, else 0.');
  const check = family('openclaw_auth_check', 'The agent\'s openclaw models status --check exit code: 0 ok, 1 expired or missing, 2 expiring.');
  const store = family('openclaw_auth_store_info', 'The agent\'s credential store: kind (json or sqlite) and the OpenClaw version that last wrote openclaw.json.');
  const version = state.layout.lastTouchedVersion ?? '';

  for (const agent of metricsAgents(state)) {
    const s = agent.status;
    const agentLabel = labelPairs([['agent', agent.agentId]]);
    for (const p of s.profiles) {
      const base = `${agentLabel},${labelPairs([['provider', p.provider], ['profile', p.profileId]])}`;
      if (p.expiresAt !== undefined) expiry.lines.push(`${expiry.name}{${base},type="${escapeLabel(p.type)}"} ${seconds(p.expiresAt)}`);
      for (const st of PROFILE_STATUSES) status.lines.push(`${status.name}{${base},status="${st}"} ${st === p.status ? 1 : 0}`);
    }
    const missingSet = new Set(s.missingProvidersInUse);
    const inUse = [...new Set([...s.providersInUse, ...s.missingProvidersInUse])].sort();
    for (const provider of inUse) missing.lines.push(`${missing.name}{${agentLabel},${labelPairs([['provider', provider]])}} ${missingSet.has(provider) ? 1 : 0}`);
    check.lines.push(`${check.name}{${agentLabel}} ${checkCodeOf(state, agent)}`);
    store.lines.push(`${store.name}{${agentLabel},${labelPairs([['kind', agent.source.kind], ['version', version]])}} 1`);
  }
  return render([expiry, status, missing, check, store, ...runFamilies(state.now, runFailed(state))]);
}

/** What a run that failed outright writes: no agent series, only the run's own time and the error. */
export function failedRunExposition(runAtMs: number): string {
  return render(runFamilies(runAtMs, true));
}
