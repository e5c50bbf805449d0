import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CodeActionRequest, DiagnosticSeverity, ExecuteCommandRequest, type CodeAction, type Diagnostic, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { tempHome } from '../support/fakeHome.ts';
import { startOnHome, stopAndClean, type LspServer } from './lspServer.ts';

/** The middle of every secret below: it must never cross the pipe (edits included). */
const CANARY = 'CANARYxEDITORxINTEL';
const setupToken = `sk-ant-oat01-${CANARY}${'Q'.repeat(80)}-tail`;
const apiKey = `sk-ant-api03-${CANARY}${'W'.repeat(40)}-kend`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function store(profiles: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 1, profiles, ...extra }, null, 2);
}

describe('editor intelligence over stdio: diagnostics on values, quick fixes', () => {
  let home: string;
  let stateDir: string;
  let server: LspServer;
  let versions = new Map<string, number>();
  let counter = 0;

  before(async () => {
    home = tempHome('oc-lsp-intel-');
    stateDir = path.join(home, '.openclaw');
    fs.mkdirSync(path.join(stateDir, 'agents', 'main', 'agent'), { recursive: true });
    fs.writeFileSync(path.join(stateDir, 'openclaw.json'), JSON.stringify({ agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } }));
    server = await startOnHome(home);
  });

  after(() => stopAndClean(server, home, CANARY));

  /** Opens `text` as a new file of that name (a fresh folder each time) and waits for its first diagnostics. */
  async function openFile(name: string, text: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true) {
    const dir = name === '.env' ? stateDir : path.join(home, `f${++counter}`);
    const file = path.join(dir, name);
    const uri = await server.open(file, text, name.endsWith('.json') ? 'json' : 'dotenv');
    versions.set(uri, 1);
    const published = await server.diagnosticsFor(uri, (p) => p.version === 1 && accept(p));
    return { uri, doc: TextDocument.create(uri, 'json', 1, text), published };
  }

  function only(published: PublishDiagnosticsParams, code: string): Diagnostic {
    const found = published.diagnostics.filter((d) => d.code === code);
    assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(published.diagnostics.map((d) => d.code))}`);
    return found[0]!;
  }

  /** Asks for the quick fix of `diagnostic`, applies its edit, sends the new text and waits for the re-check. */
  async function applyFix(uri: string, doc: TextDocument, diagnostic: Diagnostic) {
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1, `one quick fix for ${diagnostic.code}`);
    const action = actions[0]!;
    assert.equal(action.kind, 'quickfix');
    const edits = action.edit?.changes?.[uri];
    assert.ok(edits && edits.length > 0, 'the fix edits the document');
    const text = TextDocument.applyEdits(doc, edits);
    const version = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, version);
    await server.change(uri, version, text);
    const published = await server.diagnosticsFor(uri, (p) => p.version === version);
    return { text, published, action };
  }

  test('an expiring token and an expired OAuth access are marked on their expires values, in words', async () => {
    const now = Date.now();
    const text = store({
      'anthropic:soon': { type: 'token', provider: 'anthropic', token: setupToken, expires: now + 3 * HOUR + 20 * 60_000 },
      'openai-codex:old': { type: 'oauth', provider: 'openai-codex', access: `acc-${CANARY}`, refresh: `ref-${CANARY}`, expires: now - 2 * DAY - HOUR },
      'anthropic:later': { type: 'token', provider: 'anthropic', token: setupToken, expires: now + 30 * DAY },
    });
    const { doc, published } = await openFile('auth-profiles.json', text, (p) => p.diagnostics.length >= 2);
    const expiring = only(published, 'profile/expiring');
    assert.equal(expiring.severity, DiagnosticSeverity.Warning);
    assert.equal(doc.getText(expiring.range), String(now + 3 * HOUR + 20 * 60_000));
    assert.match(messageOf(expiring), /"anthropic:soon" expires in 3h/);
    const expired = only(published, 'profile/expired');
    assert.equal(expired.severity, DiagnosticSeverity.Error);
    assert.equal(doc.getText(expired.range), String(now - 2 * DAY - HOUR));
    assert.match(messageOf(expired), /"openai-codex:old" expired 2d ago/);
    assert.match(String(expired.codeDescription?.href), /diagnostics\.md#profile-expired$/);
  });

  test('the expiry diagnostic follows the clock: expiring becomes expired without an edit', async () => {
    const file = path.join(stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');
    const expires = Date.now() + 2500;
    const text = store({ 'anthropic:default': { type: 'token', provider: 'anthropic', token: setupToken, expires } });
    fs.writeFileSync(file, text, { mode: 0o600 });
    const uri = await server.open(file, text);
    const first = await server.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'profile/expiring'));
    assert.ok(!first.diagnostics.some((d) => d.code === 'profile/expired'));
    // The server's threshold timer (the status bar's) re-checks the open store when the token expires.
    const later = await server.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'profile/expired'), 15_000);
    assert.ok(Date.now() >= expires, 'not before the expiry');
    assert.ok(!later.diagnostics.some((d) => d.code === 'profile/expiring'));
  });

  test('a wrong value is marked on the value: unknown type, provider mismatch, wrong kind of secret', async () => {
    const text = store({
      'anthropic:typo': { type: 'api-key', provider: 'anthropic', key: apiKey },
      'openai:wrong': { type: 'api_key', provider: 'anthropic', key: apiKey },
      'anthropic:pasted': { type: 'api_key', provider: 'anthropic', key: setupToken },
    });
    const { doc, published } = await openFile('auth-profiles.json', text, (p) => p.diagnostics.length >= 3);
    assert.equal(doc.getText(only(published, 'store/invalid-type').range), '"api-key"');
    assert.equal(doc.getText(only(published, 'profile/id-provider-mismatch').range), '"anthropic"');
    const secret = only(published, 'profile/setup-token-as-api-key');
    assert.equal(doc.getText(secret.range), JSON.stringify(setupToken), 'the whole secret value is the range');
    assert.ok(!messageOf(secret).includes(CANARY));
  });

  test('quick fix: expires in seconds becomes milliseconds', async () => {
    const seconds = Math.floor(Date.now() / 1000) + 30 * 86400;
    const { uri, doc, published } = await openFile('auth-profiles.json', store({ 'anthropic:a': { type: 'token', provider: 'anthropic', token: setupToken, expires: seconds } }), (p) => p.diagnostics.length > 0);
    const d = only(published, 'profile/expires-in-seconds');
    assert.equal(doc.getText(d.range), String(seconds));
    const fixed = await applyFix(uri, doc, d);
    assert.equal((JSON.parse(fixed.text) as { profiles: Record<string, { expires: number }> }).profiles['anthropic:a']!.expires, seconds * 1000);
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('quick fix: a dangling id is removed from order', async () => {
    const { uri, doc, published } = await openFile('auth-profiles.json', store({ 'anthropic:a': { type: 'api_key', provider: 'anthropic', key: apiKey } }, { order: { anthropic: ['anthropic:gone', 'anthropic:a'] } }), (p) => p.diagnostics.length > 0);
    const d = only(published, 'store/order-unknown-profile');
    assert.equal(doc.getText(d.range), '"anthropic:gone"');
    const fixed = await applyFix(uri, doc, d);
    assert.deepEqual((JSON.parse(fixed.text) as { order: unknown }).order, { anthropic: ['anthropic:a'] });
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('quick fix: provider set to match the id', async () => {
    const { uri, doc, published } = await openFile('auth-profiles.json', store({ 'openai:main': { type: 'api_key', provider: 'anthropic', key: apiKey } }), (p) => p.diagnostics.length > 0);
    const fixed = await applyFix(uri, doc, only(published, 'profile/id-provider-mismatch'));
    assert.equal((JSON.parse(fixed.text) as { profiles: Record<string, { provider: string }> }).profiles['openai:main']!.provider, 'openai');
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('quick fix: a setup-token stored as api_key becomes a token profile (the secret never in the edit)', async () => {
    const { uri, doc, published } = await openFile('auth-profiles.json', store({ 'anthropic:p': { type: 'api_key', provider: 'anthropic', key: setupToken } }), (p) => p.diagnostics.length > 0);
    const fixed = await applyFix(uri, doc, only(published, 'profile/setup-token-as-api-key'));
    assert.deepEqual((JSON.parse(fixed.text) as { profiles: unknown }).profiles, { 'anthropic:p': { type: 'token', provider: 'anthropic', token: setupToken } });
    assert.ok(!JSON.stringify(fixed.action).includes(CANARY));
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('quick fix: a setup-token stored as oauth accessToken becomes a token profile', async () => {
    const expires = Date.now() + 300 * DAY;
    const { uri, doc, published } = await openFile('auth-profiles.json', store({ 'anthropic:o': { type: 'oauth', provider: 'anthropic', accessToken: setupToken, refresh: '', expires } }), (p) => p.diagnostics.some((d) => d.code === 'profile/oauth-access-token-field'));
    const fixed = await applyFix(uri, doc, only(published, 'profile/oauth-access-token-field'));
    assert.deepEqual((JSON.parse(fixed.text) as { profiles: unknown }).profiles, { 'anthropic:o': { type: 'token', provider: 'anthropic', token: setupToken, expires } });
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('quick fix: an Anthropic API key stored as a token becomes an api_key profile', async () => {
    const { uri, doc, published } = await openFile('auth-profiles.json', store({ 'anthropic:k': { type: 'token', provider: 'anthropic', token: apiKey } }), (p) => p.diagnostics.length > 0);
    const d = only(published, 'profile/api-key-as-token');
    assert.equal(doc.getText(d.range), JSON.stringify(apiKey));
    const fixed = await applyFix(uri, doc, d);
    assert.deepEqual((JSON.parse(fixed.text) as { profiles: unknown }).profiles, { 'anthropic:k': { type: 'api_key', provider: 'anthropic', key: apiKey } });
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('quick fix: unwrapped profiles are wrapped in { version, profiles }', async () => {
    const profiles = { 'anthropic:a': { type: 'api_key', provider: 'anthropic', key: apiKey } };
    const { uri, doc, published } = await openFile('auth-profiles.json', JSON.stringify(profiles, null, 2), (p) => p.diagnostics.length > 0);
    const fixed = await applyFix(uri, doc, only(published, 'store/unwrapped-profiles'));
    assert.deepEqual(JSON.parse(fixed.text), { version: 1, profiles });
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('a profile id written twice: the earlier one is flagged (JSON.parse drops it) and the fix removes it', async () => {
    const text = `{\n  "version": 1,\n  "profiles": {\n    "openai:main": { "type": "api_key", "provider": "openai", "key": "old-${CANARY}" },\n    "openai:main": { "type": "api_key", "provider": "openai", "key": "new-${CANARY}" }\n  }\n}\n`;
    const { uri, doc, published } = await openFile('auth-profiles.json', text, (p) => p.diagnostics.length > 0);
    const d = only(published, 'store/duplicate-key');
    assert.equal(d.range.start.line, 3, 'on the earlier one');
    assert.equal(doc.getText(d.range), '"openai:main"');
    const fixed = await applyFix(uri, doc, d);
    assert.deepEqual(JSON.parse(fixed.text), JSON.parse(text), 'what OpenClaw reads is unchanged');
    assert.equal(fixed.text.split('openai:main').length, 2, 'one definition left');
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('.env: a misspelled provider key is flagged and renamed to the name OpenClaw reads', async () => {
    for (const [typed, meant] of [['ANTROPIC_API_KEY', 'ANTHROPIC_API_KEY'], ['OPENAI_APIKEY', 'OPENAI_API_KEY'], ['anthropic_api_key', 'ANTHROPIC_API_KEY']] as const) {
      const { uri, doc, published } = await openFile('.env', `# keys\n${typed}=${apiKey}\n`, (p) => p.diagnostics.length > 0);
      const d = only(published, 'env/misspelled-key');
      assert.equal(doc.getText(d.range), typed);
      assert.match(messageOf(d), new RegExp(`did you mean ${meant}`));
      const fixed = await applyFix(uri, doc, d);
      assert.equal(fixed.text, `# keys\n${meant}=${apiKey}\n`);
      assert.deepEqual(fixed.published.diagnostics, []);
    }
  });

  test('.env: a key OpenClaw reads, or an unrelated name, is not called misspelled', async () => {
    const { published } = await openFile('.env', `ANTHROPIC_API_KEY=${apiKey}\nMY_APP_PORT=8080\nEDITOR=vim\n`);
    assert.deepEqual(published.diagnostics, []);
  });

  test('.env: a value dotenv cuts at "#" is flagged on the value and quoted by the fix', async () => {
    const { uri, doc, published } = await openFile('.env', `OPENAI_API_KEY=sk-${CANARY}#rest\nOTHER=fine # a comment\n`, (p) => p.diagnostics.length > 0);
    const d = only(published, 'env/value-cut-at-hash');
    assert.equal(doc.getText(d.range), `sk-${CANARY}#rest`);
    const fixed = await applyFix(uri, doc, d);
    assert.equal(fixed.text, `OPENAI_API_KEY='sk-${CANARY}#rest'\nOTHER=fine # a comment\n`);
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('.env: the earlier of two assignments is removed by the duplicate-key fix', async () => {
    const { uri, doc, published } = await openFile('.env', `OPENAI_API_KEY=old-${CANARY}\nX=1\nOPENAI_API_KEY=new-${CANARY}\n`, (p) => p.diagnostics.length > 0);
    const fixed = await applyFix(uri, doc, only(published, 'env/duplicate-key'));
    assert.equal(fixed.text, `X=1\nOPENAI_API_KEY=new-${CANARY}\n`);
    assert.deepEqual(fixed.published.diagnostics, []);
  });

  test('a state .env readable by others is flagged; the fix has the server chmod it to 0600', async () => {
    const file = path.join(stateDir, '.env');
    fs.writeFileSync(file, `OPENAI_API_KEY=sk-${CANARY}\n`);
    fs.chmodSync(file, 0o644);
    const { uri, published } = await openFile('.env', `OPENAI_API_KEY=sk-${CANARY}\n`, (p) => p.diagnostics.length > 0);
    const d = only(published, 'file/readable-by-others');
    assert.match(messageOf(d), /mode is 0644/);
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.edit, undefined, 'the client edits nothing');
    const command = actions[0]!.command!;
    const recheck = server.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    await server.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments });
    await recheck;
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  test('the chmod command refuses a file OpenClaw keeps no secret in', async () => {
    const file = path.join(home, 'notes.txt');
    fs.writeFileSync(file, 'hello');
    fs.chmodSync(file, 0o644);
    await server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'openclawAuth.server.tightenFileMode', arguments: [`file://${file}`] });
    assert.equal(fs.statSync(file).mode & 0o777, 0o644);
  });
});
