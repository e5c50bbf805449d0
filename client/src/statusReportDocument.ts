import * as vscode from 'vscode';

export const REPORT_SCHEME = 'openclaw-auth-report';

/**
 * Read-only virtual documents holding the status report (the CLI's text, masked labels only).
 * Virtual rather than untitled: no "save changes?" prompt, and nothing is written anywhere.
 */
export class StatusReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Stores the report for an agent and returns the document's URI (same agent, same URI). */
  publish(agentId: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${encodeURIComponent(agentId)}/openclaw-status.txt` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
