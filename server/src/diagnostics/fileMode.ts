import fs from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentKind } from './documentDiagnostics.js';
import { makeDiagnostic } from './issueDiagnostic.js';
import { t } from '../serverL10n.js';

/** The server-side command a quick fix runs to tighten a file (the client never touches the file). */
export const TIGHTEN_FILE_MODE_COMMAND = 'openclawAuth.server.tightenFileMode';

/** Files OpenClaw keeps secrets in and writes with mode 0600: the store, the state and gateway `.env`. */
export function holdsSecrets(kind: DocumentKind | undefined): boolean {
  return kind?.kind === 'auth-store' || (kind?.kind === 'env' && (kind.role === 'state' || kind.role === 'gateway'));
}

/** The group and other bits of the file's mode when it holds secrets and they are set (POSIX only). */
export function looseMode(file: string, kind: DocumentKind | undefined): number | undefined {
  if (process.platform === 'win32' || !holdsSecrets(kind)) return undefined;
  try {
    const mode = fs.statSync(file).mode & 0o777;
    return mode & 0o077 ? mode : undefined;
  } catch {
    return undefined;
  }
}

/** `file/readable-by-others` at the top of the document, when its file on disk is open to others. */
export function fileModeDiagnostics(doc: TextDocument, file: string, kind: DocumentKind | undefined): Diagnostic[] {
  const mode = looseMode(file, kind);
  if (mode === undefined) return [];
  const octal = `0${mode.toString(8).padStart(3, '0')}`;
  return [makeDiagnostic(doc, 'file/readable-by-others', 'warning', t('This file holds secrets and its mode is {0}: other users of this machine can read or change it. OpenClaw writes it as 0600.', octal), 0, 0)];
}

/** Takes group and other permissions off the file (0644 → 0600); true when it changed. */
export function tightenFileMode(file: string, kind: DocumentKind | undefined): boolean {
  const mode = looseMode(file, kind);
  if (mode === undefined) return false;
  fs.chmodSync(file, mode & 0o700);
  return true;
}
