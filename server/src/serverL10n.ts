/**
 * The language server's own words (diagnostics, quick fixes, lenses, completions) in the client's
 * display language, as the client's strings follow it: English in the sources, French in
 * serverL10n.fr.json keyed by the English text; the templates of `words()` (openclaw/issues.ts: the
 * engine's findings, and the editor's own findings made into issues) in engineWords.fr.json. The
 * language is serverLocale.ts's, from the LSP `initialize` request.
 */
import fr from './serverL10n.fr.json';
import engineFr from './engineWords.fr.json';
import { formatWords, type SourceIssue, type Words } from './openclaw/issues.js';
import { serverLocale } from './serverLocale.js';

export { serverLocale, setServerLocale } from './serverLocale.js';

/** The server's own strings, and the engine's message templates (openclaw/issues.ts `words`) in a table of their own. */
const TABLES: Record<string, Record<string, string>> = { fr: { ...engineFr, ...fr } };

/** The table of the current language; none for English. */
function currentTable(): Record<string, string> | undefined {
  const language = serverLocale();
  return Object.hasOwn(TABLES, language) ? TABLES[language] : undefined;
}

/** `message` in the current language, `{0}`, `{1}`… replaced by `args`. */
export function t(message: string, ...args: (string | number)[]): string {
  const template = translated(message);
  return template.replace(/\{(\d+)\}/g, (all, i: string) => (args[Number(i)] === undefined ? all : String(args[Number(i)])));
}

/** Own keys only: a template may come from outside (a schema validator's message), never from Object.prototype. */
function translated(template: string): string {
  const table = currentTable();
  return table && Object.hasOwn(table, template) ? table[template]! : template;
}

/** The engine's words (openclaw/issues.ts) in the current language, nested words included. */
export function tWords(w: Words): string {
  return formatWords(w, translated);
}

/** An engine issue's message in the current language (in English, or when it was not made from words, the message itself). */
export function issueMessage(issue: Pick<SourceIssue, 'message' | 'words'>): string {
  return issue.words && currentTable() ? tWords(issue.words) : issue.message;
}
