/**
 * Every user-facing string of the client ships in English and French: each vscode.l10n.t literal in
 * client/src has an entry in l10n/bundle.l10n.json and a French one in l10n/bundle.l10n.fr.json with
 * the same placeholders, and every %key% of package.json exists in both package.nls files.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');

function readJson(rel: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The message of each `l10n.t('…')` call, as the running code sees it (escapes resolved). */
export function l10nMessages(source: string): { messages: string[]; calls: number } {
  const messages: string[] = [];
  for (const match of source.matchAll(/l10n\.t\(\s*'((?:[^'\\\n]|\\.)*)'/g)) {
    const literal = match[1] ?? '';
    messages.push(literal.replace(/\\(.)/g, (_all, ch: string) => (ch === 'n' ? '\n' : ch)));
  }
  return { messages, calls: source.match(/l10n\.t\(/g)?.length ?? 0 };
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
}

const clientMessages = new Set<string>();
for (const file of sourceFiles(path.join(root, 'client/src'))) {
  const { messages, calls } = l10nMessages(fs.readFileSync(file, 'utf8'));
  test(`${path.relative(root, file)}: every l10n.t call takes a string literal`, () => {
    assert.equal(messages.length, calls, 'a call with a computed message cannot be translated by the bundle');
  });
  for (const m of messages) clientMessages.add(m);
}

test('the extractor resolves escapes and finds every call', () => {
  const { messages, calls } = l10nMessages("vscode.l10n.t('a'); vscode.l10n.t( 'it\\'s {0}', x); l10n.t(name)");
  assert.deepEqual(messages, ['a', "it's {0}"]);
  assert.equal(calls, 3);
});

test('client/src uses l10n at all (the extractor is looking at the right files)', () => {
  assert.ok(clientMessages.size > 20, `only ${clientMessages.size} messages found`);
});

test('l10n/bundle.l10n.json lists exactly the messages in client/src', () => {
  const bundle = readJson('l10n/bundle.l10n.json') as Record<string, string>;
  assert.deepEqual(Object.keys(bundle).sort(), [...clientMessages].sort());
  for (const [key, value] of Object.entries(bundle)) assert.equal(value, key);
});

test('every client message has a French translation with the same placeholders', () => {
  const fr = readJson('l10n/bundle.l10n.fr.json') as Record<string, unknown>;
  const missing = [...clientMessages].filter((m) => typeof fr[m] !== 'string' || (fr[m] as string).trim() === '');
  assert.deepEqual(missing, [], 'messages without a French entry');
  for (const m of clientMessages) assert.deepEqual(placeholders(fr[m] as string), placeholders(m), `placeholders of "${m}"`);
  const stale = Object.keys(fr).filter((k) => !clientMessages.has(k));
  assert.deepEqual(stale, [], 'French entries for messages the code no longer uses');
});

function nlsKeys(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    const m = /^%([^%]+)%$/.exec(value);
    if (m?.[1]) into.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) nlsKeys(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) nlsKeys(v, into);
  }
  return into;
}

test('every %key% in package.json exists in package.nls.json and package.nls.fr.json', () => {
  const keys = nlsKeys(readJson('package.json'), new Set());
  assert.ok(keys.has('displayName') && keys.has('command.check'), 'package.json keys not found');
  const en = readJson('package.nls.json') as Record<string, string>;
  const fr = readJson('package.nls.fr.json') as Record<string, string>;
  for (const key of keys) {
    assert.ok(en[key]?.trim(), `package.nls.json lacks ${key}`);
    assert.ok(fr[key]?.trim(), `package.nls.fr.json lacks ${key}`);
  }
  assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort(), 'both nls files hold the same keys');
  // Command links in welcome content must survive translation, or the French buttons do nothing.
  for (const key of Object.keys(en)) {
    const links = (text: string) => [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]).sort();
    assert.deepEqual(links(fr[key] ?? ''), links(en[key] ?? ''), `links of ${key}`);
  }
});
