/**
 * Problems found while reading OpenClaw's files. Every problem carries a stable code (documented in
 * docs/diagnostics.md), the file it is in and, when known, its JSON path and character range, so
 * the language server can turn it into a diagnostic and the CLI into a line on stderr.
 * Messages never contain secret values.
 */
export type IssueSeverity = 'error' | 'warning' | 'info';

export interface SourceIssue {
  code: string;
  severity: IssueSeverity;
  message: string;
  file: string;
  /** JSON path of the offending value, e.g. ["profiles", "anthropic:default", "expires"]. */
  path?: (string | number)[];
  /** Character range in the file text, when the text was parsed. */
  offset?: number;
  length?: number;
}

export function issue(
  code: string,
  severity: IssueSeverity,
  file: string,
  message: string,
  path?: (string | number)[],
): SourceIssue {
  return path ? { code, severity, file, message, path } : { code, severity, file, message };
}
