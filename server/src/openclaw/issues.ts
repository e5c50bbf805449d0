/**
 * Problems found while reading OpenClaw's files. Every problem carries a stable code (documented in
 * docs/diagnostics.md), the file it is in and, when known, its JSON path and character range, so
 * the language server can turn it into a diagnostic and the CLI into a line on stderr.
 * Messages never contain secret values.
 */
export type IssueSeverity = 'error' | 'warning' | 'info';

/**
 * A message as an English template with `{0}`, `{1}`… and what fills them. The CLI and the report
 * print it in English (`message`); the language server words it in the client's language, looking
 * the template up in its tables (server/src/serverL10n.ts). An argument may itself be words.
 */
export interface Words {
  template: string;
  args: readonly WordArg[];
}
export type WordArg = string | number | Words;

export function words(template: string, ...args: WordArg[]): Words {
  return { template, args };
}

/** `w` with every `{n}` filled, each argument worded by `word` (English: its own template). */
export function formatWords(w: Words, word: (template: string) => string = (template) => template): string {
  return word(w.template).replace(/\{(\d+)\}/g, (all, i: string) => {
    const arg = w.args[Number(i)];
    if (arg === undefined) return all;
    return typeof arg === 'object' ? formatWords(arg, word) : String(arg);
  });
}

export interface SourceIssue {
  code: string;
  severity: IssueSeverity;
  /** In English, as the CLI prints it. */
  message: string;
  /** The message as template and arguments, when it was made from words (for the editor's language). */
  words?: Words;
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
  message: string | Words,
  path?: (string | number)[],
): SourceIssue {
  const text = typeof message === 'string' ? { message } : { message: formatWords(message), words: message };
  return path ? { code, severity, file, ...text, path } : { code, severity, file, ...text };
}

/**
 * A schema validator's English message (zod, ajv) as words: quoted values (a run of `"a"|"b"` as one), numbers and the type
 * names after "expected" / "received" become arguments, so one table entry serves every field and
 * every bound. `formatWords` gives the message back unchanged.
 */
export function validatorWords(message: string): Words {
  const args: string[] = [];
  const template = message.replace(/(?:"[^"]*"|'[^']*')(?: ?\| ?(?:"[^"]*"|'[^']*'))*|(?<=\b(?:expected|received) )(?!one\b)[a-z]+\b|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g, (found) => `{${args.push(found) - 1}}`);
  return { template, args };
}
