import * as vscode from 'vscode';
import type { AgentSnapshot, StatusSnapshot } from '../../server/src/protocol';
import { providerChoices } from './providerChoices';
import type { SnapshotStore } from './snapshotStore';
import { levelOfCheck, selectedAgent } from './statusModel';
import { statusText } from './words';

/**
 * The questions every write command asks first: which agent, which provider. Each returns
 * undefined when the user dismissed the pick (the command then stops without a message).
 */

/** The snapshot, or a message saying it is not there yet. */
export function loadedSnapshot(store: SnapshotStore): StatusSnapshot | undefined {
  const snapshot = store.snapshot;
  if (!snapshot || snapshot.agents.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('OpenClaw credentials are not loaded yet.'));
    return undefined;
  }
  return snapshot;
}

/** One agent: asked only when there are several (the status bar's agent first). */
export async function pickWriteAgent(snapshot: StatusSnapshot, title: string): Promise<AgentSnapshot | undefined> {
  if (snapshot.agents.length === 1) return snapshot.agents[0];
  const current = selectedAgent(snapshot);
  const agents = [...snapshot.agents].sort((a, b) => Number(b.agentId === current?.agentId) - Number(a.agentId === current?.agentId));
  const icons = { ok: '$(pass)', warning: '$(warning)', error: '$(error)' };
  const picked = await vscode.window.showQuickPick(
    agents.map((agent) => ({
      label: `${icons[levelOfCheck(agent.checkCode)]} ${agent.agentId}`,
      description: agent.agentId === current?.agentId ? vscode.l10n.t('in the status bar') : agent.defaultModel,
      detail: agent.store.location,
      agent,
    })),
    { title, placeHolder: vscode.l10n.t('Agent') },
  );
  return picked?.agent;
}

export async function pickProvider(snapshot: StatusSnapshot, agent: AgentSnapshot, title: string): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { provider?: string };
  const items: Item[] = [];
  let group: string | undefined;
  const groupLabel = { inUse: vscode.l10n.t('In use by this agent'), configured: vscode.l10n.t('With credentials'), other: vscode.l10n.t('Other OpenClaw providers') };
  for (const choice of providerChoices(snapshot, agent)) {
    if (choice.group !== group) {
      group = choice.group;
      items.push({ label: groupLabel[choice.group], kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: choice.provider, ...(choice.status ? { description: statusText(choice.status) } : {}), provider: choice.provider });
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Provider'), matchOnDescription: true });
  return picked?.provider;
}
