/**
 * The language server's own words (diagnostics, quick fixes, lenses, completions) in the client's
 * display language, as the client's strings follow it: English in the sources, French in
 * serverL10n.fr.json keyed by the English text. The locale comes from the LSP `initialize`
 * request; the store-check worker gets it with each request.
 */
import fr from './serverL10n.fr.json';

const TABLES: Record<string, Record<string, string>> = { fr };
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
  const template = table?.[message] ?? message;
  return template.replace(/\{(\d+)\}/g, (all, i: string) => (args[Number(i)] === undefined ? all : String(args[Number(i)])));
}
