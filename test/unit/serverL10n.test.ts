/**
 * The language server's own words ship in English and French: each t('…') literal in server/src
 * has a French entry with the same placeholders, each French entry is used, and the locale the
 * client sends picks the language.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { serverLocale, setServerLocale, t } from '../../server/src/serverL10n.ts';
import { expiryWords } from '../../server/src/diagnostics/timeWords.ts';

const DAY_MS = 86_400_000;

const root = path.resolve(import.meta.dirname, '../..');
const fr = JSON.parse(fs.readFileSync(path.join(root, 'server/src/serverL10n.fr.json'), 'utf8')) as Record<string, string>;

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
    assert.ok(Object.hasOwn(fr, message), `no French for: ${message}`);
    assert.deepEqual(placeholders(fr[message]!), placeholders(message), message);
  }
  for (const key of Object.keys(fr)) assert.ok(messages.has(key), `French entry never used: ${key}`);
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
