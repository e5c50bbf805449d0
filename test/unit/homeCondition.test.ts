/**
 * Every surface says the same about a home that cannot be read as usual (no state folder, a SQLite
 * home with nothing readable, a refused config): the report (Show Status and the CLI text) leads
 * with it and the snapshot carries the same condition for the tree, the status bar and the
 * overview. Also the report's own wording rules: one space between words, absolute paths.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadOpenClawState, type OpenClawState } from '../../server/src/openclaw/state.ts';
import { formatStatusReport } from '../../server/src/openclaw/output/report.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import { viewStateOf } from '../../client/src/statusModel.ts';
import { materializeCase, tempHome, type FakeHomeCase } from '../support/fakeHome.ts';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const MODEL = { agents: { defaults: { model: { primary: 'openai/gpt-5' } } } };

function stateOf(c: FakeHomeCase, stateDir = '.openclaw'): { home: string; state: OpenClawState } {
  const home = tempHome('oc-home-condition-');
  materializeCase(c, home, NOW);
  return { home, state: loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW, stateDir: path.join(home, stateDir) }) };
}

function report(state: OpenClawState): string {
  return formatStatusReport(state, state.agents.find((a) => a.agentId === state.selectedAgentId) ?? state.agents[0]!);
}

test('no state folder: the report says so first, and the snapshot and the tree agree', () => {
  const { state } = stateOf({ files: {} }, 'nowhere');
  const text = report(state);
  assert.equal(text.split('\n')[0], `No OpenClaw state folder was found at ${state.stateDir}: nothing below is read from disk, it is what OpenClaw would assume.`);
  const snapshot = buildStatusSnapshot(state);
  assert.equal(snapshot.homeCondition, 'noStateDir');
  assert.equal(viewStateOf(snapshot, false), 'noStateDir');
});

test('a refused config: the report leads with it, the snapshot carries it, the tree still shows the agents', () => {
  const { state } = stateOf({ files: { '.openclaw/openclaw.json': { ...MODEL, models: { providers: { groq: { apiKey: { source: 'env', provider: 'default', id: 'NOPE_UNSET' } } } } } } });
  assert.ok(state.refusals.length > 0);
  assert.match(report(state).split('\n')[0]!, /^OpenClaw refuses this config \(.*openclaw\.json\): /);
  const snapshot = buildStatusSnapshot(state);
  assert.equal(snapshot.homeCondition, 'configRefused');
  assert.equal(viewStateOf(snapshot, false), 'ready');
});

test('a SQLite home with nothing readable: the report says so, the tree shows its SQLite welcome', () => {
  const { state } = stateOf({ files: { '.openclaw/openclaw.json': { ...MODEL, meta: { lastTouchedVersion: '2026.9.6' } } } });
  assert.equal(state.layout.kind, 'sqlite');
  assert.match(report(state).split('\n')[0]!, /^This home uses the SQLite credential store, and no profile could be read/);
  const snapshot = buildStatusSnapshot(state);
  assert.equal(snapshot.homeCondition, 'sqliteUnread');
  assert.equal(viewStateOf(snapshot, false), 'sqliteEmpty');
});

test('a readable home has no condition, and the report starts with its config', () => {
  const { state } = stateOf({ files: { '.openclaw/openclaw.json': MODEL } });
  assert.equal(buildStatusSnapshot(state).homeCondition, undefined);
  assert.match(report(state), /^Config {8}: \//);
});

test('the report: one space between words, and absolute paths as the tooltips show them', () => {
  const { home, state } = stateOf({ files: { '.openclaw/openclaw.json': MODEL, '.openclaw/.env': `OPENAI_API_KEY=sk-proj-${'o'.repeat(40)}\n` } });
  const text = report(state);
  assert.ok(text.includes(`(OPENAI_API_KEY from ${path.join(home, '.openclaw/.env')})`), text);
  for (const line of text.split('\n')) assert.ok(!/\S {2,}\S/.test(line.replace(/^\S[^:]*:/, '')), `a double space in "${line}"`);
  assert.ok(!/(^|[\s(:=])~\//m.test(text.replace(/effective=[^|]*/g, '')), 'no ~/ path of the report\'s own');
});
