import * as vscode from 'vscode';
import { addToStateEnv } from './addToStateEnv';
import { authOrder, clearAuthOrder } from './authOrder';
import { copyModelPin } from './modelPin';
import { pasteToken, refusalOf } from './pasteToken';
import { removeProfile } from './removeProfile';
import { errorText, type ServerConnection } from './serverConnection';
import { setupToken } from './setupToken';
import type { SnapshotStore } from './snapshotStore';

/** The commands that change credentials (package.json `contributes.commands`); the server performs every write. */
export const WRITE_COMMAND_IDS = {
  pasteToken: 'openclawAuth.pasteToken',
  setupToken: 'openclawAuth.setupToken',
  authOrder: 'openclawAuth.authOrder',
  clearAuthOrder: 'openclawAuth.clearAuthOrder',
  removeProfile: 'openclawAuth.removeProfile',
  copyModelPin: 'openclawAuth.copyModelPin',
  addToStateEnv: 'openclawAuth.addToStateEnv',
} as const;

export function registerWriteCommands(deps: { connection: ServerConnection; store: SnapshotStore }): vscode.Disposable[] {
  const entries: [string, (arg?: unknown) => unknown][] = [
    [WRITE_COMMAND_IDS.pasteToken, (arg) => pasteToken(deps, arg)],
    [WRITE_COMMAND_IDS.setupToken, () => setupToken(deps, WRITE_COMMAND_IDS.pasteToken)],
    [WRITE_COMMAND_IDS.authOrder, (arg) => authOrder(deps, arg)],
    [WRITE_COMMAND_IDS.clearAuthOrder, (arg) => clearAuthOrder(deps, arg)],
    [WRITE_COMMAND_IDS.removeProfile, (arg) => removeProfile(deps, arg)],
    [WRITE_COMMAND_IDS.copyModelPin, (arg) => copyModelPin(arg)],
    [WRITE_COMMAND_IDS.addToStateEnv, (arg) => addToStateEnv(deps, arg)],
  ];
  return entries.map(([id, run]) => vscode.commands.registerCommand(id, async (arg?: unknown) => {
    try {
      return await run(arg);
    } catch (error) {
      // A refusal's message is the writer's reason (never a secret); other errors are ours.
      const message = refusalOf(error)?.message ?? errorText(error);
      void vscode.window.showErrorMessage(vscode.l10n.t('OpenClaw Auth: {0}', message));
      return undefined;
    }
  }));
}
