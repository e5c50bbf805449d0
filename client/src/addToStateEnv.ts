import * as vscode from 'vscode';
import type { StatusSnapshot } from '../../server/src/protocol';
import { gatewayBlindVariable } from './gatewayBlind';
import type { ProfileTreeNode } from './profileTree';
import type { ServerConnection } from './serverConnection';
import type { SnapshotStore } from './snapshotStore';

/**
 * Add to the State .env (tree rows the gateway service will not see, or the palette): opens the
 * state `.env` with `NAME=` appended and the cursor after `=`, for the user to type the value. The
 * server computes the edit as the diagnostic's quick fix does (features/envNameAppend.ts) and
 * creates a missing file with mode 0600; nothing here ever holds the value.
 */
export async function addToStateEnv(deps: { connection: ServerConnection; store: SnapshotStore }, arg?: unknown): Promise<string | undefined> {
  const variable = variableOfRow(arg) ?? await pickVariable(deps.store.snapshot);
  if (!variable) return undefined;
  const result = await deps.connection.stateEnvKey(variable);
  if (!result.added) {
    void vscode.window.showInformationMessage(result.reason === 'no-state-dir'
      ? vscode.l10n.t('There is no OpenClaw state folder to hold a .env ({0}).', deps.store.snapshot?.stateDir ?? '~/.openclaw')
      : vscode.l10n.t('{0} no longer needs adding: the gateway service reads it already, or no model needs it.', variable));
    return undefined;
  }
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(result.uri));
  if (result.edit) {
    const { start, end } = result.edit.range;
    const newText = result.edit.newText;
    await editor.edit((builder) => builder.replace(new vscode.Range(start.line, start.character, end.line, end.character), newText));
  }
  const cursor = new vscode.Position(result.cursor.line, result.cursor.character);
  editor.selection = new vscode.Selection(cursor, cursor);
  editor.revealRange(new vscode.Range(cursor, cursor));
  return variable;
}

function variableOfRow(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as ProfileTreeNode;
  if (node.kind === 'provider') return gatewayBlindVariable(node.provider);
  if (node.kind === 'candidate') return gatewayBlindVariable(node.provider, node.candidate);
  return undefined;
}

async function pickVariable(snapshot: StatusSnapshot | undefined): Promise<string | undefined> {
  const keys = new Map<string, Set<string>>();
  for (const agent of snapshot?.agents ?? []) {
    for (const key of agent.gatewayBlindKeys ?? []) {
      const providers = keys.get(key.variable) ?? new Set<string>();
      for (const p of key.providers) providers.add(p);
      keys.set(key.variable, providers);
    }
  }
  if (keys.size === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The gateway service sees every provider key in use: nothing to add.'));
    return undefined;
  }
  if (keys.size === 1) return [...keys.keys()][0];
  const picked = await vscode.window.showQuickPick(
    [...keys].map(([variable, providers]) => ({ label: variable, description: [...providers].sort().join(', ') })),
    { title: vscode.l10n.t('Which key should the state .env name?') },
  );
  return picked?.label;
}
