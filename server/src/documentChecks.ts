import path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { classifyDocument, diagnoseDocument, expiryClock, type DocumentContext } from './diagnostics/documentDiagnostics.js';
import { fileModeDiagnostics } from './diagnostics/fileMode.js';
import { DIAGNOSTIC_SOURCE } from './diagnostics/issueDiagnostic.js';
import { StoreChecker } from './diagnostics/storeChecker.js';
import { storeDiagnostics } from './diagnostics/storeDiagnostics.js';
import { t } from './serverL10n.js';

/** More than this many problems in one file are summed up in one more diagnostic: nobody reads 20 000. */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;
/** Quiet time after a keystroke before the document is checked again. */
export const CHECK_DELAY_MS = 250;

export interface DocumentChecksHost {
  /** What the checks need from the last resolved state (read when a check starts). */
  context(): DocumentContext;
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  /** A line for the server's output channel; never given a secret. */
  log(message: string): void;
}

/**
 * Checks open documents for the language server: debounced per document, `auth-profiles.json`
 * checked in a worker thread (a large store takes seconds), at most MAX_DIAGNOSTICS_PER_FILE
 * published per file. Only the latest check of a document publishes.
 */
export class DocumentChecks {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly latest = new Map<string, number>();
  private counter = 0;

  constructor(
    private readonly host: DocumentChecksHost,
    private readonly checker = new StoreChecker(),
    private readonly delayMs = CHECK_DELAY_MS,
  ) {}

  /** Checks `doc` (its file path `file`) after the quiet time; a newer call for it replaces this one. */
  schedule(doc: TextDocument, file: string): void {
    this.cancelTimer(doc.uri);
    this.timers.set(doc.uri, setTimeout(() => {
      this.timers.delete(doc.uri);
      void this.check(doc, file);
    }, this.delayMs));
  }

  /** The document was closed: nothing pending for it may publish. */
  forget(uri: string): void {
    this.cancelTimer(uri);
    this.latest.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancelTimer(uri);
    this.checker.dispose();
  }

  private async check(doc: TextDocument, file: string): Promise<void> {
    const run = ++this.counter;
    this.latest.set(doc.uri, run);
    const version = doc.version;
    try {
      const ctx = this.host.context();
      let diagnostics: Diagnostic[];
      let total: number;
      const kind = classifyDocument(file, ctx);
      if (kind?.kind === 'auth-store') {
        // The text as of now: the document object follows later edits, which schedule their own check.
        const text = doc.getText();
        const resolved = path.resolve(file);
        const checked = await this.checker.check(text, resolved, MAX_DIAGNOSTICS_PER_FILE, expiryClock(ctx));
        if (this.latest.get(doc.uri) !== run || doc.version !== version) return;
        diagnostics = storeDiagnostics(doc, resolved, checked.issues, ctx.state);
        total = diagnostics.length + (checked.total - checked.issues.length);
      } else {
        diagnostics = diagnoseDocument(doc, file, ctx);
        total = diagnostics.length;
      }
      const modeProblems = fileModeDiagnostics(doc, file, kind);
      diagnostics.unshift(...modeProblems);
      total += modeProblems.length;
      this.host.publish(doc.uri, version, capDiagnostics(diagnostics, total));
    } catch (error) {
      this.host.log(`Could not check ${file}: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  private cancelTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }
}

/** The first MAX_DIAGNOSTICS_PER_FILE diagnostics, and one at the top of the file saying how many more there are. */
export function capDiagnostics(diagnostics: Diagnostic[], total: number, max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  if (total <= max) return diagnostics;
  const shown = diagnostics.slice(0, max);
  shown.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: t('{0} more problems in this file are not shown (the first {1} are). Fix these and the rest appear.', total - max, max),
  });
  return shown;
}
