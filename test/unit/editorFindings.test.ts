import assert from 'node:assert/strict';
import { test } from 'node:test';
import dotenv from 'dotenv';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { quickFixes } from '../../server/src/features/quickFixes.ts';
import { suggestEnvKey } from '../../server/src/diagnostics/envKeySpelling.ts';
import { scanEnvText } from '../../server/src/diagnostics/envLines.ts';
import { findCutValue } from '../../server/src/diagnostics/envValueCut.ts';
import { expiryWords, spanWords } from '../../server/src/diagnostics/timeWords.ts';
import { catalogs } from '../../server/src/openclaw/env/providerCatalog.ts';

const known = catalogs['2026.6.1'].allEnvVariables();

test('misspelled provider keys get the name OpenClaw reads; names it reads or unrelated ones get none', () => {
  assert.equal(suggestEnvKey('ANTROPIC_API_KEY', known), 'ANTHROPIC_API_KEY');
  assert.equal(suggestEnvKey('ANTHORPIC_API_KEY', known), 'ANTHROPIC_API_KEY', 'two letters swapped');
  assert.equal(suggestEnvKey('OPENAI_APIKEY', known), 'OPENAI_API_KEY');
  assert.equal(suggestEnvKey('openai_api_key', known), 'OPENAI_API_KEY');
  assert.equal(suggestEnvKey('OPEN_AI_API_KEY', known), 'OPENAI_API_KEY');
  for (const name of ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'PATH', 'EDITOR', 'MY_APP_PORT', 'DATABASE_URL', 'NODE_ENV']) {
    assert.equal(suggestEnvKey(name, known), undefined, name);
  }
});

test('a value dotenv cuts at "#" is found exactly where dotenv cuts it, and only there', () => {
  // line, and whether dotenv loses part of what follows `=` (a trailing ` # note` is a comment, meant as one).
  const rows: [string, boolean][] = [
    ['A=abc#def', true], ['B=#all', true], ['C=abc #comment', false], ["D='abc#def'", false], ['E="abc#def"', false],
    ['F=plain', false], ['G = x#y  ', true], ['H=', false], ['export I=a#b', true], ['J=a\t#b', false],
  ];
  for (const [line, cuts] of rows) {
    const [assignment] = scanEnvText(line).assignments;
    assert.ok(assignment, line);
    const cut = findCutValue(line, assignment.keyEnd);
    assert.equal(cut !== undefined, cuts, line);
    const read = dotenv.parse(line)[assignment.key] ?? '';
    if (cut) {
      const written = line.slice(cut.start, cut.end);
      assert.ok(read.length < written.length && written.startsWith(read), `${line}: dotenv reads ${JSON.stringify(read)}`);
    }
  }
});

test('time in words rounds as the status bar does', () => {
  const MIN = 60_000;
  assert.equal(spanWords(30_000), '1m');
  assert.equal(spanWords(59 * MIN), '59m');
  assert.equal(spanWords(3 * 60 * MIN + 20 * MIN), '3h');
  assert.equal(spanWords(47 * 60 * MIN), '47h');
  assert.equal(spanWords(49 * 60 * MIN), '2d');
  assert.equal(expiryWords(1000 + 3 * 60 * MIN, 1000), 'expires in 3h');
  assert.equal(expiryWords(1000, 1000 + 50 * 60 * MIN), 'expired 2d ago');
});

test('quick fixes ignore diagnostics of other sources and codes that are names of Object.prototype', () => {
  const doc = TextDocument.create('file:///x/auth-profiles.json', 'json', 1, '{"version":1,"profiles":{}}');
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  const sent = ['toString', 'constructor', '__proto__', 'hasOwnProperty'].map((code) => ({ range, message: '', code, source: 'openclaw-auth' }));
  assert.deepEqual(quickFixes(doc, [...sent, { range, message: '', code: 'store/unwrapped-profiles', source: 'someone-else' }]), []);
});
