import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CodeLensRequest, CompletionRequest, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { tempHome } from '../support/fakeHome.ts';
import { startOnHome, stopAndClean, type LspServer } from './lspServer.ts';

const CANARY = 'CANARYxCOMPLETExLENS';
const setupToken = `sk-ant-oat01-${CANARY}${'Q'.repeat(80)}-tail`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Where the cursor goes in the texts below. */
const CURSOR = '|';

describe('completions and code lenses over stdio', () => {
  let home: string;
  let stateDir: string;
  let storeFile: string;
  let server: LspServer;
  let counter = 0;
  const now = Date.now();

  before(async () => {
    home = tempHome('oc-lsp-complete-');
    stateDir = path.join(home, '.openclaw');
    storeFile = path.join(stateDir, 'agents', 'main', 'agent', 'auth-profiles.json');
    fs.mkdirSync(path.dirname(storeFile), { recursive: true });
    fs.writeFileSync(path.join(stateDir, 'openclaw.json'), JSON.stringify({
      agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } },
      models: { providers: { acme: { baseUrl: 'https://acme.invalid/v1', api: 'openai-completions', models: [{ id: 'rocket-1', name: 'Rocket' }] } } },
    }));
    fs.writeFileSync(storeFile, JSON.stringify({
      version: 1,
      profiles: {
        'anthropic:soon': { type: 'token', provider: 'anthropic', token: setupToken, expires: now + 3 * HOUR + 10 * 60_000 },
        'anthropic:old': { type: 'oauth', provider: 'anthropic', access: `a-${CANARY}`, refresh: `r-${CANARY}`, expires: now - 2 * DAY - HOUR },
        'openai:key': { type: 'api_key', provider: 'openai', key: `sk-proj-${CANARY}` },
      },
    }, null, 2), { mode: 0o600 });
    server = await startOnHome(home);
  });

  after(() => stopAndClean(server, home, CANARY));

  /** Opens `withCursor` (the cursor at `|`) as `name` and returns the completion items there. */
  async function complete(name: string, withCursor: string, file?: string) {
    const offset = withCursor.indexOf(CURSOR);
    const text = withCursor.replace(CURSOR, '');
    const target = file ?? path.join(home, `c${++counter}`, name);
    const uri = await server.open(target, text, name.endsWith('.json') ? 'json' : 'dotenv');
    const doc = TextDocument.create(uri, 'json', 1, text);
    const result = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: doc.positionAt(offset) });
    const items = Array.isArray(result) ? result : (result as CompletionList | null)?.items ?? [];
    const apply = (label: string) => {
      const found = items.find((i) => i.label === label);
      assert.ok(found, `${label} offered`);
      return TextDocument.applyEdits(doc, [found.textEdit as TextEdit]);
    };
    return { items, labels: items.map((i: CompletionItem) => i.label), apply };
  }

  test('store: profile types at a type value', async () => {
    const { labels, apply } = await complete('auth-profiles.json', '{"version":1,"profiles":{"anthropic:x":{"type":"|","provider":"anthropic"}}}');
    assert.deepEqual([...labels].sort(), ['api_key', 'oauth', 'token']);
    assert.deepEqual(JSON.parse(apply('token')).profiles['anthropic:x'].type, 'token');
  });

  test("store: OpenClaw's provider ids at a provider value", async () => {
    const { labels, apply } = await complete('auth-profiles.json', '{"version":1,"profiles":{"x:y":{"type":"api_key","provider":"ant|"}}}');
    for (const id of ['anthropic', 'openai', 'openrouter']) assert.ok(labels.includes(id), id);
    assert.equal(JSON.parse(apply('anthropic')).profiles['x:y'].provider, 'anthropic');
  });

  test('store: the fields of the profile type at a property name, those present left out', async () => {
    const { labels, apply } = await complete('auth-profiles.json', '{"version":1,"profiles":{"anthropic:x":{"type":"token","provider":"anthropic", |}}}');
    assert.ok(labels.includes('token') && labels.includes('expires'), labels.join());
    assert.ok(!labels.includes('key') && !labels.includes('access'), 'no field of another type');
    assert.ok(!labels.includes('provider'), 'present already');
    assert.match(apply('expires'), /"provider":"anthropic", "expires": \}\}\}$/);
  });

  test('store: profile ids of the provider inside order', async () => {
    const { labels } = await complete('auth-profiles.json', '{"version":1,"profiles":{"anthropic:a":{"type":"api_key","provider":"anthropic","key":"k"},"anthropic:b":{"type":"api_key","provider":"anthropic","key":"k"},"openai:c":{"type":"api_key","provider":"openai","key":"k"}},"order":{"anthropic":["|"]}}');
    assert.deepEqual([...labels].sort(), ['anthropic:a', 'anthropic:b']);
  });

  test('openclaw.json: profile ids of the resolved stores inside auth.order', async () => {
    const { labels } = await complete('openclaw.json', '{"auth":{"order":{"anthropic":["|"]}}}');
    assert.deepEqual([...labels].sort(), ['anthropic:old', 'anthropic:soon']);
  });

  test('openclaw.json: model refs at a model value, from the models the config declares', async () => {
    const { labels, apply } = await complete('openclaw.json', '{"agents":{"defaults":{"model":{"primary":"|"}}}}');
    assert.ok(labels.includes('acme/rocket-1'), labels.slice(0, 10).join());
    assert.equal(JSON.parse(apply('acme/rocket-1')).agents.defaults.model.primary, 'acme/rocket-1');
    const fallbacks = await complete('openclaw.json', '{"agents":{"defaults":{"model":{"fallbacks":["|"]}}}}');
    assert.ok(fallbacks.labels.includes('acme/rocket-1'));
  });

  test('.env: the env names OpenClaw reads at the start of a line, none in a value', async () => {
    const envFile = path.join(stateDir, '.env');
    const { labels, apply } = await complete('.env', 'EDITOR=vim\nANTH|', envFile);
    assert.ok(labels.includes('ANTHROPIC_API_KEY') && labels.includes('OPENAI_API_KEY'));
    assert.equal(apply('ANTHROPIC_API_KEY'), 'EDITOR=vim\nANTHROPIC_API_KEY=');
    const inValue = await complete('.env', 'EDITOR=v|', envFile);
    assert.deepEqual(inValue.labels, []);
  });

  test('code lenses: time left or since expiry above each token/OAuth profile, with Paste Token for its agent', async () => {
    const text = fs.readFileSync(storeFile, 'utf8');
    const uri = await server.open(storeFile, text);
    const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) ?? [];
    const doc = TextDocument.create(uri, 'json', 1, text);
    const byProfile = new Map<string, string[]>();
    for (const lens of lenses) {
      const id = JSON.parse(doc.getText(lens.range)) as string;
      byProfile.set(id, [...(byProfile.get(id) ?? []), lens.command!.title]);
      if (lens.command!.command === 'openclawAuth.pasteToken') {
        assert.deepEqual(lens.command!.arguments, [{ agentId: 'main', provider: 'anthropic', profileId: id }]);
      }
    }
    assert.deepEqual(Object.fromEntries(byProfile), {
      'anthropic:soon': ['expires in 3h', 'Paste Token'],
      'anthropic:old': ['expired 2d ago', 'Paste Token'],
    });
  });
});
