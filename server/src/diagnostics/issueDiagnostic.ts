import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IssueSeverity, SourceIssue } from '../openclaw/issues.js';
import { issueMessage } from '../serverL10n.js';

/** Every diagnostic we publish carries this source, so users can filter the Problems view by it. */
export const DIAGNOSTIC_SOURCE = 'openclaw-auth';

/**
 * The catalogue of codes, `docs/diagnostics.md`, shipped in the VSIX beside `dist/`: a link that
 * works offline and, over Remote-SSH, on the host where the server runs (VS Code maps the remote
 * extension host's file URIs). Found by walking up from this module (bundled: `dist/`; tests: source).
 */
export const DIAGNOSTICS_DOC_URL = pathToFileURL(findUp(path.join('docs', 'diagnostics.md'), moduleDir())).href;

function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

function findUp(relative: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(from, '..', relative);
  }
}

/** `store/invalid-json` → `…/diagnostics.md#store-invalid-json`: each code has an anchor of that name. */
export function codeDocUrl(code: string): string {
  return `${DIAGNOSTICS_DOC_URL}#${code.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
}

const SEVERITY: Record<IssueSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A diagnostic over `[start, end)` of the document, with the code's link and our source. */
export function makeDiagnostic(doc: TextDocument, code: string, severity: IssueSeverity, message: string, start: number, end: number, data?: DiagnosticFix): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: doc.positionAt(start), end: doc.positionAt(Math.max(start, end)) },
    severity: SEVERITY[severity],
    code,
    codeDescription: { href: codeDocUrl(code) },
    source: DIAGNOSTIC_SOURCE,
    message,
  };
  if (data) diagnostic.data = data;
  return diagnostic;
}

/** What a quick fix needs that the range does not say (the client hands it back with the diagnostic). */
export interface DiagnosticFix {
  /** The text that should stand in the diagnostic's range (a variable name, never a secret). */
  replacement?: string;
}

/** An engine issue at its located range (the start of the file when it has none), in the client's language. */
export function issueToDiagnostic(doc: TextDocument, issue: SourceIssue): Diagnostic {
  const start = issue.offset ?? 0;
  return makeDiagnostic(doc, issue.code, issue.severity, issueMessage(issue), start, start + (issue.length ?? 0));
}
