import * as vscode from 'vscode';
import type { CheckCode, CredentialLocation, CredentialRef, StatusReport, StoreRowDocument } from '../../server/src/protocol';
import { storeDefaultAgent } from './config';
import type { CandidateNode } from './profileTree';
import { errorText, type ServerConnection } from './serverConnection';
import type { SnapshotStore } from './snapshotStore';
import { attentionSubject, levelOfCheck, selectedAgent } from './statusModel';
import type { StatusReportDocuments } from './statusReportDocument';
import type { StoreRowDocuments } from './storeRowDocuments';
import { expiryText, statusText } from './words';

/** Every command id this extension contributes (package.json `contributes.commands`). */
export const COMMAND_IDS = {
  showStatus: 'openclawAuth.showStatus',
  check: 'openclawAuth.check',
  refresh: 'openclawAuth.refresh',
  openStore: 'openclawAuth.openStore',
  openEnv: 'openclawAuth.openEnv',
  selectAgent: 'openclawAuth.selectAgent',
  openInStore: 'openclawAuth.openInStore',
  copyProfileId: 'openclawAuth.copyProfileId',
  revealSecrets: 'openclawAuth.revealSecrets',
} as const;

interface CommandDeps {
  connection: ServerConnection;
  store: SnapshotStore;
  reports: StatusReportDocuments;
  rows: StoreRowDocuments;
}

/** Registers one small function per command; each reports its own failure in words. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const entries: [string, (...args: never[]) => unknown][] = [
    [COMMAND_IDS.showStatus, (agentId?: string) => showStatus(deps, agentId)],
    [COMMAND_IDS.check, (agentId?: string) => check(deps, agentId)],
    [COMMAND_IDS.refresh, () => refresh(deps)],
    [COMMAND_IDS.openStore, () => openStore(deps)],
    [COMMAND_IDS.openEnv, () => openEnv(deps)],
    [COMMAND_IDS.selectAgent, (agentId?: unknown) => selectAgent(deps, agentId)],
    [COMMAND_IDS.openInStore, (node?: CandidateNode) => openInStore(deps, node)],
    [COMMAND_IDS.copyProfileId, (node?: CandidateNode) => copyProfileId(node)],
    [COMMAND_IDS.revealSecrets, (uri?: unknown) => deps.rows.reveal(uri)],
  ];
  return entries.map(([id, run]) => vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      return await run(...args);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('OpenClaw Auth: {0}', errorText(error)));
      return undefined;
    }
  }));
}

/** Show Status: the CLI's readable report for an agent (default: the selected one), read-only. */
async function showStatus(deps: CommandDeps, agentId?: string): Promise<StatusReport> {
  const report = await deps.connection.statusReport(typeof agentId === 'string' ? agentId : undefined);
  const uri = deps.reports.publish(report.agentId, report.text);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: true });
  return report;
}

/**
 * Check: `openclaw-auth status --check` for an agent. Returns the code (0, 1 or 2) so scripts and
 * tests can use it; the notification is not awaited, so the command does not wait for a click.
 */
async function check(deps: CommandDeps, agentId?: string): Promise<CheckCode> {
  const report = await deps.connection.statusReport(typeof agentId === 'string' ? agentId : undefined);
  const showLabel = vscode.l10n.t('Show Status');
  const message = checkMessage(report);
  const level = levelOfCheck(report.checkCode);
  const shown = level === 'ok'
    ? vscode.window.showInformationMessage(message, showLabel)
    : level === 'warning'
      ? vscode.window.showWarningMessage(message, showLabel)
      : vscode.window.showErrorMessage(message, showLabel);
  void shown.then((choice) => {
    if (choice === showLabel) void vscode.commands.executeCommand(COMMAND_IDS.showStatus, report.agentId);
  });
  return report.checkCode;
}

function checkMessage(report: StatusReport): string {
  const attention = report.attention;
  if (report.checkCode === 0 || !attention) {
    return vscode.l10n.t('OpenClaw check passed for agent {0}: every provider in use has a usable credential.', report.agentId);
  }
  const subject = attentionSubject(attention);
  if (attention.status === 'expiring' && attention.expiresAt !== undefined) {
    return vscode.l10n.t('OpenClaw check for agent {0}: {1} {2}.', report.agentId, subject, expiryText(attention.expiresAt, Date.now()));
  }
  return vscode.l10n.t('OpenClaw check failed for agent {0}: {1} is {2}.', report.agentId, subject, statusText(attention.status));
}

async function refresh(deps: CommandDeps): Promise<void> {
  await vscode.window.withProgress(
    { location: { viewId: 'openclawAuth.profiles' }, title: vscode.l10n.t('Reading OpenClaw credentials…') },
    () => deps.connection.refresh(),
  );
}

/** Open auth-profiles.json of the selected agent, or say why there is none to open. */
async function openStore(deps: CommandDeps): Promise<void> {
  const snapshot = deps.store.snapshot;
  const agent = snapshot && selectedAgent(snapshot);
  if (!agent) {
    void vscode.window.showInformationMessage(vscode.l10n.t('OpenClaw credentials are not loaded yet.'));
    return;
  }
  if (agent.store.kind === 'sqlite') {
    void vscode.window.showInformationMessage(vscode.l10n.t(
      'Agent {0} keeps its credentials in the SQLite database {1}; OpenClaw no longer reads auth-profiles.json. Change them with the openclaw models auth commands.',
      agent.agentId, agent.store.location,
    ));
    return;
  }
  if (!agent.store.exists) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent {0} has no auth-profiles.json yet ({1}).', agent.agentId, agent.store.file));
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(agent.store.file));
}

/** Open the state `.env` the gateway daemon reads, if it exists (never created from here). */
async function openEnv(deps: CommandDeps): Promise<void> {
  const envFile = deps.store.snapshot?.envFile;
  if (!envFile) {
    void vscode.window.showInformationMessage(vscode.l10n.t('OpenClaw credentials are not loaded yet.'));
    return;
  }
  const uri = vscode.Uri.file(envFile);
  if (!(await exists(uri))) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no {0}. The OpenClaw gateway reads keys from this file when it exists.', envFile));
    return;
  }
  await vscode.window.showTextDocument(uri);
}

/** Choose the agent the status bar follows; stored in `openclawAuth.defaultAgent`. */
async function selectAgent(deps: CommandDeps, given?: unknown): Promise<string | undefined> {
  const agentId = typeof given === 'string' ? given : isAgentNode(given) ? given.agent.agentId : await pickAgent(deps);
  if (!agentId) return undefined;
  await storeDefaultAgent(agentId);
  return agentId;
}

async function pickAgent(deps: CommandDeps): Promise<string | undefined> {
  const snapshot = deps.store.snapshot;
  if (!snapshot || snapshot.agents.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No OpenClaw agent was found.'));
    return undefined;
  }
  const icons = { ok: '$(pass)', warning: '$(warning)', error: '$(error)' };
  const items = snapshot.agents.map((agent) => ({
    label: `${icons[levelOfCheck(agent.checkCode)]} ${agent.agentId}`,
    description: agent.agentId === snapshot.selectedAgentId ? vscode.l10n.t('current') : agent.defaultModel,
    detail: agent.attention
      ? `${attentionSubject(agent.attention)}: ${statusText(agent.attention.status)}`
      : vscode.l10n.t('every provider in use has a usable credential'),
    agentId: agent.agentId,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Select the agent the status bar follows') });
  return picked?.agentId;
}

function isAgentNode(value: unknown): value is { kind: 'agent'; agent: { agentId: string } } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'agent';
}

/** Tree: open the file a credential is written in, with its place selected. */
async function openInStore(deps: CommandDeps, node?: CandidateNode): Promise<CredentialLocation | StoreRowDocument | undefined> {
  if (!node || node.kind !== 'candidate') return undefined;
  if (node.candidate.envOrigin === 'login-shell') {
    void vscode.window.showInformationMessage(vscode.l10n.t(
      '{0} comes from your login shell\'s profile (imported because of env.shellEnv), not from a file OpenClaw reads.', node.candidate.id,
    ));
    return undefined;
  }
  const ref = credentialRef(node);
  if (!ref) {
    void vscode.window.showInformationMessage(vscode.l10n.t(
      '{0} comes from the environment of the process that started VS Code, not from a file.', node.candidate.id,
    ));
    return undefined;
  }
  const location = await deps.connection.locateCredential(ref);
  if (!location.found && location.reason === 'sqlite' && ref.kind === 'profile') return openStoreRow(deps, node, ref.profileId);
  if (location.found) {
    const r = location.range;
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection: range });
    return location;
  }
  void vscode.window.showInformationMessage(notFoundMessage(node, location.reason));
  return location;
}

/** A profile kept in SQLite: its row as a read-only JSON document, secrets masked (storeRowDocuments.ts). */
async function openStoreRow(deps: CommandDeps, node: CandidateNode, profileId: string): Promise<StoreRowDocument> {
  const row = await deps.rows.open(node.agent.agentId, profileId);
  if (!row.found) {
    void vscode.window.showInformationMessage(row.reason === 'unreadable'
      ? vscode.l10n.t('{0} is stored in the SQLite database {1}, which cannot be read now: {2}', profileId, node.agent.store.location, row.message ?? '')
      : notFoundMessage(node, 'not-found'));
  }
  return row;
}

function credentialRef(node: CandidateNode): CredentialRef | undefined {
  const c = node.candidate;
  if (c.kind === 'profile') return { kind: 'profile', agentId: node.agent.agentId, profileId: c.id };
  if (c.kind === 'env') return c.file ? { kind: 'env', variable: c.id, file: c.file } : undefined;
  return { kind: 'config-key', provider: node.provider.provider };
}

function notFoundMessage(node: CandidateNode, reason: 'sqlite' | 'process-env' | 'not-found' | 'no-file'): string {
  const id = node.candidate.id;
  switch (reason) {
    case 'sqlite': return vscode.l10n.t('{0} is stored in the SQLite database {1}, which cannot be opened as text.', id, node.agent.store.location);
    case 'process-env': return vscode.l10n.t('{0} comes from the environment of the process that started VS Code, not from a file.', id);
    case 'not-found': return vscode.l10n.t('{0} is no longer in the file on disk. Refresh to see the current state.', id);
    case 'no-file': return vscode.l10n.t('The file that held {0} no longer exists.', id);
  }
}

/** Tree: copy a profile id (never the secret). */
async function copyProfileId(node?: CandidateNode): Promise<string | undefined> {
  if (!node || node.kind !== 'candidate') return undefined;
  await vscode.env.clipboard.writeText(node.candidate.id);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', node.candidate.id), 3000);
  return node.candidate.id;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
