import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import { loadOpenClawState, type OpenClawState } from '../../server/src/openclaw/state.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';

// Main's profiles are resolved once per load and shared by the agents that inherit them
// (server/src/openclaw/resolve/profileFacts.ts). These homes check that sharing never leaks one agent's
// answer into another's: an agent's own usage stats or own credential under main's id win.

const HOUR = 3600e3;
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const KEY = `sk-ant-api03-${'K'.repeat(60)}-kend`;
const TOKEN = `sk-ant-oat01-${'T'.repeat(80)}-tail`;
const storeOf = (dir: string) => `.openclaw/agents/${dir}/agent/auth-profiles.json`;

const homes: string[] = [];
after(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

function load(): OpenClawState {
  const home = tempHome('oc-facts-');
  homes.push(home);
  materializeCase(
    {
      files: {
        // `work` comes before main: the first agent to meet main's profiles must not decide for the others.
        '.openclaw/openclaw.json': {
          agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } }, list: [{ id: 'work' }, { id: 'main', default: true }, { id: 'ops' }, { id: 'dev' }] },
        },
        [storeOf('main')]: {
          version: 1,
          profiles: {
            'anthropic:shared': { type: 'api_key', provider: 'anthropic', key: KEY },
            'anthropic:tok': { type: 'token', provider: 'anthropic', token: TOKEN, expires: NOW + 5 * 24 * HOUR },
          },
        },
        // Own usage stats for main's key: a cooldown only this agent sees.
        [storeOf('work')]: { version: 1, profiles: {}, usageStats: { 'anthropic:shared': { cooldownUntil: NOW + HOUR } } },
        // Its own, expired token under main's id.
        [storeOf('ops')]: { version: 1, profiles: { 'anthropic:tok': { type: 'token', provider: 'anthropic', token: TOKEN, expires: NOW - HOUR } } },
        // Inherits main's profiles untouched, plus one of its own so its store is a merge.
        [storeOf('dev')]: { version: 1, profiles: { 'openai:own': { type: 'api_key', provider: 'openai', key: `sk-proj-${'P'.repeat(40)}` } } },
      },
    },
    home,
    NOW,
  );
  return loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW, cwd: home });
}

const agent = (s: OpenClawState, id: string) => {
  const a = s.agents.find((x) => x.agentId === id);
  assert.ok(a, id);
  return a;
};
const health = (s: OpenClawState, agentId: string, profileId: string) => agent(s, agentId).status.profiles.find((p) => p.profileId === profileId);
const labels = (s: OpenClawState, agentId: string) => agent(s, agentId).status.providers.find((p) => p.provider === 'anthropic')?.profiles.labels ?? [];

test("an agent's own usage stats for main's profile give it its own label; main's stays without the tag", () => {
  const s = load();
  assert.ok(labels(s, 'work').some((l) => l.startsWith('anthropic:shared=') && l.endsWith('[cooldown 1h]')), labels(s, 'work').join(' | '));
  for (const id of ['main', 'dev', 'ops']) {
    const shared = labels(s, id).find((l) => l.startsWith('anthropic:shared='));
    assert.ok(shared && !shared.includes('['), `${id}: ${shared}`);
  }
});

test("an agent's own credential under main's id gets its own health; the others keep main's", () => {
  const s = load();
  assert.equal(health(s, 'ops', 'anthropic:tok')?.status, 'expired');
  assert.equal(health(s, 'main', 'anthropic:tok')?.status, 'ok');
  assert.equal(health(s, 'dev', 'anthropic:tok')?.status, 'ok');
  assert.equal(health(s, 'work', 'anthropic:tok')?.status, 'ok');
});

test("agents that inherit main's profiles untouched share main's answers rather than recomputing them", () => {
  const s = load();
  const mainHealth = health(s, 'main', 'anthropic:tok');
  assert.ok(mainHealth);
  assert.equal(health(s, 'dev', 'anthropic:tok'), mainHealth, 'the same health object');
  assert.equal(health(s, 'work', 'anthropic:tok'), mainHealth, 'usage stats of another profile do not matter');
  assert.notEqual(health(s, 'ops', 'anthropic:tok'), mainHealth);
});
