/**
 * The language server's own words (diagnostics, quick fixes, lenses, completions) in the client's
 * display language, as the client's strings follow it: English in the sources, French in
 * serverL10n.fr.json keyed by the English text (the engine's message templates in engineWords.fr.json). The locale comes from the LSP `initialize`
 * request; the store-check worker gets it with each request.
 */
import fr from './serverL10n.fr.json';
import engineFr from './engineWords.fr.json';
import { formatWords, type SourceIssue, type Words } from './openclaw/issues.js';

/** The server's own strings, and the engine's message templates (openclaw/issues.ts `words`) in a table of their own. */
const TABLES: Record<string, Record<string, string>> = { fr: { ...engineFr, ...fr } };
let table: Record<string, string> | undefined;
let current = 'en';

/** `locale` as LSP sends it (`fr`, `fr-CA`, `en-US`); unknown languages fall back to English. */
export function setServerLocale(locale: string | undefined): void {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  table = Object.hasOwn(TABLES, language) ? TABLES[language] : undefined;
  current = table ? language : 'en';
}

export function serverLocale(): string {
  return current;
}

/** `message` in the current language, `{0}`, `{1}`… replaced by `args`. */
export function t(message: string, ...args: (string | number)[]): string {
  const template = translated(message);
  return template.replace(/\{(\d+)\}/g, (all, i: string) => (args[Number(i)] === undefined ? all : String(args[Number(i)])));
}

/** Own keys only: a template may come from outside (a schema validator's message), never from Object.prototype. */
function translated(template: string): string {
  return table && Object.hasOwn(table, template) ? table[template]! : template;
}

/** The engine's words (openclaw/issues.ts) in the current language, nested words included. */
export function tWords(w: Words): string {
  return formatWords(w, translated);
}

/** An engine issue's message in the current language (the English one when it was not made from words). */
export function issueMessage(issue: Pick<SourceIssue, 'message' | 'words'>): string {
  return issue.words ? tWords(issue.words) : issue.message;
}
