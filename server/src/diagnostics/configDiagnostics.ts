import JSON5 from 'json5';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseConfigText } from '../openclaw/config/config.js';
import { configRefusals } from '../openclaw/config/configRefusals.js';
import { locateJsonIssues } from '../openclaw/jsonLocate.js';
import { statusRules } from '../openclaw/rules/rules.js';
import type { OpenClawState } from '../openclaw/state.js';
import { issueToDiagnostic } from './issueDiagnostic.js';

/**
 * Diagnostics for an `openclaw.json` buffer: a syntax error points at the character JSON5 stopped at;
 * what would make OpenClaw 2026.6.1 refuse the `models` section points at the offending value
 * (`state` gives the environment that secret references are judged against).
 */
export function diagnoseConfig(doc: TextDocument, file: string, state?: OpenClawState): Diagnostic[] {
  const text = doc.getText();
  const parsed = parseConfigText(text, file);
  const rules = state?.rules ?? statusRules(undefined);
  const refusals = parsed.issues.length > 0 || rules.version === '2026.3' ? [] : configRefusals(parsed.value, file, state?.env.values, rules.catalog);
  return [...parsed.issues, ...locateJsonIssues(text, refusals)].map((issue) => {
    const diagnostic = issueToDiagnostic(doc, issue);
    if (issue.code !== 'config/invalid-json5') return diagnostic;
    const at = json5ErrorPosition(text);
    if (at) diagnostic.range = { start: at, end: { line: at.line, character: at.character + 1 } };
    return diagnostic;
  });
}

/** JSON5 reports 1-based line and column; the engine only keeps them in its message. */
function json5ErrorPosition(text: string): { line: number; character: number } | undefined {
  try {
    JSON5.parse(text);
    return undefined;
  } catch (error) {
    const e = error as { lineNumber?: number; columnNumber?: number };
    if (!e.lineNumber) return undefined;
    return { line: e.lineNumber - 1, character: Math.max(0, (e.columnNumber ?? 1) - 1) };
  }
}
