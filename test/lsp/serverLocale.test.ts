import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CodeActionRequest, CodeLensRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { tempHome } from '../support/fakeHome.ts';
import { startOnHome, stopAndClean, type LspServer } from './lspServer.ts';

const HOUR = 3_600_000;
let home: string;
let stateDir: string;
let server: LspServer;

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

before(async () => {
  home = tempHome('oc-lsp-fr-');
  stateDir = path.join(home, '.openclaw');
  fs.mkdirSync(path.join(stateDir, 'agents', 'main', 'agent'), { recursive: true });
  fs.writeFileSync(path.join(stateDir, 'openclaw.json'), '{}');
  server = await startOnHome(home, {}, 'fr');
});

after(() => stopAndClean(server, home));

test('a French client gets the server\'s diagnostics, quick fixes and lenses in French', async () => {
  const file = path.join(home, 'a', 'auth-profiles.json');
  const text = JSON.stringify({ version: 1, profiles: { 'anthropic:x': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-' + 'Q'.repeat(95), expires: Date.now() + 3 * HOUR + 600_000 } } }, null, 2);
  const uri = await server.open(file, text);
  const published = await server.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
  const expiring = published.diagnostics.find((d) => d.code === 'profile/expiring');
  assert.equal(expiring && messageOf(expiring), 'Le jeton de « anthropic:x » : expire dans 3 h.');
  const lenses = (await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
  assert.deepEqual(lenses.map((l) => l.command?.title), ['expire dans 3 h', 'Coller un jeton']);

  const env = path.join(stateDir, '.env');
  const envUri = await server.open(env, 'ANTROPIC_API_KEY=x\n', 'dotenv');
  const envPublished = await server.diagnosticsFor(envUri, (p) => p.diagnostics.length > 0);
  const misspelled = envPublished.diagnostics.find((d) => d.code === 'env/misspelled-key')!;
  assert.equal(messageOf(misspelled), 'Aucun fournisseur ne lit ANTROPIC_API_KEY ; vouliez-vous dire ANTHROPIC_API_KEY ?');
  const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: envUri }, range: misspelled.range, context: { diagnostics: [misspelled] } })) as CodeAction[];
  assert.deepEqual(actions.map((a) => a.title), ['Renommer en ANTHROPIC_API_KEY']);
});
