import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CodeActionRequest, DiagnosticSeverity, ExecuteCommandRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { tempHome } from '../support/fakeHome.ts';
import { expectedFlatRewrite, expectedMigratedStore, writeLegacyAuthHome, writeLegacyFlatHome } from '../support/legacyAuthHome.ts';
import { RefreshRequest } from '../../server/src/protocol.ts';
import { startOnHome, stopAndClean, type LspServer } from './lspServer.ts';

/** In every secret of the home: it must never cross the pipe (titles, messages, command results). */
const CANARY = 'CANARYxLEGACYxAUTH';
const EXPIRES = Date.now() + 90 * 24 * 3_600_000;
const COMMAND = 'openclawAuth.server.rewriteLegacyAuth';

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

describe('quick fix: rewrite a legacy auth.json into auth-profiles.json, keeping a backup', () => {
  let home: string;
  let server: LspServer;
  let agentDir: string;
  let authJson: string;
  let original: Buffer;

  before(async () => {
    home = tempHome('oc-lsp-legacy-');
    ({ agentDir, authJson } = writeLegacyAuthHome(home, CANARY, EXPIRES));
    original = fs.readFileSync(authJson);
    server = await startOnHome(home);
  });

  after(() => stopAndClean(server, home, CANARY));

  async function fixesFor(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
  }

  test('the open auth.json is flagged; the fix runs a server command, writes the store OpenClaw would (0600) and keeps auth.json as auth.json.bak', async () => {
    const uri = await server.open(authJson, original.toString('utf8'));
    const published = await server.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'store/legacy-auth-json'));
    const diagnostic = published.diagnostics.find((d) => d.code === 'store/legacy-auth-json')!;
    assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostic.range.start, { line: 0, character: 0 });
    assert.match(messageOf(diagnostic), /auth-profiles\.json/);

    const actions = await fixesFor(uri, diagnostic);
    assert.equal(actions.length, 1);
    const action = actions[0]!;
    assert.equal(action.kind, 'quickfix');
    assert.match(action.title, /auth\.json\.bak/);
    // A command, not an edit: no secret travels to the client.
    assert.equal(action.edit, undefined);
    assert.equal(action.command?.command, COMMAND);

    const cleared = server.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    const result = (await server.connection.sendRequest(ExecuteCommandRequest.type, { command: COMMAND, arguments: action.command!.arguments })) as { written: string[]; summary: string };
    const store = path.join(agentDir, 'auth-profiles.json');
    const backup = path.join(agentDir, 'auth.json.bak');
    assert.deepEqual(result.written, [store, backup]);
    assert.equal(fs.readFileSync(store, 'utf8'), `${JSON.stringify(expectedMigratedStore(CANARY, EXPIRES), null, 2)}\n`);
    assert.equal(fs.statSync(store).mode & 0o777, 0o600);
    assert.ok(!fs.existsSync(authJson), 'auth.json moved aside');
    assert.deepEqual(fs.readFileSync(backup), original);
    assert.equal(fs.statSync(backup).mode & 0o777, 0o600, 'the backup holds the same secrets');
    await cleared;

    // The re-check of the new store is clean (no legacy shape, no wrong mode, nothing expired), but
    // for the one thing OpenClaw's own migration makes of groq's `"expires": "soon"`: 0, flagged on that value.
    const text = fs.readFileSync(store, 'utf8');
    const storeUri = await server.open(store, text);
    const recheck = await server.diagnosticsFor(storeUri);
    const problems = recheck.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
    assert.deepEqual(problems.map((d) => [d.code, messageOf(d).includes('groq:default.expires')]), [['store/schema', true]]);
  });

  test('no fix, and the command writes nothing, once the agent has an auth-profiles.json', async () => {
    // auth.json back beside the store: OpenClaw ignores it now, so neither the fix nor the command touches anything.
    const before = fs.readFileSync(path.join(agentDir, 'auth-profiles.json'));
    fs.writeFileSync(authJson, original);
    const uri = await server.open(authJson, original.toString('utf8'));
    await server.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    const stale: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, code: 'store/legacy-auth-json', source: 'openclaw-auth', message: 'x' };
    assert.deepEqual(await fixesFor(uri, stale), []);
    await server.connection.sendRequest(ExecuteCommandRequest.type, { command: COMMAND, arguments: [uri] });
    assert.deepEqual(fs.readFileSync(authJson), original);
    assert.deepEqual(fs.readFileSync(path.join(agentDir, 'auth-profiles.json')), before);
    assert.ok(!fs.readdirSync(agentDir).some((f) => /^auth\.json\.\d+\.bak$/.test(f)));
  });

  test('a flat auth-profiles.json: the fix rewrites it as openclaw doctor --fix does, keeping a .legacy-flat backup; unsaved edits are refused', async () => {
    const other = tempHome('oc-lsp-legacy-flat-');
    try {
      const { store, agentDir: dir } = writeLegacyFlatHome(other, CANARY, EXPIRES);
      const original = fs.readFileSync(store, 'utf8');
      const uri = await server.open(store, original);
      const published = await server.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'store/legacy-flat'));
      const diagnostic = published.diagnostics.find((d) => d.code === 'store/legacy-flat')!;
      const actions = await fixesFor(uri, diagnostic);
      assert.equal(actions.length, 1);
      assert.equal(actions[0]!.kind, 'quickfix');
      assert.equal(actions[0]!.edit, undefined);
      assert.match(actions[0]!.title, /doctor --fix/);

      // The editor's copy has an unsaved edit: nothing is written.
      await server.change(uri, 2, `${original} `);
      await assert.rejects(server.connection.sendRequest(ExecuteCommandRequest.type, { command: COMMAND, arguments: [uri] }), /differs from the editor's copy/);
      assert.equal(fs.readFileSync(store, 'utf8'), original);
      assert.deepEqual(fs.readdirSync(dir), ['auth-profiles.json']);

      await server.change(uri, 3, original);
      await server.connection.sendRequest(ExecuteCommandRequest.type, { command: COMMAND, arguments: [uri] });
      const rewritten = fs.readFileSync(store, 'utf8');
      assert.equal(rewritten, `${JSON.stringify(expectedFlatRewrite(CANARY, EXPIRES), null, 2)}\n`);
      assert.equal(fs.statSync(store).mode & 0o777, 0o600);
      const backups = fs.readdirSync(dir).filter((f) => f !== 'auth-profiles.json');
      assert.equal(backups.length, 1);
      assert.match(backups[0]!, /^auth-profiles\.json\.legacy-flat\.\d+\.bak$/);
      assert.equal(fs.readFileSync(path.join(dir, backups[0]!), 'utf8'), original);

      // The editor reloads the file from disk: the re-check is clean.
      await server.change(uri, 4, rewritten);
      const recheck = await server.diagnosticsFor(uri, (p) => p.version === 4);
      assert.deepEqual(recheck.diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint && d.severity !== DiagnosticSeverity.Information).map((d) => d.code), []);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  test('in French for a French client: the diagnostic and both titles', async () => {
    const frHome = tempHome('oc-lsp-legacy-fr-');
    const fr = await startOnHome(frHome, {}, 'fr');
    try {
      const { authJson: file } = writeLegacyAuthHome(frHome, CANARY, EXPIRES);
      await fr.connection.sendRequest(RefreshRequest.type);
      const uri = await fr.open(file, fs.readFileSync(file, 'utf8'));
      const published = await fr.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'store/legacy-auth-json'));
      const diagnostic = published.diagnostics.find((d) => d.code === 'store/legacy-auth-json')!;
      assert.match(messageOf(diagnostic), /^Ancien auth\.json/);
      const [action] = (await fr.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
      assert.match(action!.title, /^Déplacer ces profils dans auth-profiles\.json/);
      const flat = path.join(frHome, 'flat', 'auth-profiles.json');
      fs.mkdirSync(path.dirname(flat));
      const flatUri = await fr.open(flat, JSON.stringify({ openrouter: { apiKey: `sk-or-${CANARY}` } }));
      const flatPublished = await fr.diagnosticsFor(flatUri, (p) => p.diagnostics.some((d) => d.code === 'store/legacy-flat'));
      const flatDiagnostic = flatPublished.diagnostics.find((d) => d.code === 'store/legacy-flat')!;
      const [flatAction] = (await fr.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: flatUri }, range: flatDiagnostic.range, context: { diagnostics: [flatDiagnostic] } })) as CodeAction[];
      assert.match(flatAction!.title, /^Réécrire en \{ "version": 1, "profiles": … \} comme openclaw doctor --fix/);
      // A refusal comes back in French too (the flat file was never saved to disk).
      await assert.rejects(fr.connection.sendRequest(ExecuteCommandRequest.type, { command: COMMAND, arguments: [flatUri] }), /auth-profiles\.json n'existe plus\. Rien n'a été écrit\./);
    } finally {
      await stopAndClean(fr, frHome, CANARY);
    }
  });
});
