import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findEnvAssignment } from '../diagnostics/envLines.js';
import { readTextFile } from '../openclaw/fileRead.js';
import { gatewayBlindKeys } from '../openclaw/resolve/gatewayBlindKeys.js';
import type { OpenClawState } from '../openclaw/state.js';
import type { StateEnvKeyResult } from '../protocol.js';
import { appendEnvNameEdit } from './envNameAppend.js';

/**
 * The server side of the tree's Add to the state .env: only for a key the gateway service will not
 * see (the engine's list, as the tree shows it). Creates the missing state `.env` as OpenClaw's
 * secrets files are, mode 0600, and nothing else; the edit is left to the client, on the buffer
 * the user sees. `openBuffer` is the editor's copy of the file when it is open (unsaved text counts).
 */
export function stateEnvKey(state: OpenClawState, variable: string, openBuffer: (file: string) => TextDocument | undefined): StateEnvKeyResult {
  if (!gatewayBlindKeys(state).some((k) => k.variable === variable)) return { added: false, reason: 'not-blind' };
  const file = state.envFile;
  if (!state.stateDirExists || !fs.existsSync(path.dirname(file))) return { added: false, reason: 'no-state-dir' };
  const uri = pathToFileURL(file).href;
  let doc = openBuffer(file);
  if (!doc) {
    createIfMissing(file);
    const read = readTextFile(file);
    doc = TextDocument.create(uri, 'dotenv', 0, read.kind === 'ok' ? read.text : '');
  }
  const text = doc.getText();
  // Already named in the buffer (the engine reads the disk): the cursor goes to its value, nothing is added twice.
  const written = findEnvAssignment(text, variable);
  if (written) {
    const equals = text.indexOf('=', written.keyEnd);
    return { added: true, uri, cursor: doc.positionAt(equals < 0 || equals > written.end ? written.end : equals + 1) };
  }
  const append = appendEnvNameEdit(doc, variable);
  if (!append) return { added: false, reason: 'not-blind' };
  const edited = TextDocument.create(uri, 'dotenv', 0, TextDocument.applyEdits(doc, [append.edit]));
  return { added: true, uri, edit: append.edit, cursor: edited.positionAt(append.cursorOffset) };
}

function createIfMissing(file: string): void {
  try {
    fs.writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
