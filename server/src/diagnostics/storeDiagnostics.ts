import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceIssue } from '../openclaw/issues.js';
import { DEFAULT_WARN_MS } from '../openclaw/expiry.js';
import { editorStoreIssues } from './editorStoreIssues.js';
import type { ExpiryClock } from './expiryIssues.js';
import { issueToDiagnostic } from './issueDiagnostic.js';

/** Findings about the file's place rather than its text (SQLite era: the JSON is ignored or awaits migration). */
const FILE_CONTEXT_CODES = new Set(['store/retired-json-ignored', 'store/retired-json-needs-migration']);

/**
 * Diagnostics for an `auth-profiles.json` buffer: everything the engine finds in the text, as
 * OpenClaw would read it if saved, plus what the resolved state says about this file's role.
 */
export function diagnoseAuthStore(doc: TextDocument, file: string, stateIssues: readonly SourceIssue[] = [], clock: ExpiryClock = { now: Date.now(), warnMs: DEFAULT_WARN_MS }): Diagnostic[] {
  return storeDiagnostics(doc, file, editorStoreIssues(doc.getText(), file, clock), stateIssues);
}

/** The same, from findings of the text already worked out (by the language server's store checker). */
export function storeDiagnostics(doc: TextDocument, file: string, fromText: readonly SourceIssue[], stateIssues: readonly SourceIssue[] = []): Diagnostic[] {
  const fromContext = stateIssues.filter((i) => i.file === file && FILE_CONTEXT_CODES.has(i.code));
  return [...fromText, ...fromContext].map((i) => issueToDiagnostic(doc, i));
}
