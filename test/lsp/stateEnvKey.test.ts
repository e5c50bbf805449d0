/**
 * The tree's Add to the State .env, server side (openclaw/stateEnvKey): for a key the gateway
 * service will not see, the state .env is created (0600) when missing and the edit is the quick
 * fix's own (`NAME=` at the end, on the open buffer), with the cursor after `=`. Names only.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StateEnvKeyRequest } from '../../server/src/protocol.ts';
import { tempHome } from '../support/fakeHome.ts';
import { startOnHome, stopAndClean, type LspServer } from './lspServer.ts';

const CANARY = 'CANARYxSTATExENVxKEY';
let home: string;
let envFile: string;
let server: LspServer;

before(async () => {
  home = tempHome('oc-lsp-state-env-');
  const stateDir = path.join(home, '.openclaw');
  fs.mkdirSync(stateDir, { recursive: true });
  envFile = path.join(stateDir, '.env');
  fs.writeFileSync(path.join(stateDir, 'openclaw.json'), JSON.stringify({ agents: { defaults: { model: 'anthropic/claude-sonnet-4-5' } } }));
  server = await startOnHome(home, { ANTHROPIC_API_KEY: `sk-ant-api03-${CANARY}${'p'.repeat(40)}` });
});

after(() => stopAndClean(server, home, CANARY));

const ask = (variable: string) => server.connection.sendRequest(StateEnvKeyRequest.type, { variable });

test('a missing state .env is created with mode 0600 and NAME= is the edit, cursor after =', async () => {
  assert.equal(fs.existsSync(envFile), false);
  const result = await ask('ANTHROPIC_API_KEY');
  assert.ok(result.added, JSON.stringify(result));
  assert.equal(fs.readFileSync(envFile, 'utf8'), '', 'the server writes no key itself');
  assert.equal(fs.statSync(envFile).mode & 0o777, 0o600);
  assert.equal(result.uri, new URL(`file://${envFile}`).href);
  assert.deepEqual(result.edit, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'ANTHROPIC_API_KEY=\n' });
  assert.deepEqual(result.cursor, { line: 0, character: 'ANTHROPIC_API_KEY='.length });
});

test('a key the gateway already sees, or no model needs, is refused', async () => {
  assert.deepEqual(await ask('OPENAI_API_KEY'), { added: false, reason: 'not-blind' });
  assert.deepEqual(await ask('NOT A NAME'), { added: false, reason: 'not-blind' });
});

test('the open buffer counts: appended after its unsaved last line; once named, only the cursor moves', async () => {
  const uri = await server.open(envFile, '# mine\nOTHER=1', 'dotenv');
  const result = await ask('ANTHROPIC_API_KEY');
  assert.ok(result.added && result.edit, JSON.stringify(result));
  const edited = TextDocument.applyEdits(TextDocument.create(uri, 'dotenv', 1, '# mine\nOTHER=1'), [result.edit]);
  assert.equal(edited, '# mine\nOTHER=1\nANTHROPIC_API_KEY=\n');
  assert.deepEqual(result.cursor, { line: 2, character: 'ANTHROPIC_API_KEY='.length });
  await server.change(uri, 2, 'ANTHROPIC_API_KEY=  \nOTHER=1\n');
  const again = await ask('ANTHROPIC_API_KEY');
  assert.deepEqual(again, { added: true, uri: result.uri, cursor: { line: 0, character: 'ANTHROPIC_API_KEY='.length } });
});
