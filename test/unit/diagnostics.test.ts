import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { classifyDocument, diagnoseDocument, type DocumentContext } from '../../server/src/diagnostics/documentDiagnostics.ts';
import { scanEnvText } from '../../server/src/diagnostics/envLines.ts';
import { codeDocUrl, DIAGNOSTIC_SOURCE } from '../../server/src/diagnostics/issueDiagnostic.ts';
import { locateCredential, locateEnvVariable, locateJsonPath } from '../../server/src/features/locateCredential.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';

/** Part of every secret below; no diagnostic message may contain it. */
const CANARY = 'CANARYxDIAGxMIDDLE';
const setupToken = `sk-ant-oat01-${CANARY}${'T'.repeat(80)}`;
const apiKey = `sk-ant-api03-${CANARY}${'K'.repeat(40)}`;

const WS = '/work/project';
const ctx: DocumentContext = { workspaceFolders: [WS] };

/** `[code, "line:col-line:col", severity]`, the part of a diagnostic a row asserts. */
function summary(d: Diagnostic): [string, string, DiagnosticSeverity | undefined] {
  const r = d.range;
  return [String(d.code), `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`, d.severity];
}

function diagnose(file: string, text: string, context = ctx): Diagnostic[] {
  const diagnostics = diagnoseDocument(TextDocument.create(`file://${file}`, 'json', 1, text), file, context);
  for (const d of diagnostics) {
    assert.ok(!JSON.stringify(d).includes(CANARY), `secret in ${String(d.code)}`);
    assert.equal(d.source, DIAGNOSTIC_SOURCE);
    assert.equal(d.codeDescription?.href, codeDocUrl(String(d.code)));
  }
  return diagnostics;
}

const E = DiagnosticSeverity.Error;
const W = DiagnosticSeverity.Warning;
const STORE = '/home/u/.openclaw/agents/main/agent/auth-profiles.json';

/** One row per rule: the file, its text, and exactly the diagnostics expected. */
const rows: { name: string; file: string; text: string; expected: ReturnType<typeof summary>[] }[] = [
  { name: 'valid store', file: STORE, text: `{"version":1,"profiles":{"anthropic:a":{"type":"api_key","provider":"anthropic","key":"${apiKey}"}}}`, expected: [] },
  { name: 'syntax error at the missing comma', file: STORE, text: '{\n  "version": 1\n  "profiles": {}\n}', expected: [['store/invalid-json', '2:2-2:12', E]] },
  { name: 'setup-token stored as an API key, on the secret value (its range only)', file: STORE, text: `{"version":1,"profiles":{\n"anthropic:a":{"type":"api_key","provider":"anthropic","key":"${setupToken}"}}}`, expected: [['profile/setup-token-as-api-key', '1:61-1:174', E]] },
  { name: 'expires in seconds, on the value', file: STORE, text: `{"version":1,"profiles":{\n"anthropic:t":{"type":"token","provider":"anthropic","token":"${setupToken}",\n"expires":1790000000}}}`, expected: [['profile/expires-in-seconds', '2:10-2:20', E]] },
  { name: 'unknown type, on the type value', file: STORE, text: '{"version":1,"profiles":{\n  "x:y":{"type":"apikey","provider":"x"}}}', expected: [['store/invalid-type', '1:16-1:24', E]] },
  { name: 'order names an unknown profile', file: STORE, text: '{"version":1,"profiles":{},"order":{"anthropic":["anthropic:nope"]}}', expected: [['store/order-unknown-profile', '0:49-0:65', W]] },
  { name: 'legacy flat shape', file: '/tmp/x/auth-profiles.json', text: `{"openrouter":{"apiKey":"${apiKey}"}}`, expected: [['store/legacy-flat', '0:0-0:0', E]] },
  { name: 'openclaw.json: JSON5 comments and trailing commas are fine', file: '/home/u/.openclaw/openclaw.json', text: '// mine\n{ agents: { list: [{ id: "main" },], }, }\n', expected: [] },
  { name: 'openclaw.json: syntax error where JSON5 stops', file: '/home/u/.openclaw/openclaw.json', text: '{\n  agents: { list: [ }\n}', expected: [['config/invalid-json5', '1:20-1:21', E]] },
  { name: 'openclaw.json: not an object', file: '/home/u/.openclaw/openclaw.json', text: '[1]', expected: [['config/not-an-object', '0:0-0:0', E]] },
  { name: 'openclaw.json: a model without its name makes OpenClaw refuse the config', file: '/home/u/.openclaw/openclaw.json', text: '{"models":{"providers":{"lmstudio":{"models":[{"id":"llama3"}]}}}}', expected: [['config/provider-entry-invalid', '0:46-0:61', E]] },
  { name: 'openclaw.json: an unknown provider setting, at its key', file: '/home/u/.openclaw/openclaw.json', text: '{\n  "models": {"providers": {"groq": {"apiKey": "k", "bogus": 1}}}\n}', expected: [['config/provider-entry-invalid', '1:51-1:58', E]] },
  { name: 'openclaw.json: without a resolved state, env references are not judged', file: '/home/u/.openclaw/openclaw.json', text: '{"models":{"providers":{"anthropic":{"apiKey":{"source":"env","provider":"default","id":"NOPE_UNSET"}}}}}', expected: [] },
  { name: 'workspace .env: provider key ignored by OpenClaw', file: `${WS}/.env`, text: `# keys\nexport ANTHROPIC_API_KEY=${apiKey}\nPORT=1\n`, expected: [['env/workspace-key-ignored', '1:7-1:24', W]] },
  { name: 'gateway.env: provider keys are fine there; skipped line, odd name and duplicate are not', file: '/home/u/.config/openclaw/gateway.env', text: `ANTHROPIC_API_KEY=${apiKey}\n${setupToken}\nMY.KEY=1\nANTHROPIC_API_KEY=x\n`, expected: [['env/ignored-line', '1:0-1:111', W], ['env/duplicate-key', '0:0-0:17', W], ['env/non-portable-key', '2:0-2:6', W]] },
  { name: 'a secret pasted before an = is flagged without being repeated', file: `${WS}/.env`, text: `${setupToken}=1\n`, expected: [['env/non-portable-key', `0:0-0:${setupToken.length}`, W]] },
  { name: 'a .env outside the workspace root is not a file OpenClaw reads', file: `${WS}/sub/.env`, text: 'garbage line\n', expected: [] },
  { name: 'unrelated JSON', file: `${WS}/package.json`, text: '{', expected: [] },
];

describe('diagnostics per file kind (unsaved text)', () => {
  for (const row of rows) {
    test(row.name, () => {
      assert.deepEqual(diagnose(row.file, row.text).map(summary), row.expected);
    });
  }
});

describe('context from the resolved state', () => {
  const homes: string[] = [];
  after(() => {
    for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
  });

  test('the state .env and a moved config are recognised by path', () => {
    const home = tempHome('oc-diag-');
    homes.push(home);
    const configPath = path.join(home, 'conf', 'gateway-config.json5');
    materializeCase({ files: { 'conf/gateway-config.json5': '{}' } }, home);
    const state = loadOpenClawState({ env: { HOME: home, OPENCLAW_CONFIG_PATH: configPath }, mode: 'daemon' });
    const withState: DocumentContext = { state, workspaceFolders: [] };
    assert.deepEqual(classifyDocument(configPath, withState), { kind: 'config' });
    assert.deepEqual(classifyDocument(state.envFile, withState), { kind: 'env', role: 'state' });
    assert.deepEqual(diagnose(configPath, '{ oops', withState).map((d) => d.code), ['config/invalid-json5']);
    // The state .env may hold provider keys: no workspace warning there.
    assert.deepEqual(diagnose(state.envFile, `ANTHROPIC_API_KEY=${apiKey}\n`, withState), []);
  });

  test('openclaw.json: a reference only the gateway can resolve, judged against the state\'s environment', () => {
    const home = tempHome('oc-diag-');
    homes.push(home);
    materializeCase({ files: { '.openclaw/.env': 'SET_IN_DOTENV=sk-CANARY-xxxxxxxxxxxxxxxxxxxx\n' } }, home);
    const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
    const withState: DocumentContext = { state, workspaceFolders: [] };
    const configPath = path.join(home, '.openclaw/openclaw.json');
    const ref = (id: string) => `{"models":{"providers":{"anthropic":{"apiKey":{"source":"env","provider":"default","id":"${id}"}}}}}`;
    const unset = diagnose(configPath, ref('NOPE_UNSET'), withState);
    assert.deepEqual(unset.map((d) => [d.code, d.severity]), [['config/secret-needs-gateway', E]]);
    assert.match(String(unset[0]?.message ?? ''), /NOPE_UNSET is not set/);
    assert.deepEqual(diagnose(configPath, ref('SET_IN_DOTENV'), withState), []);
  });

  test('SQLite era: an auth-profiles.json on disk is flagged as ignored or awaiting migration', () => {
    const home = tempHome('oc-diag-');
    homes.push(home);
    const store = path.join(home, '.openclaw/agents/main/agent/auth-profiles.json');
    materializeCase({ files: {
      '.openclaw/openclaw.json': { meta: { lastTouchedVersion: '2026.9.6' } },
      '.openclaw/agents/main/agent/auth-profiles.json': { version: 1, profiles: {} },
    } }, home);
    const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
    const codes = diagnose(store, '{"version":1,"profiles":{}}', { state, workspaceFolders: [] }).map((d) => d.code);
    assert.equal(state.layout.kind, 'sqlite');
    assert.equal(codes.length, 1);
    assert.match(String(codes[0]), /^store\/retired-json-(ignored|needs-migration)$/);
  });
});

describe('env file layout', () => {
  test('assignments with export, colon, quotes over lines and comments; skipped lines', () => {
    const text = '# c\nexport A=1\nnot a line\nB="x\ny"\r\n  C: 3 # hi\n1BAD=2\nA=5\n';
    const { assignments, ignoredLines } = scanEnvText(text);
    assert.deepEqual(assignments.map((a) => [a.key, text.slice(a.start, a.end), text.slice(a.keyStart, a.keyEnd)]), [
      ['A', 'export A=1', 'A'], ['B', 'B="x\ny"', 'B'], ['C', 'C: 3 # hi', 'C'], ['1BAD', '1BAD=2', '1BAD'], ['A', 'A=5', 'A'],
    ]);
    assert.deepEqual(ignoredLines.map((l) => text.slice(l.start, l.end)), ['not a line']);
  });
});

describe('locating credentials on disk', () => {
  test('a profile property in a store, and the last assignment of a variable', () => {
    const dir = tempHome('oc-locate-');
    try {
      const store = path.join(dir, 'auth-profiles.json');
      fs.writeFileSync(store, '{\n  "version": 1,\n  "profiles": {\n    "a:b": { "type": "api_key" }\n  }\n}\n');
      const located = locateJsonPath(store, ['profiles', 'a:b']);
      assert.ok(located.found);
      assert.deepEqual(located.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 32 } });
      assert.deepEqual(locateJsonPath(store, ['profiles', 'x']), { found: false, reason: 'not-found' });
      assert.deepEqual(locateJsonPath(path.join(dir, 'none.json'), ['profiles']), { found: false, reason: 'no-file' });
      const env = path.join(dir, '.env');
      fs.writeFileSync(env, 'K=1\n# x\nK=2\n');
      const line = locateEnvVariable(env, 'K');
      assert.ok(line.found);
      assert.deepEqual(line.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('by reference: SQLite stores and the process environment cannot be opened; inherited profiles open in main; config keys in openclaw.json', () => {
    const home = tempHome('oc-locate-');
    try {
      materializeCase({ files: {
        '.openclaw/openclaw.json': '{\n  // keys\n  models: { providers: { openai: { apiKey: "sk-x" } } },\n  agents: { list: [{ id: "main" }, { id: "ops" }] },\n}\n',
        '.openclaw/agents/main/agent/auth-profiles.json': { version: 1, profiles: { 'anthropic:m': { type: 'api_key', provider: 'anthropic', key: apiKey } } },
      } }, home);
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      const inherited = locateCredential(state, { kind: 'profile', agentId: 'ops', profileId: 'anthropic:m' });
      assert.ok(inherited.found);
      assert.ok(inherited.uri.endsWith('/.openclaw/agents/main/agent/auth-profiles.json'));
      const configKey = locateCredential(state, { kind: 'config-key', provider: 'openai' });
      assert.ok(configKey.found, 'JSON5 comments and unquoted keys are tolerated');
      assert.deepEqual(configKey.range.start, { line: 2, character: 35 });
      assert.deepEqual(locateCredential(state, { kind: 'profile', agentId: 'ghost', profileId: 'x' }), { found: false, reason: 'not-found' });
      assert.deepEqual(locateCredential(state, { kind: 'env', variable: 'X', file: '' }), { found: false, reason: 'process-env' });

      materializeCase({ files: { '.openclaw/openclaw.json': { meta: { lastTouchedVersion: '2026.9.6' } } } }, home);
      const sqlite = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      assert.equal(sqlite.layout.kind, 'sqlite');
      assert.deepEqual(locateCredential(sqlite, { kind: 'profile', agentId: 'main', profileId: 'anthropic:m' }), { found: false, reason: 'sqlite' });
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
