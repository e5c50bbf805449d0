// A stranded auth-profiles.json under OpenClaw 2026.9 (issue 9): the opened file gets a diagnostic
// on its `profiles` key saying what that release does with it (refused: error; ignored: warning),
// and a quick fix whose command is the client's "run openclaw doctor --fix in a terminal", with
// the home's state folder and the OPENCLAW_STATE_DIR the terminal needs. A JSON-era home gets
// neither. The server runs under a Node with node:sqlite, as the extension host (Node 24) runs it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CodeActionKind, CodeActionRequest, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { RUN_DOCTOR_FIX_COMMAND, StatusRequest, type DoctorFixArgs } from '../../server/src/protocol.ts';
import { tempHome } from '../support/fakeHome.ts';
import { ensureSqliteNode } from '../support/sqliteNode.ts';
import { runSql, writeTree } from '../support/tree.ts';
import { LspServer, stopAndClean } from './lspServer.ts';

const CANARY = 'CANARYxSTRANDEDxSTORE';
const TOKEN = `sk-ant-oat01-${CANARY}${'t'.repeat(80)}`;
const AGENT = 'agents/main/agent';
const STORE_TEXT = `{\n  "version": 1,\n  "profiles": {\n    "anthropic:manual": { "type": "token", "provider": "anthropic", "token": "${TOKEN}" }\n  }\n}\n`;
/** Where `"profiles"` stands in STORE_TEXT: line 2, characters 2–12 (the key with its quotes). */
const PROFILES_KEY = { start: { line: 2, character: 2 }, end: { line: 2, character: 12 } };

let sqliteNode = '';
const homes: string[] = [];
before(() => {
  sqliteNode = ensureSqliteNode();
});
after(() => {
  for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
});

/** A home OpenClaw `release` last wrote, its state folder `stateRel` under it, with the hand-written store. */
function strandedHome(release: string, stateRel: string, sqliteProfiles?: Record<string, unknown>): { home: string; stateDir: string; file: string } {
  const home = tempHome('oc-lsp-stranded-');
  homes.push(home);
  const stateDir = path.join(home, stateRel);
  writeTree(stateDir, {
    'openclaw.json': { meta: { lastTouchedVersion: release }, agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } },
    [`${AGENT}/auth-profiles.json`]: STORE_TEXT,
  });
  if (sqliteProfiles) {
    runSql(sqliteNode, path.join(stateDir, AGENT, 'openclaw-agent.sqlite'), [
      { sql: 'CREATE TABLE auth_profile_store (store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER)' },
      { sql: 'CREATE TABLE auth_profile_state (state_key TEXT PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER)' },
      ...(Object.keys(sqliteProfiles).length > 0
        ? [{ sql: 'INSERT INTO auth_profile_store VALUES (?, ?, ?)', params: ['primary', JSON.stringify({ version: 1, profiles: sqliteProfiles }), Date.now()] }]
        : []),
    ]);
  }
  return { home, stateDir, file: path.join(stateDir, AGENT, 'auth-profiles.json') };
}

/** Opens the store in a server on `home` (OPENCLAW_STATE_DIR = stateDir): what it publishes, and what it offers for `asked` (default: the stranded diagnostics it published). */
async function openStranded(home: string, stateDir: string, file: string, locale?: string, asked?: Diagnostic[]): Promise<{ diagnostics: Diagnostic[]; actions: CodeAction[] }> {
  const server = LspServer.start({ HOME: home, OPENCLAW_STATE_DIR: stateDir }, home, sqliteNode);
  try {
    await server.initialize(home, {}, locale);
    await server.connection.sendRequest(StatusRequest.type);
    const uri = await server.open(file, STORE_TEXT);
    const published = await server.diagnosticsFor(uri, (p) => p.version === 1);
    const diagnostics = asked ?? published.diagnostics.filter((d) => typeof d.code === 'string' && d.code.startsWith('store/retired-json'));
    const actions = diagnostics.length === 0 ? [] : (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics },
    })) as CodeAction[];
    return { diagnostics: published.diagnostics, actions };
  } finally {
    await stopAndClean(server, home, CANARY);
  }
}

/** The one stranded-file diagnostic among `diagnostics`: its code, severity, source, place on "profiles" and documentation link. */
function theStrandedDiagnostic(diagnostics: Diagnostic[], code: string, severity: DiagnosticSeverity): Diagnostic {
  const stranded = diagnostics.filter((d) => String(d.code).startsWith('store/retired-json'));
  assert.equal(stranded.length, 1, JSON.stringify(diagnostics.map((d) => d.code)));
  const d = stranded[0]!;
  assert.equal(d.code, code);
  assert.equal(d.severity, severity);
  assert.equal(d.source, 'openclaw-auth');
  assert.deepEqual(d.range, PROFILES_KEY);
  assert.match(d.codeDescription?.href ?? '', new RegExp(`^file://.*/docs/diagnostics\\.md#${code.replace('/', '-')}$`));
  return d;
}

function doctorAction(actions: CodeAction[]): { action: CodeAction; args: DoctorFixArgs } {
  assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
  const action = actions[0]!;
  assert.equal(action.kind, CodeActionKind.QuickFix);
  assert.equal(action.title, 'Run openclaw doctor --fix in a terminal');
  assert.equal(action.edit, undefined, 'the fix edits nothing itself');
  assert.equal(action.command?.command, RUN_DOCTOR_FIX_COMMAND);
  assert.equal(action.command?.arguments?.length, 1);
  return { action, args: action.command!.arguments![0] as DoctorFixArgs };
}

test('refused (2026.9.6, empty SQLite store): an error on "profiles" and a doctor --fix quick fix; default state folder, OPENCLAW_STATE_DIR removed', async () => {
  const { home, stateDir, file } = strandedHome('2026.9.6', '.openclaw', {});
  const { diagnostics, actions } = await openStranded(home, stateDir, file);
  const d = theStrandedDiagnostic(diagnostics, 'store/retired-json-needs-migration', DiagnosticSeverity.Error);
  assert.match(String(d.message), /^OpenClaw 2026\.9\.6 keeps credentials in SQLite and no longer reads this auth-profiles\.json\./);
  assert.match(String(d.message), /AUTH_PROFILE_MIGRATION_REQUIRED/);
  assert.match(String(d.message), /until you run `openclaw doctor --fix`/);
  const { action, args } = doctorAction(actions);
  assert.deepEqual(action.diagnostics?.map((x) => x.code), ['store/retired-json-needs-migration']);
  assert.deepEqual(args, { stateDir, env: { OPENCLAW_STATE_DIR: null }, file });
});

test('ignored (SQLite store with profiles): a warning on "profiles" and the same quick fix; a state folder elsewhere is named in OPENCLAW_STATE_DIR', async () => {
  const { home, stateDir, file } = strandedHome('2026.9.6', 'srv/gateway-state', { 'anthropic:other': { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-${'k'.repeat(60)}` } });
  const { diagnostics, actions } = await openStranded(home, stateDir, file);
  const d = theStrandedDiagnostic(diagnostics, 'store/retired-json-ignored', DiagnosticSeverity.Warning);
  assert.match(String(d.message), /^OpenClaw 2026\.9\.6 keeps credentials in SQLite and ignores this auth-profiles\.json: this agent's SQLite store already has profiles/);
  assert.match(String(d.message), /`openclaw doctor --fix` imports the profiles the store lacks/);
  const { args } = doctorAction(actions);
  assert.deepEqual(args, { stateDir, env: { OPENCLAW_STATE_DIR: stateDir }, file });
});

test('in French: the message and the quick fix title', async () => {
  const { home, stateDir, file } = strandedHome('2026.9.6', '.openclaw', {});
  const { diagnostics, actions } = await openStranded(home, stateDir, file, 'fr');
  const d = diagnostics.find((x) => x.code === 'store/retired-json-needs-migration');
  assert.ok(d, JSON.stringify(diagnostics.map((x) => x.code)));
  assert.match(String(d.message), /^OpenClaw 2026\.9\.6 garde les identifiants dans SQLite et ne lit plus ce auth-profiles\.json\./);
  assert.equal(actions[0]?.title, 'Lancer openclaw doctor --fix dans un terminal');
});

test('a JSON-era home (2026.6.1) gets neither the diagnostic nor the quick fix', async () => {
  const { home, stateDir, file } = strandedHome('2026.6.1', '.openclaw');
  // A client that sends back such a diagnostic without the server's arguments gets no doctor either.
  const sentBack: Diagnostic = { range: PROFILES_KEY, code: 'store/retired-json-needs-migration', source: 'openclaw-auth', message: 'sent by a client', data: {} };
  const { diagnostics, actions } = await openStranded(home, stateDir, file, undefined, [sentBack]);
  assert.deepEqual(diagnostics.filter((d) => String(d.code).startsWith('store/retired-json')), []);
  assert.deepEqual(actions, []);
});
