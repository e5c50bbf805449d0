import * as vscode from 'vscode';
import type { AgentSnapshot } from '../../server/src/protocol';
import { loadedSnapshot, pickWriteAgent } from './credentialPicks';
import type { ProfileTreeNode } from './profileTree';
import type { ServerConnection } from './serverConnection';
import type { SnapshotStore } from './snapshotStore';

/**
 * Remove Profile: deletes one profile from an agent's store (and its id from every order,
 * lastGood and usageStats), after a modal confirmation that names it. A profile the agent
 * inherits from main is removed from main's store, and the question says so.
 */
export async function removeProfile(deps: { connection: ServerConnection; store: SnapshotStore }, arg?: unknown): Promise<string | undefined> {
  const target = await targetOf(deps.store, arg);
  if (!target) return undefined;
  const { ownerAgentId, profileId, viewedFrom } = target;
  const removeLabel = vscode.l10n.t('Remove');
  const detail = ownerAgentId === viewedFrom
    ? vscode.l10n.t('It is deleted from the store of agent {0}, with its place in the auth order and its usage statistics.', ownerAgentId)
    : vscode.l10n.t('Agent {0} inherits it: it is deleted from the store of agent {1}, for every agent that inherits it.', viewedFrom, ownerAgentId);
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Remove the OpenClaw profile {0}?', profileId), { modal: true, detail }, removeLabel);
  if (choice !== removeLabel) return undefined;
  const result = await deps.connection.removeProfile(ownerAgentId, profileId);
  void vscode.window.showInformationMessage(result.summary);
  return result.summary;
}

async function targetOf(store: SnapshotStore, arg: unknown): Promise<{ ownerAgentId: string; profileId: string; viewedFrom: string } | undefined> {
  const node = arg as ProfileTreeNode | undefined;
  if (node?.kind === 'candidate' && node.candidate.kind === 'profile') {
    return { ownerAgentId: ownerOf(node.agent, node.candidate.inheritedFromMain), profileId: node.candidate.id, viewedFrom: node.agent.agentId };
  }
  const snapshot = loadedSnapshot(store);
  if (!snapshot) return undefined;
  const title = vscode.l10n.t('Remove Profile');
  const agent = node?.kind === 'agent' ? node.agent : await pickWriteAgent(snapshot, title);
  if (!agent) return undefined;
  const profiles = agent.providers.flatMap((p) => p.candidates.filter((c) => c.kind === 'profile').map((c) => ({
    label: c.id,
    description: c.label,
    detail: c.inheritedFromMain ? vscode.l10n.t('Inherited from the main agent\'s store.') : undefined,
    inherited: Boolean(c.inheritedFromMain),
  })));
  if (profiles.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent {0} has no profiles.', agent.agentId));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(profiles, { title, placeHolder: vscode.l10n.t('Profile') });
  return picked ? { ownerAgentId: ownerOf(agent, picked.inherited), profileId: picked.label, viewedFrom: agent.agentId } : undefined;
}

function ownerOf(agent: AgentSnapshot, inherited: boolean | undefined): string {
  return inherited ? 'main' : agent.agentId;
}
