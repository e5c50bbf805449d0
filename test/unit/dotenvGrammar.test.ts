import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';

const root = path.resolve(import.meta.dirname, '..', '..');
const grammarFile = path.join(root, 'syntaxes', 'dotenv.tmLanguage.json');
let grammar: IGrammar;

before(async () => {
  const wasm = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'source.dotenv' ? parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile) : null),
  });
  const loaded = await registry.loadGrammar('source.dotenv');
  assert.ok(loaded);
  grammar = loaded;
});

/** Each token of the lines as `text` → its innermost scope (the state carries over, as in an editor). */
function tokenize(lines: string[]): { text: string; scopes: string[] }[][] {
  let state: StateStack = INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The innermost scope of the token(s) that spell `text` on the line (they must all share it). */
function scopeOf(tokens: { text: string; scopes: string[] }[], text: string): string {
  const found = tokens.find((t) => t.text === text);
  assert.ok(found, `a token "${text}" in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return found.scopes.at(-1)!;
}

// The corpus: every line shape dotenv reads (envLines.ts mirrors its grammar), with the scopes expected.
const corpus: [string, [string, string][]][] = [
  ['# a comment', [['#', 'punctuation.definition.comment.dotenv'], [' a comment', 'comment.line.number-sign.dotenv']]],
  ['ANTHROPIC_API_KEY=sk-ant-api03-abc', [['ANTHROPIC_API_KEY', 'variable.other.env.dotenv'], ['=', 'keyword.operator.assignment.dotenv'], ['sk-ant-api03-abc', 'string.unquoted.dotenv']]],
  ['export OPENAI_API_KEY=sk-1', [['export', 'storage.modifier.export.dotenv'], ['OPENAI_API_KEY', 'variable.other.env.dotenv'], ['sk-1', 'string.unquoted.dotenv']]],
  ['  SPACED = value with spaces  # note', [['SPACED', 'variable.other.env.dotenv'], ['value with spaces', 'string.unquoted.dotenv'], ['#', 'punctuation.definition.comment.dotenv'], [' note', 'comment.line.number-sign.dotenv']]],
  ['CUT=abc#def', [['abc', 'string.unquoted.dotenv'], ['#', 'punctuation.definition.comment.dotenv'], ['def', 'comment.line.number-sign.dotenv']]],
  ['DQ="a b # not a comment"', [['"', 'punctuation.definition.string.begin.dotenv'], ['a b # not a comment', 'string.quoted.double.dotenv']]],
  ["SQ='literal ${NOT}'", [["literal ${NOT}", 'string.quoted.single.dotenv']]],
  ['BQ=`back quoted`', [['back quoted', 'string.quoted.other.backtick.dotenv']]],
  ['ESC="line\\nnext"', [['\\n', 'constant.character.escape.dotenv']]],
  ['URL=https://${HOST}:8080/v1', [['https://', 'string.unquoted.dotenv'], ['${', 'punctuation.definition.interpolation.begin.dotenv'], ['HOST', 'variable.other.interpolated.dotenv'], ['}', 'punctuation.definition.interpolation.end.dotenv'], [':8080/v1', 'string.unquoted.dotenv']]],
  ['DEF="${BASE:-fallback}/x"', [['BASE', 'variable.other.interpolated.dotenv'], [':-', 'keyword.operator.default.dotenv']]],
  ['SHORT=$HOME/bin', [['$', 'punctuation.definition.interpolation.begin.dotenv'], ['HOME', 'variable.other.interpolated.dotenv']]],
  ['YAML_STYLE: value', [['YAML_STYLE', 'variable.other.env.dotenv'], [':', 'keyword.operator.assignment.dotenv'], ['value', 'string.unquoted.dotenv']]],
  ['dotted.name-x=1', [['dotted.name-x', 'variable.other.env.dotenv'], ['1', 'string.unquoted.dotenv']]],
  ['QUOTED="x" # after', [['x', 'string.quoted.double.dotenv'], [' after', 'comment.line.number-sign.dotenv']]],
];

test('dotenv grammar: each line of the corpus gets the expected scopes', () => {
  for (const [line, expected] of corpus) {
    const [tokens] = tokenize([line]);
    for (const [text, scope] of expected) assert.equal(scopeOf(tokens!, text), scope, `${line}: "${text}"`);
  }
});

test('dotenv grammar: a line that is not an assignment is not coloured as one', () => {
  const [tokens] = tokenize(['just some words']);
  assert.deepEqual(tokens!.map((t) => t.scopes), [['source.dotenv']]);
});

test('dotenv grammar: a double-quoted value spans lines as dotenv reads it, and the next line is a key again', () => {
  const [first, second, third] = tokenize(['MULTI="first', 'second"', 'NEXT=1']);
  assert.equal(scopeOf(first!, 'first'), 'string.quoted.double.dotenv');
  assert.equal(scopeOf(second!, 'second'), 'string.quoted.double.dotenv');
  assert.equal(scopeOf(third!, 'NEXT'), 'variable.other.env.dotenv');
});

test('the manifest contributes the grammar for a dotenv language that covers .env files and gateway.env', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { languages: { id: string; filenames?: string[]; filenamePatterns?: string[]; configuration?: string }[]; grammars: { language: string; scopeName: string; path: string }[] };
  };
  const language = manifest.contributes.languages.find((l) => l.id === 'dotenv');
  assert.ok(language);
  assert.ok(language.filenames?.includes('.env') && language.filenames.includes('gateway.env'));
  assert.ok(language.filenamePatterns?.includes('.env.*'));
  assert.ok(fs.existsSync(path.join(root, language.configuration!)));
  const contributed = manifest.contributes.grammars.find((g) => g.language === 'dotenv');
  assert.equal(contributed?.scopeName, 'source.dotenv');
  assert.equal(path.resolve(root, contributed!.path), grammarFile);
});
