import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceIssue } from '../openclaw/issues.js';
import { t } from '../serverL10n.js';
import { makeDiagnostic } from './issueDiagnostic.js';

export const LEGACY_AUTH_CODE = 'store/legacy-auth-json';

/**
 * An agent's old `auth.json`, open in the editor: flagged when the resolved state says OpenClaw
 * reads it (the agent has no auth-profiles.json and it holds a profile OpenClaw keeps). Judged from
 * the files on disk, as OpenClaw migrates the saved file; on the first line, where the quick fix is offered.
 */
export function diagnoseLegacyAuth(doc: TextDocument, file: string, stateIssues: readonly SourceIssue[]): Diagnostic[] {
  if (!stateIssues.some((i) => i.code === LEGACY_AUTH_CODE && i.file === file)) return [];
  const text = doc.getText();
  const firstLineEnd = text.search(/\r?\n|$/);
  return [
    makeDiagnostic(
      doc,
      LEGACY_AUTH_CODE,
      'warning',
      t('Legacy auth.json: OpenClaw reads it only because this agent has no auth-profiles.json, and on its next run moves these profiles there and deletes this file.'),
      0,
      firstLineEnd,
    ),
  ];
}
