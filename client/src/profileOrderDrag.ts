import * as vscode from 'vscode';
import { moveBefore, orderAfterDrop } from './orderMoves';
import type { CandidateNode, ProfileTreeNode } from './profileTree';
import type { ServerConnection } from './serverConnection';

/** The tree's own drag type (VS Code requires `application/vnd.code.tree.<view id, lower case>`). */
export const PROFILE_DRAG_MIME = 'application/vnd.code.tree.openclawauth.profiles';

/**
 * Drag and drop of profiles in the tree sets the provider's auth order (`models auth order set`):
 * a profile dropped on another profile of the same agent and provider takes that place, dropped
 * on the provider it goes first, on a key listed after the profiles last. Every profile the provider shows is written, in the new order.
 */
export class ProfileOrderDragController implements vscode.TreeDragAndDropController<ProfileTreeNode> {
  readonly dragMimeTypes = [PROFILE_DRAG_MIME];
  readonly dropMimeTypes = [PROFILE_DRAG_MIME];
  /** The last drop's write, for the tests (undefined while none). */
  lastDrop: Promise<string[] | undefined> | undefined;

  constructor(private readonly connection: ServerConnection) {}

  handleDrag(source: readonly ProfileTreeNode[], data: vscode.DataTransfer): void {
    const profiles = source.filter(isProfile);
    // One profile at a time: a multi-row drag has no single place to land.
    if (profiles.length !== 1) return;
    const node = profiles[0]!;
    data.set(PROFILE_DRAG_MIME, new vscode.DataTransferItem(JSON.stringify({ agentId: node.agent.agentId, provider: node.provider.provider, profileId: node.candidate.id })));
  }

  async handleDrop(target: ProfileTreeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const item = data.get(PROFILE_DRAG_MIME);
    if (!item || !target || target.kind === 'agent') return;
    let dragged: { agentId: string; provider: string; profileId: string };
    try {
      dragged = JSON.parse(String(await item.asString()));
    } catch {
      return;
    }
    if (target.agent.agentId !== dragged.agentId || target.provider.provider !== dragged.provider) {
      void vscode.window.showInformationMessage(vscode.l10n.t('A profile can only be moved among the profiles of its own agent and provider.'));
      return;
    }
    const ids = target.provider.candidates.filter((c) => c.kind === 'profile').map((c) => c.id);
    // On the provider: first. On a profile: its place. On an env or config key (listed after the profiles): last.
    const order = target.kind === 'provider'
      ? orderAfterDrop(ids, dragged.profileId, undefined)
      : isProfile(target) ? orderAfterDrop(ids, dragged.profileId, target.candidate.id) : moveBefore(ids, dragged.profileId, undefined);
    if (order.join('\n') === ids.join('\n')) return;
    this.lastDrop = this.write(dragged.agentId, dragged.provider, order);
    await this.lastDrop;
  }

  private async write(agentId: string, provider: string, order: string[]): Promise<string[] | undefined> {
    try {
      const result = await this.connection.setAuthOrder({ agentId, provider }, order);
      vscode.window.setStatusBarMessage(result.summary, 5000);
      return order;
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('OpenClaw Auth: the auth order was not changed. {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  }
}

function isProfile(node: ProfileTreeNode): node is CandidateNode {
  return node.kind === 'candidate' && node.candidate.kind === 'profile';
}
