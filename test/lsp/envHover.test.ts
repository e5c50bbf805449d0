import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { tempHome } from '../support/fakeHome.ts';
import { startOnHome, stopAndClean, type LspServer } from './lspServer.ts';

const CANARY = 'CANARYxENVxHOVER';
let home: string;
let stateDir: string;
let server: LspServer;
const envText = `# keys\nANTHROPIC_API_KEY=sk-ant-api03-${CANARY}${'a'.repeat(40)}\nOPENAI_API_KEY=sk-proj-${CANARY}file\nMY_VAR=1\n`;

before(async () => {
  home = tempHome('oc-lsp-envhover-');
  stateDir = path.join(home, '.openclaw');
  fs.mkdirSync(path.join(stateDir, 'agents', 'main', 'agent'), { recursive: true });
  fs.writeFileSync(path.join(stateDir, 'openclaw.json'), JSON.stringify({ agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai/gpt-5.5'] } } } }));
  fs.writeFileSync(path.join(stateDir, 'agents', 'main', 'agent', 'auth-profiles.json'), JSON.stringify({ version: 1, profiles: { 'anthropic:default': { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${CANARY}${'Q'.repeat(90)}` } } }), { mode: 0o600 });
  fs.writeFileSync(path.join(stateDir, '.env'), envText, { mode: 0o600 });
  // The editor's own environment sets the OpenAI key too: it comes before the state .env.
  server = await startOnHome(home, { OPENAI_API_KEY: `sk-proj-${CANARY}process` });
});

after(() => stopAndClean(server, home, CANARY));

async function hoverOn(uri: string, name: string): Promise<string | undefined> {
  const line = envText.split('\n').findIndex((l) => l.startsWith(`${name}=`));
  const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 3 } });
  return hover ? (hover.contents as MarkupContent).value : undefined;
}

test('hover on a .env key: who reads it, whether it is used, and what comes before this line', async () => {
  const uri = await server.open(path.join(stateDir, '.env'), envText, 'dotenv');
  const anthropic = await hoverOn(uri, 'ANTHROPIC_API_KEY');
  assert.match(anthropic ?? '', /^\*\*ANTHROPIC_API_KEY\*\*: OpenClaw reads it for [^\n]*\banthropic\b/);
  assert.match(anthropic ?? '', /- anthropic: fallback: profiles come first\./);
  assert.match(anthropic ?? '', /- The value is taken from this line\./);
  const openai = await hoverOn(uri, 'OPENAI_API_KEY');
  assert.match(openai ?? '', /- openai: used: there is no profile for this provider\./);
  assert.match(openai ?? '', /Not this line: OpenClaw takes the value from the process environment, which comes first/);
  assert.equal(await hoverOn(uri, 'MY_VAR'), undefined, 'no hover on a name no provider reads');
});
