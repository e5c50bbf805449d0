/**
 * Where an agent's credentials come from, in the user's language, from the snapshot's
 * `storeInForce` and `migrationRequired` (the server decides both; nothing is inferred here).
 */
import * as vscode from 'vscode';
import type { AgentSnapshot } from '../../server/src/protocol';

/**
 * The agent row's short words: what a SQLite home's agent reads, or that it reads main's store.
 * None for an agent reading its own auth-profiles.json, as every agent of a JSON home does.
 */
export function storeInForceMarker(agent: AgentSnapshot): string | undefined {
  const where = agent.storeInForce;
  switch (where?.kind) {
    // The file's name only in the tooltip: at the default side-bar width it would cut these words.
    case 'shared-database': return vscode.l10n.t('shared store');
    case 'agent-database': return vscode.l10n.t('own database');
    case 'main': return vscode.l10n.t('inherits main');
    default: return undefined;
  }
}

/** The tooltip's sentence: which store, and the file that holds it. */
export function storeInForceSentence(agent: AgentSnapshot): string | undefined {
  const where = agent.storeInForce;
  switch (where?.kind) {
    case 'json-file': return vscode.l10n.t('Credentials: its own auth-profiles.json ({0}).', where.file);
    case 'agent-database': return vscode.l10n.t('Credentials: its own SQLite database ({0}).', where.file);
    case 'shared-database': return vscode.l10n.t('Credentials: the shared store in the SQLite database {0} (auth.sharedStore).', where.file);
    case 'main': return vscode.l10n.t('Credentials: none of its own; it reads the main agent\'s store ({0}).', where.file);
    default: return undefined;
  }
}

/** Why OpenClaw 2026.9 refuses the agent and what to run, for the tooltip. */
export function migrationSentence(migration: NonNullable<AgentSnapshot['migrationRequired']>): string {
  return migration.ofMain
    ? vscode.l10n.t('Migration required: OpenClaw 2026.9 refuses this agent while the main agent\'s credentials are still in {0}, a file it no longer reads. Run openclaw doctor --fix to import them into SQLite (it also repairs plugins and may take minutes).', migration.file)
    : vscode.l10n.t('Migration required: OpenClaw 2026.9 refuses this agent while its credentials are still in {0}, a file it no longer reads, and its SQLite store is empty. Run openclaw doctor --fix to import them into SQLite (it also repairs plugins and may take minutes).', migration.file);
}
