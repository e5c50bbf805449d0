/**
 * The language server's own words ship in English and French: each t('…') literal in server/src
 * has a French entry with the same placeholders, each French entry is used, and the locale the
 * client sends picks the language.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { issueMessage, serverLocale, setServerLocale, t } from '../../server/src/serverL10n.ts';
import { expiryWords } from '../../server/src/diagnostics/timeWords.ts';
import { formatWords, issue, validatorWords, words } from '../../server/src/openclaw/issues.ts';
import { authStoreFileSchema } from '../../server/src/openclaw/stores/storeSchema.ts';
import { describeParseError } from '../../server/src/openclaw/jsonLocate.ts';

const DAY_MS = 86_400_000;

const root = path.resolve(import.meta.dirname, '../..');
const fr = JSON.parse(fs.readFileSync(path.join(root, 'server/src/serverL10n.fr.json'), 'utf8')) as Record<string, string>;
/** The engine's message templates (openclaw/issues.ts `words`), in a table of their own. */
const engineFr = JSON.parse(fs.readFileSync(path.join(root, 'server/src/engineWords.fr.json'), 'utf8')) as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The messages of the t('…') calls of the files that import serverL10n, and how many calls there are. */
function serverMessages(): { messages: Set<string>; calls: number; literalCalls: number } {
  const messages = new Set<string>();
  let calls = 0;
  let literalCalls = 0;
  for (const file of sourceFiles(path.join(root, 'server/src'))) {
    const source = fs.readFileSync(file, 'utf8');
    if (!/from '(\.\.?\/)+serverL10n\.js'/.test(source)) continue;
    calls += source.match(/(?<![\w.])t\(/g)?.length ?? 0;
    for (const m of source.matchAll(/(?<![\w.])t\(\s*'((?:[^'\\\n]|\\.)*)'/g)) {
      literalCalls++;
      messages.add((m[1] ?? '').replace(/\\(.)/g, '$1'));
    }
  }
  return { messages, calls, literalCalls };
}

const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

after(() => setServerLocale(undefined));

test('every server message has a French entry with the same placeholders, and every French entry is used', () => {
  const { messages, calls, literalCalls } = serverMessages();
  assert.ok(messages.size >= 20, `found ${messages.size} messages`);
  assert.equal(literalCalls, calls, 'every t() call takes a string literal (a computed message cannot be checked)');
  for (const message of messages) {
    // A sentence the engine says too (as words) is translated once, in the engine's table.
    const french = Object.hasOwn(fr, message) ? fr[message] : Object.hasOwn(engineFr, message) ? engineFr[message] : undefined;
    assert.ok(french !== undefined, `no French for: ${message}`);
    assert.deepEqual(placeholders(french), placeholders(message), message);
  }
  for (const key of Object.keys(fr)) assert.ok(messages.has(key), `French entry never used: ${key}`);
  for (const key of Object.keys(fr)) assert.ok(!Object.hasOwn(engineFr, key), `in both tables: ${key}`);
});

/** The templates of the words('…') calls under server/src (the engine's, and the editor's findings made into issues). */
function engineTemplates(): Set<string> {
  const templates = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'server/src'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?<![\w.])words\(\s*'((?:[^'\\\n]|\\.)*)'/g)) templates.add((m[1] ?? '').replace(/\\(.)/g, '$1'));
  }
  return templates;
}

/** The messages OpenClaw's compiled config schema can give (string pieces joined, a computed piece as X), as templates. */
function configValidatorTemplates(): Set<string> {
  const source = fs.readFileSync(path.join(root, 'server/src/openclaw/generated/configModelsValidator.ts'), 'utf8');
  const templates = new Set<string>();
  for (const m of source.matchAll(/message:((?:"(?:[^"\\]|\\.)*"|\+|\w+)+)/g)) {
    const message = (m[1] ?? '').split('+').map((part) => (part.startsWith('"') ? (JSON.parse(part) as string) : 'X')).join('');
    templates.add(validatorWords(message).template);
  }
  return templates;
}

/** What zod says about the documented store shapes it rejects (its wording could change with an upgrade). */
function storeSchemaTemplates(): Set<string> {
  const bad = { version: 0, profiles: { a: { type: 'token', provider: ' ', expires: 9e15 }, b: { type: 'oauth', provider: 'x', expires: -1 }, c: { type: 'nope' }, e: { provider: 'x' }, f: 'text', d: { type: 'api_key', provider: 'x', keyRef: { source: 'vault', id: '' } } }, order: { x: [1] }, usageStats: { a: { lastUsed: 'y' } } };
  const result = authStoreFileSchema.safeParse(bad);
  assert.ok(!result.success);
  return new Set(result.error.issues.map((i) => validatorWords(i.message).template));
}

test('every engine template and validator message has a French entry with the same placeholders, and every entry is used', () => {
  const engine = engineTemplates();
  assert.ok(engine.size >= 30, `found ${engine.size} templates`);
  // jsonc-parser's syntax errors (ParseErrorCode 1..16), as the store's invalid-json finding names them.
  const parseErrors = Array.from({ length: 16 }, (_, i) => describeParseError(i + 1));
  const validators = new Set([...configValidatorTemplates(), ...storeSchemaTemplates(), ...parseErrors]);
  assert.ok(validators.size >= 15, `found ${validators.size} validator messages`);
  for (const template of [...engine, ...validators]) {
    assert.ok(Object.hasOwn(engineFr, template), `no French for: ${template}`);
    assert.deepEqual(placeholders(engineFr[template]!), placeholders(template), template);
  }
  const serverOnes = serverMessages().messages;
  for (const key of Object.keys(engineFr)) assert.ok(engine.has(key) || validators.has(key) || serverOnes.has(key), `French entry never used: ${key}`);
});

test('an engine issue keeps its English message for the CLI and is worded in French for a French client, nested words too', () => {
  const detail = validatorWords('Invalid input: expected number, received string');
  const found = issue('store/schema', 'warning', '/x', words('{0}: {1}.', words('"{0}"', 'usageStats.a.lastUsed'), detail), ['usageStats']);
  assert.equal(found.message, '"usageStats.a.lastUsed": Invalid input: expected number, received string.');
  assert.equal(formatWords(detail), 'Invalid input: expected number, received string');
  setServerLocale('fr');
  assert.equal(issueMessage(found), '« usageStats.a.lastUsed » : Entrée invalide : number attendu, string reçu.');
  // A message made from a plain string (no words) stays as it is.
  assert.equal(issueMessage({ message: 'plain' }), 'plain');
  setServerLocale('en');
  assert.equal(issueMessage(found), found.message);
});

test('the LSP locale picks the language; an unknown one falls back to English', () => {
  // Time left follows it too (diagnostics/timeWords.ts, with the words of every surface).
  setServerLocale('fr-CA');
  assert.equal(expiryWords(4 * DAY_MS, DAY_MS), 'expire dans 3 j');
  setServerLocale('de');
  assert.equal(expiryWords(4 * DAY_MS, DAY_MS), 'expires in 3d');
  setServerLocale('fr');
  assert.equal(t('Rename to {0}', 'OPENAI_API_KEY'), 'Renommer en OPENAI_API_KEY');
  setServerLocale(undefined);
  assert.equal(t('Rename to {0}', 'OPENAI_API_KEY'), 'Rename to OPENAI_API_KEY');
  for (const odd of ['constructor', '__proto__', 'toString']) {
    setServerLocale(odd);
    assert.equal(serverLocale(), 'en', odd);
  }
});
