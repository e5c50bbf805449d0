/**
 * The Credentials overview (client/src/overviewModel.ts, overviewPanel.ts, client/webview/): the
 * model built from a real engine snapshot places tokens and OAuth logins on the 30-day timeline and
 * carries no label (so no part of a secret reaches the webview); the page (client/webview/) runs under a strict CSP,
 * loads nothing remote and never writes markup from data; its icons are all in the codicon subset.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { StatusService } from '../../server/src/statusService.ts';
import type { StatusSnapshot } from '../../server/src/protocol.ts';
import { findCredential, overviewModel, TIMELINE_MS } from '../../client/src/overviewModel.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
// @ts-expect-error a build script in plain JavaScript
import { OVERVIEW_CODICONS } from '../../scripts/overviewAssets.mjs';

const HOUR = 3_600_000;
const CANARY = 'CANARYCANARYCANARYCANARYCANARYCANARYCANARYCANARY';
const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Two agents judged each with its own models, as the language server sends them. */
function twoAgentHome(): { snapshot: StatusSnapshot; now: number } {
  const home = tempHome('oc-overview-');
  materializeCase({
    files: {
      '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/some-model' } }, list: [{ id: 'main', default: true }, { id: 'work', model: 'openai-codex/gpt-5.2' }] } },
      '.openclaw/agents/main/agent/auth-profiles.json': {
        version: 1,
        profiles: {
          'anthropic:default': { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${CANARY}-tail`, expires: '$EXP(+3h)' },
          'groq:default': { type: 'api_key', provider: 'groq', key: `gsk_${CANARY}` },
          'anthropic:later': { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${CANARY}-late`, expires: '$EXP(+60d)' },
        },
      },
      '.openclaw/agents/work/agent/auth-profiles.json': {
        version: 1,
        profiles: { 'openai-codex:work': { type: 'oauth', provider: 'openai-codex', access: `eyJ${CANARY}`, refresh: `rt_${CANARY}`, expires: '$EXP(-5h)', email: 'w@example.com' } },
      },
    },
  }, home);
  const service = new StatusService({ notify: () => undefined, log: () => undefined }, { env: { HOME: home } });
  try {
    service.configure({}, undefined);
    const snapshot = service.refresh();
    return { snapshot, now: snapshot.generatedAt };
  } finally {
    service.dispose();
  }
}

test('the timeline: marks in order of expiry, placed on now → 30 days, expired at now, later ones at the end', () => {
  const { snapshot, now } = twoAgentHome();
  const model = overviewModel(snapshot, now);
  const marks = model.marks.map((m) => [m.agentId, m.candidateId, m.place, Number(m.position.toFixed(3)), m.level, m.inUse]);
  const soon = Number((3 * HOUR / TIMELINE_MS).toFixed(3));
  assert.deepEqual(marks.filter(([agent]) => agent === 'main'), [
    ['main', 'anthropic:default', 'within', soon, 'warning', true],
    ['main', 'anthropic:later', 'beyond', 1, 'ok', true],
  ]);
  // work inherits main's profiles (OpenClaw merges main's store into each agent's) and needs openai-codex only.
  assert.deepEqual(marks.filter(([agent]) => agent === 'work'), [
    ['work', 'openai-codex:work', 'expired', 0, 'error', true],
    ['work', 'anthropic:default', 'within', soon, 'warning', false],
    ['work', 'anthropic:later', 'beyond', 1, 'ok', false],
  ]);
  assert.deepEqual(model.marks.map((m) => m.expiresAt), model.marks.map((m) => m.expiresAt).sort((a, b) => a - b), 'in order of expiry');
  assert.ok(!model.marks.some((m) => m.candidateId === 'groq:default'), 'an API key never expires: no mark');
  assert.equal(model.warnBand, 24 * HOUR / TIMELINE_MS);
});

test('every agent × provider is there, with the same words the tree uses for its worst state', () => {
  const { snapshot, now } = twoAgentHome();
  const model = overviewModel(snapshot, now);
  const work = model.agents.find((a) => a.agentId === 'work')!;
  assert.deepEqual(work.worst.counts, [{ status: 'expired', count: 1 }]);
  const groq = model.agents.find((a) => a.agentId === 'main')!.providers.find((p) => p.provider === 'groq')!;
  assert.equal(groq.inUse, false);
  assert.equal(groq.candidates[0]!.use, 'wouldBeUsed');
});

test('no label, no secret: the model the webview gets holds ids, states and times only', () => {
  const { snapshot, now } = twoAgentHome();
  const json = JSON.stringify(overviewModel(snapshot, now));
  assert.ok(!json.includes(CANARY));
  assert.ok(!json.includes('...'), 'no masked label either');
  assert.ok(!/"label"/.test(json));
});

test('an action from the page is done only for a credential the snapshot has', () => {
  const { snapshot } = twoAgentHome();
  assert.ok(findCredential(snapshot, { agentId: 'main', provider: 'anthropic', candidateId: 'anthropic:default' }));
  for (const bad of [undefined, null, 'main', { agentId: 'main', provider: 'anthropic', candidateId: 'anthropic:nope' }, { agentId: 'ghost', provider: 'anthropic', candidateId: 'anthropic:default' }, { agentId: 'main', provider: '__proto__', candidateId: 'x' }]) {
    assert.equal(findCredential(snapshot, bad), undefined, JSON.stringify(bad));
  }
});

test('strict CSP with a nonce, nothing remote, no markup written from data', () => {
  const panel = read('client/src/overviewPanel.ts');
  assert.match(panel, /"default-src 'none'"/);
  assert.match(panel, /script-src 'nonce-\$\{nonce\}'/);
  assert.ok(!/unsafe-(inline|eval)/.test(panel));
  assert.match(panel, /localResourceRoots: \[assets\]/);
  const page = read('client/webview/overview.js');
  assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(page), 'text goes in through textContent only');
  for (const file of ['client/webview/overview.js', 'client/webview/overview.css']) assert.ok(!/https?:\/\/|url\(/.test(read(file)), `${file} loads nothing remote`);
});

test('every codicon the page and the panel use is in the shipped subset', () => {
  const used = new Set<string>();
  for (const source of [read('client/webview/overview.js')]) {
    for (const m of source.matchAll(/\b(?:icon|button)\('([a-z-]+)'/g)) used.add(m[1]!);
    const icons = /const ICON = \{([^}]*)\}/.exec(source)?.[1] ?? '';
    for (const m of icons.matchAll(/'([a-z-]+)'/g)) used.add(m[1]!);
  }
  assert.ok(used.size >= 6, [...used].join(' '));
  assert.deepEqual([...used].filter((name) => !OVERVIEW_CODICONS.includes(name)), []);
});
