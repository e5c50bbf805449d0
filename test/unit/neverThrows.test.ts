import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpretConfig, parseConfigText } from '../../server/src/openclaw/config/config.ts';
import { resolveAgentAuth } from '../../server/src/openclaw/resolve/agentStatus.ts';
import { coerceAuthStore } from '../../server/src/openclaw/stores/authStore.ts';
import type { EnvValue } from '../../server/src/openclaw/env/envSources.ts';
import { statusRules } from '../../server/src/openclaw/rules/rules.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { parseStoreText } from '../../server/src/openclaw/stores/storeSource.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

/**
 * Whatever a hand-edited file holds, the engine answers with issues, never an exception: seeded
 * random JSON in every place a store or config value can be, and random damage to valid text.
 */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['api_key', 'token', 'oauth', 'anthropic', 'openai', 'anthropic:default', 'key', 'expires', 'profiles', 'order', '', ' ', 'sk-ant-oat01-x', '${VAR}', 'oauth:x', 'ollama-local', 'ANTHROPIC_API_KEY', 'http://127.0.0.1:1', '__proto__', 'constructor'];

function randomJson(r: () => number, depth = 0): unknown {
  const pick = r();
  if (depth > 3 || pick < 0.35) {
    const scalars = [null, true, false, 0, -1, 1e20, Number.MAX_SAFE_INTEGER, 1.5, Date.now() + 3600e3, WORDS[Math.floor(r() * WORDS.length)]];
    return scalars[Math.floor(r() * scalars.length)];
  }
  if (pick < 0.55) return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) out[WORDS[Math.floor(r() * WORDS.length)]!] = randomJson(r, depth + 1);
  return out;
}

function randomStore(r: () => number): unknown {
  const profile = () => (r() < 0.7 ? { type: ['api_key', 'token', 'oauth', 'x'][Math.floor(r() * 4)], provider: randomJson(r), key: randomJson(r), token: randomJson(r), access: randomJson(r), refresh: randomJson(r), expires: randomJson(r), keyRef: randomJson(r), tokenRef: randomJson(r) } : randomJson(r));
  return {
    version: randomJson(r),
    profiles: r() < 0.9 ? { 'anthropic:a': profile(), 'openai:b': profile(), 'x:c': profile() } : randomJson(r),
    order: r() < 0.5 ? { anthropic: randomJson(r), openai: ['openai:b', randomJson(r)] } : randomJson(r),
    lastGood: randomJson(r),
    usageStats: r() < 0.5 ? { 'anthropic:a': { cooldownUntil: randomJson(r), disabledUntil: randomJson(r), disabledReason: randomJson(r), lastUsed: randomJson(r) } } : randomJson(r),
  };
}

function randomConfig(r: () => number): Record<string, unknown> {
  return {
    agents: r() < 0.8 ? { defaults: { model: r() < 0.5 ? randomJson(r) : { primary: randomJson(r), fallbacks: randomJson(r) }, imageModel: randomJson(r), models: randomJson(r), cliBackends: randomJson(r) }, list: r() < 0.6 ? [randomJson(r), { id: randomJson(r), default: randomJson(r), model: randomJson(r), agentDir: randomJson(r) }] : randomJson(r) } : randomJson(r),
    auth: r() < 0.7 ? { profiles: r() < 0.5 ? { 'anthropic:a': { provider: randomJson(r), mode: randomJson(r) } } : randomJson(r), order: r() < 0.5 ? { anthropic: randomJson(r) } : randomJson(r) } : randomJson(r),
    models: r() < 0.7 ? { providers: r() < 0.6 ? { anthropic: { apiKey: randomJson(r), baseUrl: randomJson(r), api: randomJson(r), models: randomJson(r) }, [WORDS[Math.floor(r() * WORDS.length)]!]: randomJson(r) } : randomJson(r) } : randomJson(r),
    env: randomJson(r),
    secrets: r() < 0.5 ? { providers: { vault: randomJson(r) }, defaults: randomJson(r) } : randomJson(r),
    meta: randomJson(r),
  };
}

describe('the engine never throws on hand-edited content', () => {
  it('1500 random stores and configs resolve without an exception', () => {
    const r = rng(20261126);
    const env = new Map<string, EnvValue>([['ANTHROPIC_API_KEY', { value: 'sk-ant-api03-' + 'e'.repeat(40), origin: 'state-dotenv' }]]);
    for (let i = 0; i < 1500; i++) {
      const rawStore = randomStore(r);
      const config = interpretConfig(randomConfig(r));
      const text = JSON.stringify(rawStore);
      try {
        const parsed = parseStoreText(text, '/s.json');
        const store = parsed.store ?? coerceAuthStore({ profiles: {} })!.store;
        for (const compat of [undefined, '2026.3'] as const) {
          resolveAgentAuth({ store, storeDisplayPath: () => '/s.json', config: config, env, rules: statusRules(compat), now: Date.now(), warnMs: 86400e3 });
        }
        for (const issue of parsed.issues) assert.ok(issue.offset !== undefined && issue.offset >= 0 && issue.offset <= text.length, `issue ${issue.code} has a range inside the text`);
      } catch (error) {
        assert.fail(`case ${i} threw ${(error as Error).stack}\nstore: ${text}\nconfig: ${JSON.stringify(config.raw)}`);
      }
    }
  });

  it('200 random homes on disk load for every agent without an exception', () =>
    withTempDir((home) => {
      const r = rng(99);
      for (let i = 0; i < 200; i++) {
        const files = Object.fromEntries(
          Object.entries({
            '.openclaw/openclaw.json': randomConfig(r),
            '.openclaw/agents/main/agent/auth-profiles.json': randomStore(r),
            '.openclaw/agents/work/agent/auth-profiles.json': randomStore(r),
            '.openclaw/agents/main/agent/auth-state.json': randomJson(r),
            '.openclaw/agents/main/agent/auth.json': randomJson(r),
            '.openclaw/credentials/oauth.json': randomJson(r),
          }).map(([file, value]) => [file, JSON.stringify(value) ?? 'null']),
        );
        writeTree(home, files);
        try {
          const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', cwd: home });
          assert.ok(state.agents.length > 0);
        } catch (error) {
          assert.fail(`home ${i} threw ${(error as Error).stack}\n${JSON.stringify(files)}`);
        }
      }
    }));

  it('damaged store and config text: every issue is located, nothing throws', () => {
    const r = rng(7);
    const valid = JSON.stringify({ version: 1, profiles: { 'anthropic:a': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-' + 't'.repeat(95), expires: Date.now() + 3600e3 } }, order: { anthropic: ['anthropic:a'] } }, null, 2);
    for (let i = 0; i < 1500; i++) {
      const at = Math.floor(r() * valid.length);
      const damage = [
        () => valid.slice(0, at),
        () => valid.slice(0, at) + valid.slice(at + 1 + Math.floor(r() * 5)),
        () => valid.slice(0, at) + '{}[],:"\\\u0000\ufeff'[Math.floor(r() * 10)] + valid.slice(at),
      ][Math.floor(r() * 3)]!;
      const text = damage();
      const parsed = parseStoreText(text, '/s.json');
      for (const issue of parsed.issues) {
        assert.ok(issue.offset !== undefined && issue.offset >= 0 && issue.offset + (issue.length ?? 0) <= Math.max(text.length, 1), `${issue.code} located in ${JSON.stringify(text)}`);
      }
      const config = parseConfigText(text, '/c.json');
      assert.ok(config.issues.length > 0 || typeof config.value === 'object');
    }
  });
});
