/**
 * The client's display language as the language server follows it (LSP `initialize` `locale`),
 * apart from the string tables (serverL10n.ts): the store-check worker, which runs inside the CLI
 * bundle, needs the language for time-left words but must not carry the tables along.
 */
const LANGUAGES = new Set(['en', 'fr']);
let current = 'en';

/** `locale` as LSP sends it (`fr`, `fr-CA`, `en-US`); unknown languages fall back to English. */
export function setServerLocale(locale: string | undefined): void {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  current = LANGUAGES.has(language) ? language : 'en';
}

export function serverLocale(): string {
  return current;
}
