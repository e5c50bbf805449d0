import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceIssue } from '../openclaw/issues.js';
import type { PathEnv } from '../openclaw/paths.js';
import { DEFAULT_WARN_MS } from '../openclaw/expiry.js';
import { editorStoreIssues } from './editorStoreIssues.js';
import type { ExpiryClock } from './expiryIssues.js';
import { issueToDiagnostic } from './issueDiagnostic.js';
import { STRANDED_STORE_CODES, strandedStoreDiagnostic } from './strandedStore.js';

/** What the resolved state says about the file's place (the fields of OpenClawState it reads). */
export interface StoreFileContext {
  issues: readonly SourceIssue[];
  stateDir: string;
  pathEnv: PathEnv;
  layout: { lastTouchedVersion?: string };
}

/** Findings about the file's place rather than its text (SQLite era: the JSON is ignored or awaits migration). */
const FILE_CONTEXT_CODES: ReadonlySet<string> = new Set(STRANDED_STORE_CODES);

/**
 * Diagnostics for an `auth-profiles.json` buffer: everything the engine finds in the text, as
 * OpenClaw would read it if saved, plus what the resolved state says about this file's role.
 */
export function diagnoseAuthStore(doc: TextDocument, file: string, state?: StoreFileContext, clock: ExpiryClock = { now: Date.now(), warnMs: DEFAULT_WARN_MS }): Diagnostic[] {
  return storeDiagnostics(doc, file, editorStoreIssues(doc.getText(), file, clock), state);
}

/** The same, from findings of the text already worked out (by the language server's store checker). */
export function storeDiagnostics(doc: TextDocument, file: string, fromText: readonly SourceIssue[], state?: StoreFileContext): Diagnostic[] {
  const diagnostics = fromText.map((i) => issueToDiagnostic(doc, i));
  if (!state) return diagnostics;
  const ctx = { stateDir: state.stateDir, pathEnv: state.pathEnv, ...(state.layout.lastTouchedVersion ? { lastTouchedVersion: state.layout.lastTouchedVersion } : {}) };
  for (const i of state.issues) {
    if (i.file === file && FILE_CONTEXT_CODES.has(i.code)) diagnostics.push(strandedStoreDiagnostic(doc, i, ctx));
  }
  return diagnostics;
}
