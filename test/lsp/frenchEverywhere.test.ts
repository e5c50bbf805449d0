/**
 * Every word the language server puts in front of a French user, in French: the same corpus of
 * broken files (every diagnostic code it can raise on auth-profiles.json, .env and openclaw.json)
 * is opened in a server initialised with `locale: 'en'` and one with `locale: 'fr'`; each diagnostic
 * message, code action title, code lens title, hover, completion detail, status-snapshot problem
 * and refused write is paired with its English twin. A French text equal to the English one
 * (unless it is only identifiers, paths or numbers), or with English prose left in it outside
 * quotes and code, fails the test and is named.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  CodeActionRequest, CodeLensRequest, CompletionRequest, HoverRequest, type CodeAction, type CompletionList,
  type Diagnostic, type MarkupContent, type Position,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PasteTokenRequest, RemoveProfileRequest, StatusRequest, WRITE_REFUSED_ERROR } from '../../server/src/protocol.ts';
import { tempHome } from '../support/fakeHome.ts';
import { startOnHome, stopAndClean, type LspServer } from './lspServer.ts';

const CANARY = 'CANARYxFRENCHxEVERYWHERE';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
const setupToken = (tail = '') => `sk-ant-oat01-${CANARY}${'Q'.repeat(80)}${tail}`;

/** auth-profiles.json with one of each profile mistake (valid JSON, so all are found at once). */
const storeText = `{
  "version": 0,
  "profiles": {
    "anthropic:soon": { "type": "token", "provider": "anthropic", "token": "${setupToken('a')}", "expires": ${now + 3 * HOUR + 10 * 60_000} },
    "anthropic:old": { "type": "oauth", "provider": "anthropic", "access": "a-${CANARY}", "refresh": "r-${CANARY}", "expires": ${now - 2 * DAY - HOUR} },
    "openai:key": { "type": "api_key", "provider": "openai", "key": "sk-proj-${CANARY}" },
    "anthropic:cut": { "type": "token", "provider": "anthropic", "token": "sk-ant-oat01-${CANARY}" },
    "anthropic:apikey": { "type": "token", "provider": "anthropic", "token": "sk-ant-api03-${CANARY}" },
    "anthropic:setup": { "type": "api_key", "provider": "anthropic", "key": "${setupToken('b')}" },
    "anthropic:oa": { "type": "oauth", "provider": "anthropic", "accessToken": "${CANARY}", "expires": ${now + 30 * DAY} },
    "anthropic:sec": { "type": "token", "provider": "anthropic", "token": "${setupToken('c')}", "expires": 1700000000 },
    "anthropic:nl": { "type": "api_key", "provider": "anthropic", "key": "sk-ant-api03-${CANARY}\\nrest" },
    "openai:mix": { "type": "api_key", "provider": "anthropic", "key": "sk-ant-api03-${CANARY}m" },
    "anthropic:weird": { "type": "weird", "provider": "anthropic" },
    "anthropic:noprov": { "type": "token" },
    "anthropic:num": 5,
    "__proto__": { "type": "api_key", "provider": "anthropic", "key": "k" },
    "anthropic:ref": { "type": "api_key", "provider": "anthropic", "keyRef": { "source": "vault", "id": "x" } },
    "openai:dup": { "type": "api_key", "provider": "openai", "key": "one" },
    "openai:dup": { "type": "api_key", "provider": "openai", "key": "two" }
  },
  "order": { "anthropic": ["anthropic:soon", "anthropic:gone"] },
  "usageStats": { "openai:key": { "lastUsed": "yesterday" } },
  "lastGood": {},
  "lastGood": {}
}
`;

/** Store shapes that exclude one another, each in a buffer of its own. */
const otherStores = [
  '{ "version": 1, "profiles": {',
  '{ "anthropic": { "apiKey": "x" } }',
  '{ "anthropic:a": { "type": "api_key", "provider": "anthropic", "key": "x" } }',
  '{ "version": 1 }',
  // More findings than the server shows: the last diagnostic says how many are left out.
  JSON.stringify({ version: 1, profiles: {}, order: { anthropic: Array.from({ length: 1002 }, (_, i) => `anthropic:${i}`) } }),
];

const configs = [
  '{ models: {',
  '[1]',
  '{ "models": 3 }',
  '{ "models": { "providers": { "anthropic": { "baseUrl": 5, "models": [] } } } }',
  '{ "models": { "providers": { "anthropic": { "bogus": 1 } } } }',
  '{ "models": { "providers": { "acme": { "apiKey": "x" } } } }',
  '{ "models": { "providers": { "anthropic": { "apiKey": { "source": "file", "provider": "f", "id": "/x" } } } } }',
  '{ "models": { "providers": { "anthropic": { "apiKey": { "source": "env", "provider": "default", "id": "NOT_SET_ANYWHERE" } } } } }',
  '{ "secrets": { "providers": { "p": { "source": "env", "allowlist": ["A"] } } }, "models": { "providers": { "anthropic": { "apiKey": { "source": "env", "provider": "p", "id": "B_KEY" } } } } }',
];

const legacyAuthText = `{ "anthropic": { "type": "api_key", "provider": "anthropic", "key": "sk-ant-api03-${CANARY}old" } }\n`;

const stateEnvText = `this line is not an assignment\n9BAD-KEY=x\nANTROPIC_API_KEY=x\nOPENAI_API_KEY=abc#def\nOPENAI_API_KEY=second\n`;

/** Every code the corpus must raise: a code added to the server without a case here is not checked. */
const EXPECTED_CODES = [
  'store/invalid-json', 'store/legacy-flat', 'store/unwrapped-profiles', 'store/not-a-store', 'store/invalid-type',
  'store/missing-provider', 'store/non-object', 'store/reserved-id', 'store/schema', 'store/order-unknown-profile',
  'store/duplicate-key', 'store/retired-json-needs-migration', 'store/legacy-auth-json',
  'profile/setup-token-as-api-key', 'profile/api-key-as-token', 'profile/oauth-access-token-field', 'profile/expires-in-seconds',
  'profile/token-truncated', 'profile/secret-line-break', 'profile/id-provider-mismatch', 'profile/expired', 'profile/expiring',
  'file/readable-by-others',
  'env/workspace-key-ignored', 'env/ignored-line', 'env/non-portable-key', 'env/duplicate-key', 'env/misspelled-key',
  'env/value-cut-at-hash', 'env/gateway-will-not-see',
  'config/invalid-json5', 'config/not-an-object', 'config/provider-entry-invalid', 'config/secret-needs-gateway',
];

/** A home with the broken files on disk where their place matters (the state .env, the agent's store). */
function makeHome(prefix: string, meta?: string): string {
  const home = tempHome(prefix);
  const stateDir = path.join(home, '.openclaw');
  const agentDir = path.join(stateDir, 'agents', 'main', 'agent');
  fs.mkdirSync(agentDir, { recursive: true });
  fs.writeFileSync(path.join(stateDir, 'openclaw.json'), JSON.stringify({
    ...(meta ? { meta: { lastTouchedVersion: meta } } : {}),
    agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['google/gemini-2.5-pro'] } }, list: [{ id: 'main', default: true }, { id: 'old' }] },
  }));
  // Agent "old" has only the legacy auth.json, which OpenClaw still reads (and migrates).
  fs.mkdirSync(path.join(stateDir, 'agents', 'old', 'agent'), { recursive: true });
  fs.writeFileSync(path.join(stateDir, 'agents', 'old', 'agent', 'auth.json'), legacyAuthText, { mode: 0o600 });
  // Readable by others: file/readable-by-others on both.
  fs.writeFileSync(path.join(agentDir, 'auth-profiles.json'), storeText, { mode: 0o644 });
  fs.writeFileSync(path.join(stateDir, '.env'), stateEnvText, { mode: 0o644 });
  fs.chmodSync(path.join(agentDir, 'auth-profiles.json'), 0o644);
  fs.chmodSync(path.join(stateDir, '.env'), 0o644);
  return home;
}

interface Said {
  /** Where and what: stable across the two languages. */
  key: string;
  text: string;
}

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** Everything the server says about the corpus, in the language it was started with. */
async function collect(server: LspServer, home: string): Promise<{ said: Said[]; codes: Set<string> }> {
  const said: Said[] = [];
  const codes = new Set<string>();
  const stateDir = path.join(home, '.openclaw');

  async function check(name: string, file: string, text: string, languageId: string, expectCodes: string[]): Promise<string> {
    const uri = await server.open(file, text, languageId);
    const published = await server.diagnosticsFor(uri, (p) => expectCodes.every((c) => p.diagnostics.some((d) => d.code === c)), 20_000)
      .catch((error: Error) => assert.fail(`${name}: ${error.message}; expected ${expectCodes.join(', ')}`));
    const asked = new Set<string>();
    for (const [i, d] of published.diagnostics.entries()) {
      const code = String(d.code ?? 'no-code');
      codes.add(code);
      said.push({ key: `${name} diagnostic ${i} ${code}`, text: messageOf(d) });
      // One quick-fix request per code and place is enough (the capped buffer has a thousand of one kind).
      if (asked.has(code) && code === 'store/order-unknown-profile') continue;
      asked.add(code);
      const actions = ((await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) ?? []) as CodeAction[];
      actions.forEach((a, j) => said.push({ key: `${name} action ${i}.${j} ${code}`, text: a.title }));
    }
    return uri;
  }

  async function hover(name: string, uri: string, position: Position): Promise<void> {
    const result = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    assert.ok(result, `a hover on ${name}`);
    said.push({ key: `${name} hover`, text: (result.contents as MarkupContent).value });
  }

  // The agent's own store, as on disk: content findings, expiry, mode; lenses and the profile hover.
  const storeFile = path.join(stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');
  const storeUri = await check('store', storeFile, storeText, 'json', ['profile/expiring', 'store/duplicate-key', 'file/readable-by-others']);
  const storeDoc = TextDocument.create(storeUri, 'json', 1, storeText);
  const lenses = (await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: storeUri } })) ?? [];
  assert.ok(lenses.length >= 4, 'lenses on the expiring and the expired profile');
  lenses.forEach((l, i) => said.push({ key: `store lens ${i}`, text: l.command?.title ?? '' }));
  await hover('profile anthropic:soon', storeUri, storeDoc.positionAt(storeText.indexOf('"anthropic:soon"') + 3));
  await hover('profile anthropic:old', storeUri, storeDoc.positionAt(storeText.indexOf('"anthropic:old"') + 3));

  for (const [i, text] of otherStores.entries()) await check(`other store ${i}`, path.join(home, `s${i}`, 'auth-profiles.json'), text, 'json', []);
  for (const [i, text] of configs.entries()) await check(`config ${i}`, path.join(home, `c${i}`, 'openclaw.json'), text, 'json5', []);

  const envFile = path.join(stateDir, '.env');
  const envUri = await check('state .env', envFile, stateEnvText, 'dotenv', ['env/gateway-will-not-see', 'file/readable-by-others']);
  const envDoc = TextDocument.create(envUri, 'dotenv', 1, stateEnvText);
  await hover('.env key OPENAI_API_KEY', envUri, envDoc.positionAt(stateEnvText.indexOf('OPENAI_API_KEY') + 2));
  const completions = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: envUri }, position: envDoc.positionAt(stateEnvText.length) });
  const items = Array.isArray(completions) ? completions : (completions as CompletionList | null)?.items ?? [];
  assert.ok(items.length > 0, 'env names offered');
  for (const item of items.slice(0, 3)) said.push({ key: `completion ${item.label}`, text: [item.detail, typeof item.documentation === 'string' ? item.documentation : item.documentation?.value].filter(Boolean).join(' | ') });

  await check('workspace .env', path.join(home, '.env'), 'ANTHROPIC_API_KEY=x\n', 'dotenv', ['env/workspace-key-ignored']);
  await check('legacy auth.json', path.join(stateDir, 'agents', 'old', 'agent', 'auth.json'), legacyAuthText, 'json', ['store/legacy-auth-json']);

  // Refused writes: the reason the editor shows in its error notification (nothing is written).
  const refusals: [string, () => Promise<unknown>][] = [
    ['paste a cut token', () => server.connection.sendRequest(PasteTokenRequest.type, { provider: 'anthropic', token: `sk-ant-oat01-${CANARY}` })],
    ['paste for an unknown agent', () => server.connection.sendRequest(PasteTokenRequest.type, { agentId: 'ghost', provider: 'anthropic', token: setupToken('z') })],
    ['paste with a bad expiry', () => server.connection.sendRequest(PasteTokenRequest.type, { provider: 'anthropic', token: setupToken('z'), expiresIn: 'soon' })],
    ['remove a profile the store lacks', () => server.connection.sendRequest(RemoveProfileRequest.type, { profileId: 'anthropic:none' })],
  ];
  for (const [name, send] of refusals) {
    const error = await send().then(() => assert.fail(`${name}: not refused`), (e: unknown) => e as { code?: number; message: string });
    assert.equal(error.code, WRITE_REFUSED_ERROR, `${name}: ${error.message}`);
    said.push({ key: `refusal: ${name}`, text: error.message });
  }

  // The problems in the status snapshot, which the status-bar tooltip lists.
  const snapshot = await server.connection.sendRequest(StatusRequest.type);
  assert.ok(snapshot.issues.length > 5, 'the home\'s problems are in the snapshot');
  snapshot.issues.forEach((i, n) => said.push({ key: `snapshot issue ${n} ${i.code}`, text: i.message }));
  return { said, codes };
}

/** The same store in a SQLite-era home that has nothing in SQLite: the file needs `doctor --fix`. */
async function collectRetired(server: LspServer, home: string): Promise<{ said: Said[]; codes: Set<string> }> {
  const file = path.join(home, '.openclaw', 'agents', 'main', 'agent', 'auth-profiles.json');
  const uri = await server.open(file, storeText);
  const published = await server.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('store/retired-json')), 20_000);
  const retired = published.diagnostics.filter((d) => String(d.code).startsWith('store/retired-json'));
  const said: Said[] = [];
  for (const [i, d] of retired.entries()) {
    said.push({ key: `retired diagnostic ${i} ${String(d.code)}`, text: messageOf(d) });
    const actions = ((await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) ?? []) as CodeAction[];
    actions.forEach((a, j) => said.push({ key: `retired action ${i}.${j}`, text: a.title }));
  }
  return { said, codes: new Set(retired.map((d) => String(d.code))) };
}

/** Quoted names, code, markdown bold (ids), paths, ids and numbers: what may stay as it is in any language. */
function withoutVerbatim(text: string): string {
  return text
    .replace(/«[^»]*»|"[^"\n]*"|`[^`\n]*`|\*\*[^*\n]*\*\*|\{[^{}\n]*\}/g, ' ')
    .replace(/\S*[0-9_:./\\=<>~@#-]\S*/g, ' ');
}

/** Two or more words of prose once the verbatim parts are gone. */
function hasProse(text: string): boolean {
  return (withoutVerbatim(text).match(/\b[a-zA-Z]{2,}\b/g) ?? []).length >= 2;
}

/** Words that are English and never French, looked for outside the verbatim parts. */
const ENGLISH = /\b(the|is|are|this|that|and|not|must|with|its|has|from|only|which|be|it|of|to|in|was|will|expected|received|invalid|used|until|why|does|no|reads|read|set|line|first|expires|expired|ago|unknown|agent:|credential)\b/i;

function englishLeft(fr: string): string | undefined {
  return ENGLISH.exec(withoutVerbatim(fr))?.[0];
}

let homes: string[] = [];
const servers: LspServer[] = [];

before(() => {
  homes = [makeHome('oc-lsp-en-'), makeHome('oc-lsp-fr-'), makeHome('oc-lsp-en-sqlite-', '2026.9.6'), makeHome('oc-lsp-fr-sqlite-', '2026.9.6')];
});

after(async () => {
  for (const [i, server] of servers.entries()) await stopAndClean(server, homes[i]!, CANARY);
});

test('a French client reads every diagnostic, quick fix, lens, hover and completion detail in French', async () => {
  // The editor's own environment has the Google key: the state .env is told the gateway will not see it.
  const env = { GEMINI_API_KEY: `AIza${CANARY}` };
  servers.push(await startOnHome(homes[0]!, env, 'en'), await startOnHome(homes[1]!, env, 'fr'));
  servers.push(await startOnHome(homes[2]!, env, 'en'), await startOnHome(homes[3]!, env, 'fr'));
  const [en, fr, enRetired, frRetired] = await Promise.all([
    collect(servers[0]!, homes[0]!), collect(servers[1]!, homes[1]!), collectRetired(servers[2]!, homes[2]!), collectRetired(servers[3]!, homes[3]!),
  ]);

  const produced = new Set([...en.codes, ...enRetired.codes]);
  assert.deepEqual(EXPECTED_CODES.filter((c) => !produced.has(c)), [], 'every diagnostic code is in the corpus');

  const pairs = [...pair(en.said, fr.said), ...pair(enRetired.said, frRetired.said)];
  // FRENCH_TEXTS=FILE writes every pair out, for someone reviewing the French.
  if (process.env.FRENCH_TEXTS) fs.writeFileSync(process.env.FRENCH_TEXTS, pairs.map(([e, f, key]) => `## ${key}\n${e}\n${f}\n`).join('\n'));
  const untranslated = pairs.filter(([e, f]) => f === e && hasProse(e)).map(([e, , key]) => `${key}: ${e}`);
  const mixed = pairs.map(([, f, key]) => [englishLeft(f), f, key] as const).filter(([word]) => word).map(([word, f, key]) => `${key}: "${word}" in ${f}`);
  assert.deepEqual([...new Set(untranslated)], [], 'French text equal to the English one');
  assert.deepEqual([...new Set(mixed)], [], 'English words left in the French text');
  assert.ok(pairs.length > 60, `${pairs.length} texts compared`);
});

/** The English and French texts of each item, by key; both runs must have said the same things. */
function pair(en: Said[], fr: Said[]): [string, string, string][] {
  const french = new Map(fr.map((s) => [s.key, s.text]));
  assert.deepEqual(fr.map((s) => s.key), en.map((s) => s.key), 'both languages get the same diagnostics, actions, lenses and hovers');
  return en.map((s) => [s.text.replaceAll(/oc-lsp-en-(sqlite-)?\w+/g, ''), (french.get(s.key) ?? '').replaceAll(/oc-lsp-fr-(sqlite-)?\w+/g, ''), s.key]);
}
