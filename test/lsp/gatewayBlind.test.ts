import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CodeActionRequest, DiagnosticSeverity, type CodeAction } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { tempHome } from '../support/fakeHome.ts';
import { startOnHome, stopAndClean, type LspServer } from './lspServer.ts';

const CANARY = 'CANARYxGATEWAYxBLIND';
let home: string;
let stateDir: string;
let server: LspServer;

before(async () => {
  home = tempHome('oc-lsp-blind-');
  stateDir = path.join(home, '.openclaw');
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(path.join(stateDir, 'openclaw.json'), JSON.stringify({ agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai/gpt-5.5'] } } } }));
  // OpenAI's key is in the state .env as well (the service reads it there); Anthropic's only in the editor's environment.
  fs.writeFileSync(path.join(stateDir, '.env'), `OPENAI_API_KEY=sk-proj-${CANARY}file\n`, { mode: 0o600 });
  server = await startOnHome(home, { ANTHROPIC_API_KEY: `sk-ant-api03-${CANARY}${'p'.repeat(40)}`, OPENAI_API_KEY: `sk-proj-${CANARY}process` });
});

after(() => stopAndClean(server, home, CANARY));

test('a provider key only the editor\'s environment has is flagged on the state .env; the fix appends its name only', async () => {
  const file = path.join(stateDir, '.env');
  const text = fs.readFileSync(file, 'utf8');
  const uri = await server.open(file, text, 'dotenv');
  const published = await server.diagnosticsFor(uri, (p) => p.version === 1 && p.diagnostics.length > 0);
  const blind = published.diagnostics.filter((d) => d.code === 'env/gateway-will-not-see');
  assert.equal(blind.length, 1, JSON.stringify(published.diagnostics.map((d) => d.code)));
  const d = blind[0]!;
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  assert.match(String(d.message), /^ANTHROPIC_API_KEY reaches anthropic only from this editor's environment: the gateway service will not see it/);
  const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  assert.equal(actions.length, 1);
  const edits = actions[0]!.edit!.changes![uri]!;
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dotenv', 1, text), edits);
  assert.equal(fixed, `${text}ANTHROPIC_API_KEY=\n`);
  await server.change(uri, 2, fixed);
  const after = await server.diagnosticsFor(uri, (p) => p.version === 2);
  assert.deepEqual(after.diagnostics, []);
});
