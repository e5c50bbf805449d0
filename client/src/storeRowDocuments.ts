import * as vscode from 'vscode';
import type { StoreRowDocument } from '../../server/src/protocol';
import { RevealKey } from './revealKey';
import type { ServerConnection } from './serverConnection';

/** Read-only documents of a SQLite store row: secrets masked, and the same row with them shown on request. */
export const STORE_ROW_SCHEME = 'openclaw-auth-row';
export const STORE_ROW_REVEALED_SCHEME = 'openclaw-auth-row-revealed';

/**
 * Open in Store for a profile OpenClaw keeps in SQLite: the row's JSON as a virtual document
 * (read-only by nature, never saved anywhere), titled `<database> · <profile>`, the profile's key
 * selected. Reveal Secrets (editor title of the masked document) asks the server for the row
 * unmasked, sealed to a one-time key; the revealed text lives only here, and is dropped when its
 * document closes. Nothing of it is logged.
 */
export class StoreRowDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly closing: vscode.Disposable;

  constructor(private readonly connection: ServerConnection) {
    this.closing = vscode.workspace.onDidCloseTextDocument((document) => {
      if (isRowDocument(document.uri)) this.texts.delete(document.uri.toString());
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens the row that holds `profileId` for `agentId`; returns the server's answer (a not-found one is for the caller to word). */
  async open(agentId: string, profileId: string, reveal = false): Promise<StoreRowDocument> {
    const key = reveal ? new RevealKey() : undefined;
    const row = await this.connection.storeRow({ agentId, profileId, ...(key ? { reveal: { publicKey: key.publicKey } } : {}) });
    if (!row.found) return row;
    const text = 'sealed' in row ? key?.open(row.sealed) : row.text;
    if (text === undefined) throw new Error(vscode.l10n.t('The server sent the secrets sealed to a key this window does not hold.'));
    const uri = rowUri(row.database, agentId, profileId, reveal);
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const { start, end } = row.selection;
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, selection: new vscode.Range(start.line, start.character, end.line, end.character) });
    return row;
  }

  /** Reveal Secrets on a masked row document (the editor title's button passes its URI). */
  async reveal(given?: unknown): Promise<StoreRowDocument | undefined> {
    const uri = given instanceof vscode.Uri ? given : vscode.window.activeTextEditor?.document.uri;
    const target = uri && isRowDocument(uri) ? rowTarget(uri) : undefined;
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Reveal Secrets works on a SQLite store row opened with Open in Store.'));
      return undefined;
    }
    return this.open(target.agentId, target.profileId, true);
  }

  dispose(): void {
    this.closing.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}

function isRowDocument(uri: vscode.Uri): boolean {
  return uri.scheme === STORE_ROW_SCHEME || uri.scheme === STORE_ROW_REVEALED_SCHEME;
}

/**
 * `<database folder>/<database> · <profile>.json`: the tab says which database and profile, its
 * hover the folder; `.json` gives the document JSON's colours. The query says what to read again.
 */
export function rowUri(database: string, agentId: string, profileId: string, revealed: boolean): vscode.Uri {
  const slashed = database.replace(/\\/g, '/');
  const cut = slashed.lastIndexOf('/');
  const folder = cut > 0 ? slashed.slice(0, cut) : '';
  const name = `${slashed.slice(cut + 1)} · ${profileId.replace(/[\\/]/g, '_')}`;
  const title = revealed ? vscode.l10n.t('{0} (secrets shown)', name) : name;
  return vscode.Uri.from({
    scheme: revealed ? STORE_ROW_REVEALED_SCHEME : STORE_ROW_SCHEME,
    path: `${folder.startsWith('/') ? '' : '/'}${folder}/${title}.json`,
    query: new URLSearchParams({ agent: agentId, profile: profileId }).toString(),
  });
}

function rowTarget(uri: vscode.Uri): { agentId: string; profileId: string } | undefined {
  const query = new URLSearchParams(uri.query);
  const agentId = query.get('agent');
  const profileId = query.get('profile');
  return agentId && profileId ? { agentId, profileId } : undefined;
}
