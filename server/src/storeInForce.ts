import path from 'node:path';
import { defaultAgentDir, DEFAULT_AGENT_ID, legacyOAuthPath } from './openclaw/paths.js';
import type { AgentState, OpenClawState } from './openclaw/state.js';
import type { AgentSnapshot } from './protocol.js';

const NEEDS_MIGRATION = 'store/retired-json-needs-migration';

/**
 * Which store an agent's credentials come from, for the tree's words: its own file or database,
 * the shared store of the global database, or main's store when it has no profiles of its own
 * (OpenClaw lays main's profiles under every agent's).
 */
export function storeInForce(state: OpenClawState, agent: AgentState): NonNullable<AgentSnapshot['storeInForce']> {
  const main = state.agents.find((a) => a.agentId === DEFAULT_AGENT_ID);
  const ownProfiles = Object.keys(agent.source.store?.profiles ?? {}).length;
  if (main && main !== agent && main.source.file !== agent.source.file && ownProfiles === 0 && agent.inheritedFromMain.length > 0) {
    return { kind: 'main', file: main.source.file };
  }
  if (agent.source.kind === 'json') return { kind: 'json-file', file: agent.source.file };
  return { kind: agent.source.sqliteStore === 'state-db' ? 'shared-database' : 'agent-database', file: agent.source.file };
}

/**
 * The retired credential file OpenClaw 2026.9 wants imported before it serves this agent: its
 * own (beside an empty SQLite store), else main's, which it reads for every agent (state.ts
 * refuses `models status` on either). Undefined under rules that do not refuse.
 */
export function migrationRequired(state: OpenClawState, agent: AgentState): AgentSnapshot['migrationRequired'] {
  if (!state.rules.retiredCredentialFilesRefuse) return undefined;
  const own = agent.source.issues.find((i) => i.code === NEEDS_MIGRATION);
  const mainDir = defaultAgentDir(state.stateDir, DEFAULT_AGENT_ID);
  const ofMain = state.issues.find((i) => i.code === NEEDS_MIGRATION && (path.dirname(i.file) === mainDir || i.file === legacyOAuthPath(state.stateDir)));
  if (own) return { file: own.file, ofMain: ofMain?.file === own.file };
  return ofMain ? { file: ofMain.file, ofMain: true } : undefined;
}
