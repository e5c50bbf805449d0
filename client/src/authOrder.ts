import * as vscode from 'vscode';
import type { AuthOrderInfo, AuthOrderSource } from '../../server/src/protocol';
import { loadedSnapshot, pickWriteAgent } from './credentialPicks';
import { moveBefore } from './orderMoves';
import type { ProfileTreeNode } from './profileTree';
import type { ServerConnection } from './serverConnection';
import type { SnapshotStore } from './snapshotStore';

/**
 * Auth Order (`openclaw models auth order get|set|clear`), per agent and provider: shows the order
 * OpenClaw follows and where it comes from, reorders it in a quick pick (checked profiles are
 * tried, top first; the arrows move a row), or clears the override.
 */

export interface OrderDeps {
  connection: ServerConnection;
  store: SnapshotStore;
}

export function sourceText(source: AuthOrderSource): string {
  switch (source) {
    case 'config': return vscode.l10n.t('auth.order in openclaw.json');
    case 'store': return vscode.l10n.t('the order in the agent\'s auth-profiles.json');
    case 'auth-state': return vscode.l10n.t('the agent\'s auth-state.json');
    case 'sqlite-state': return vscode.l10n.t('the agent\'s SQLite state');
    case 'default': return vscode.l10n.t('OpenClaw\'s default order (no override)');
  }
}

/** Agent and provider from a tree node, or asked. */
async function scopeOf(deps: OrderDeps, arg: unknown): Promise<{ agentId: string; provider: string } | undefined> {
  const node = arg as ProfileTreeNode | undefined;
  if (node?.kind === 'provider' || node?.kind === 'candidate') return { agentId: node.agent.agentId, provider: node.provider.provider };
  const snapshot = loadedSnapshot(deps.store);
  if (!snapshot) return undefined;
  const title = vscode.l10n.t('Auth Order');
  const agent = node?.kind === 'agent' ? node.agent : await pickWriteAgent(snapshot, title);
  if (!agent) return undefined;
  const withProfiles = agent.providers.filter((p) => p.candidates.some((c) => c.kind === 'profile'));
  if (withProfiles.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent {0} has no profiles to order.', agent.agentId));
    return undefined;
  }
  const picked = withProfiles.length === 1
    ? { provider: withProfiles[0]!.provider }
    : await vscode.window.showQuickPick(withProfiles.map((p) => ({ label: p.provider, provider: p.provider })), { title, placeHolder: vscode.l10n.t('Provider') });
  return picked ? { agentId: agent.agentId, provider: picked.provider } : undefined;
}

/** The command: returns the order info it showed (tests read it), or undefined when dismissed. */
export async function authOrder(deps: OrderDeps, arg?: unknown): Promise<AuthOrderInfo | undefined> {
  const scope = await scopeOf(deps, arg);
  if (!scope) return undefined;
  const info = await deps.connection.authOrder(scope);
  type Action = vscode.QuickPickItem & { action?: 'set' | 'clear' };
  const items: Action[] = [
    { label: vscode.l10n.t('Order in force'), kind: vscode.QuickPickItemKind.Separator },
    ...info.effective.map((id, index) => ({ label: `${index + 1}. ${id}` })),
    { label: vscode.l10n.t('Change'), kind: vscode.QuickPickItemKind.Separator },
    { label: `$(list-ordered) ${vscode.l10n.t('Set the order…')}`, action: 'set' },
  ];
  if (info.order) items.push({ label: `$(clear-all) ${vscode.l10n.t('Clear the override')}`, detail: vscode.l10n.t('OpenClaw then follows its default order.'), action: 'clear' });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Auth order of {0} for agent {1}', info.provider, info.agentId),
    placeHolder: vscode.l10n.t('From {0}', sourceText(info.source)),
  });
  if (picked?.action === 'set') await reorderInQuickPick(deps, info);
  if (picked?.action === 'clear') await clearOrder(deps, info);
  return info;
}

/** Reorders with a multi-select quick pick: arrows move a row, checked rows are kept, Enter saves. */
async function reorderInQuickPick(deps: OrderDeps, info: AuthOrderInfo): Promise<void> {
  const up: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('arrow-up'), tooltip: vscode.l10n.t('Move up') };
  const down: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('arrow-down'), tooltip: vscode.l10n.t('Move down') };
  const inOrder = new Set(info.order ?? info.effective);
  let ids = info.profiles.length > 0 ? info.profiles : info.effective;
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { id: string }>();
  pick.title = vscode.l10n.t('Auth order of {0} for agent {1}', info.provider, info.agentId);
  pick.placeholder = vscode.l10n.t('Checked profiles are tried from the top; use the arrows to move one, Enter to save.');
  pick.canSelectMany = true;
  pick.ignoreFocusOut = true;
  const render = (keep: Set<string>): void => {
    const items = ids.map((id) => ({ label: id, id, buttons: [up, down] }));
    pick.items = items;
    pick.selectedItems = items.filter((i) => keep.has(i.id));
  };
  render(inOrder);
  const chosen = await new Promise<string[] | undefined>((resolve) => {
    pick.onDidTriggerItemButton((event) => {
      const keep = new Set(pick.selectedItems.map((i) => i.id));
      const index = ids.indexOf(event.item.id);
      const target = event.button === up ? index - 1 : index + 2;
      if (target >= 0 && target <= ids.length) ids = moveBefore(ids, event.item.id, ids[target]);
      render(keep);
    });
    pick.onDidAccept(() => {
      const keep = new Set(pick.selectedItems.map((i) => i.id));
      resolve(ids.filter((id) => keep.has(id)));
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!chosen) return;
  if (chosen.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Check at least one profile, or clear the override.'));
    return;
  }
  const result = await deps.connection.setAuthOrder({ agentId: info.agentId, provider: info.provider }, chosen);
  void vscode.window.showInformationMessage(result.summary);
}

async function clearOrder(deps: OrderDeps, info: AuthOrderInfo): Promise<void> {
  const result = await deps.connection.clearAuthOrder({ agentId: info.agentId, provider: info.provider });
  void vscode.window.showInformationMessage(result.summary);
}

/** Clear Auth Order as its own command (tree context of a provider, palette). */
export async function clearAuthOrder(deps: OrderDeps, arg?: unknown): Promise<string | undefined> {
  const scope = await scopeOf(deps, arg);
  if (!scope) return undefined;
  const result = await deps.connection.clearAuthOrder(scope);
  void vscode.window.showInformationMessage(result.summary);
  return result.summary;
}
