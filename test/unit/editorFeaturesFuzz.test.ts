import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnoseEnvFile } from '../../server/src/diagnostics/envDiagnostics.ts';
import { storeDiagnostics } from '../../server/src/diagnostics/storeDiagnostics.ts';
import { editorStoreIssues } from '../../server/src/diagnostics/editorStoreIssues.ts';
import { completionsAt } from '../../server/src/features/completions.ts';
import { expiryLenses } from '../../server/src/features/expiryLenses.ts';
import { quickFixes } from '../../server/src/features/quickFixes.ts';
import { catalogs } from '../../server/src/openclaw/env/providerCatalog.ts';

// EDITOR_FUZZ_RUNS=100000 for the long run by hand; the unit suite runs a few hundred per kind, seeded.
const RUNS = Number(process.env.EDITOR_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.EDITOR_FUZZ_SEED ?? 20261130);
const CANARY = 'CANARYxFUZZxEDITOR';
const NOW = Date.UTC(2026, 10, 30, 12);
const catalog = catalogs['2026.6.1'];
const STORE = '/home/u/.openclaw/agents/main/agent/auth-profiles.json';

const secret = fc.constantFrom(`sk-ant-oat01-${CANARY}${'Q'.repeat(80)}`, `sk-ant-oat01-${CANARY}`, `sk-ant-api03-${CANARY}${'W'.repeat(40)}`, `sk-${CANARY}#x`, `a\n${CANARY}b`);
const provider = fc.constantFrom('anthropic', 'openai', 'openai-codex', 'openrouter', ' Anthropic ', '', 'x');
const expires = fc.oneof(
  fc.integer({ min: -10 * 86_400_000, max: 40 * 86_400_000 }).map((d) => NOW + d),
  fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }),
  fc.constantFrom(0, -1, 8.7e15, 1.5),
  fc.constant('soon'),
);
const profile = fc.record({
  type: fc.constantFrom('api_key', 'token', 'oauth', 'api-key', 'bogus', 'constructor', 'toString', undefined),
  provider: fc.option(provider, { nil: undefined }),
  key: fc.option(secret, { nil: undefined }),
  token: fc.option(secret, { nil: undefined }),
  access: fc.option(secret, { nil: undefined }),
  accessToken: fc.option(secret, { nil: undefined }),
  refresh: fc.option(secret, { nil: undefined }),
  expires: fc.option(expires, { nil: undefined }),
}, { requiredKeys: [] });
const profileId = fc.constantFrom('anthropic:a', 'anthropic:b', 'openai:main', 'openai-codex:x', 'x', '__proto__', 'toString', 'openrouter:r');
const storeValue = fc.record({
  version: fc.option(fc.constantFrom(1, 2, '1'), { nil: undefined }),
  profiles: fc.dictionary(profileId, fc.oneof(profile, fc.constant(null), fc.constant('str')), { maxKeys: 6 }),
  order: fc.option(fc.dictionary(provider, fc.array(fc.oneof(profileId, fc.constant('gone:id')), { maxLength: 4 }), { maxKeys: 3 }), { nil: undefined }),
}, { requiredKeys: ['profiles'] });
/** A store as typed: whole, unwrapped, or cut / spliced at a random place (a keystroke mid-edit). */
const storeText = fc.tuple(storeValue, fc.boolean(), fc.nat(), fc.nat(), fc.constantFrom('', '"', '{', '}', ',', ':', '[', '#', '\n')).map(([value, unwrap, cut, at, insert]) => {
  const full = JSON.stringify(unwrap ? value.profiles : value, null, cut % 3);
  if (cut % 4 === 0) return full;
  const i = at % (full.length + 1);
  return cut % 4 === 1 ? full.slice(0, i) : full.slice(0, i) + insert + full.slice(i);
});
const envLine = fc.oneof(
  fc.tuple(fc.constantFrom('ANTHROPIC_API_KEY', 'ANTROPIC_API_KEY', 'openai_api_key', 'OPENAI_APIKEY', 'MY_VAR', '9BAD', 'a.b-c', 'export OPENAI_API_KEY'), fc.constantFrom('=', ' = ', ': ', '='), secret.map((s) => s.replace('\n', '')), fc.constantFrom('', ' # c', '#glued', '"', "'")).map(([k, eq, v, tail]) => `${k}${eq}${tail.startsWith('"') || tail.startsWith("'") ? `${tail}${v}${tail}` : `${v}${tail}`}`),
  fc.constantFrom('# comment', '', '   ', 'not an assignment', 'MULTI="a', 'b"', `${CANARY}`),
);
const envText = fc.array(envLine, { maxLength: 8 }).map((lines) => lines.join('\n'));

/** Every range inside the document, and nothing we send names a secret. */
function checkDiagnostics(doc: TextDocument, diagnostics: Diagnostic[]): void {
  const length = doc.getText().length;
  for (const d of diagnostics) {
    const start = doc.offsetAt(d.range.start);
    const end = doc.offsetAt(d.range.end);
    assert.ok(start <= end && end <= length, `${String(d.code)} range inside the text`);
    assert.ok(!JSON.stringify(d).includes(CANARY), `${String(d.code)} names a secret`);
  }
}

/** Each quick fix applies cleanly (no overlapping edits) and carries no secret. */
function checkFixes(doc: TextDocument, diagnostics: Diagnostic[]): void {
  for (const action of quickFixes(doc, diagnostics)) {
    assert.ok(!JSON.stringify(action).includes(CANARY), `the fix "${action.title}" carries a secret`);
    const edits = action.edit?.changes?.[doc.uri];
    if (edits) TextDocument.applyEdits(doc, edits);
  }
}

function checkCompletions(doc: TextDocument, kind: Parameters<typeof completionsAt>[2], at: number): void {
  const offset = at % (doc.getText().length + 1);
  const items = completionsAt(doc, doc.positionAt(offset), kind, { catalog, profiles: [{ id: 'anthropic:a', provider: 'anthropic' }] });
  assert.ok(!JSON.stringify(items).includes(CANARY), 'a completion names a secret');
}

test(`editor features on ${RUNS} generated stores: no throw, ranges inside, fixes apply, no secret anywhere`, () => {
  fc.assert(fc.property(storeText, fc.nat(), (text, at) => {
    const doc = TextDocument.create('file:///s/auth-profiles.json', 'json', 1, text);
    const diagnostics = storeDiagnostics(doc, STORE, editorStoreIssues(text, STORE, { now: NOW, warnMs: 86_400_000 }));
    checkDiagnostics(doc, diagnostics);
    checkFixes(doc, diagnostics);
    checkCompletions(doc, { kind: 'auth-store' }, at);
    const lenses = expiryLenses(doc, STORE, NOW, undefined);
    assert.ok(!JSON.stringify(lenses).includes(CANARY));
  }), { numRuns: RUNS, seed: SEED });
});

test(`editor features on ${RUNS} generated env files: no throw, ranges inside, fixes apply, no secret anywhere`, () => {
  fc.assert(fc.property(envText, fc.constantFrom('state', 'gateway', 'workspace', 'other') as fc.Arbitrary<'state' | 'gateway' | 'workspace' | 'other'>, fc.nat(), (text, role, at) => {
    const doc = TextDocument.create('file:///s/.env', 'dotenv', 1, text);
    const diagnostics = diagnoseEnvFile(doc, { role, catalog, stateEnvDisplay: '~/.openclaw/.env' });
    checkDiagnostics(doc, diagnostics);
    checkFixes(doc, diagnostics);
    checkCompletions(doc, { kind: 'env', role }, at);
  }), { numRuns: RUNS, seed: SEED });
});

test(`completions in ${RUNS} generated openclaw.json texts never throw`, () => {
  const config = fc.record({ auth: fc.record({ order: fc.dictionary(provider, fc.array(profileId, { maxLength: 3 })) }), agents: fc.record({ defaults: fc.record({ model: fc.oneof(fc.constant('anthropic/x'), fc.record({ primary: fc.string(), fallbacks: fc.array(fc.string(), { maxLength: 2 }) })) }) }) }, { requiredKeys: [] });
  fc.assert(fc.property(config, fc.nat(), fc.nat(), (value, cut, at) => {
    const full = JSON.stringify(value);
    const text = cut % 2 ? full : full.slice(0, cut % (full.length + 1));
    checkCompletions(TextDocument.create('file:///s/openclaw.json', 'json', 1, text), { kind: 'config' }, at);
  }), { numRuns: RUNS, seed: SEED });
});
