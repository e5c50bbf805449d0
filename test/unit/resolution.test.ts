import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadOpenClawState, type LoadStateOptions } from '../../server/src/openclaw/state.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const H = 3600e3;
const SETUP = 'sk-ant-oat01-' + 'T'.repeat(95);
const KEY = 'sk-ant-api03-' + 'K'.repeat(60);
const MODEL = { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6' } } };

type Profiles = Record<string, Record<string, unknown>>;

/** Resolves a home holding this store (and config) for the default agent, at a fixed clock. */
function resolve(store: Record<string, unknown>, config: Record<string, unknown> = MODEL, opts: Partial<LoadStateOptions> = {}, extra: Record<string, unknown> = {}) {
  return withTempDir((home) => {
    writeTree(home, { '.openclaw/openclaw.json': config, '.openclaw/agents/main/agent/auth-profiles.json': store, ...extra });
    const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW, ...opts });
    return state.agents.find((a) => a.agentId === state.selectedAgentId)!.status;
  });
}
const storeOf = (profiles: Profiles, rest: Record<string, unknown> = {}) => ({ version: 1, profiles, ...rest });
const token = (expires?: unknown) => ({ type: 'token', provider: 'anthropic', token: SETUP, ...(expires === undefined ? {} : { expires }) });
const oauth = (expires: unknown) => ({ type: 'oauth', provider: 'anthropic', access: 'acc-' + 'A'.repeat(30), refresh: 'ref-' + 'R'.repeat(30), expires });
const apiKey = (key: string = KEY) => ({ type: 'api_key', provider: 'anthropic', key });

describe('profile status: ok / expiring (≤ 24 h) / expired / static / missing', () => {
  const rows: { name: string; cred: Record<string, unknown>; status: string; reason?: string; check: number }[] = [
    { name: 'api key', cred: apiKey(), status: 'static', check: 0 },
    { name: 'token without expires', cred: token(), status: 'static', check: 0 },
    { name: 'token valid 30 days', cred: token(NOW + 30 * 24 * H), status: 'ok', check: 0 },
    { name: 'token 24 h + 1 ms left', cred: token(NOW + 24 * H + 1), status: 'ok', check: 0 },
    { name: 'token exactly 24 h left', cred: token(NOW + 24 * H), status: 'expiring', check: 2 },
    { name: 'token 2 h left', cred: token(NOW + 2 * H), status: 'expiring', check: 2 },
    { name: 'token expired an hour ago', cred: token(NOW - H), status: 'expired', reason: 'expired', check: 1 },
    { name: 'token expires written in seconds (1970)', cred: token(Math.floor((NOW + 30 * 24 * H) / 1000)), status: 'expired', reason: 'expired', check: 1 },
    { name: 'token expires not a number', cred: token('2026-12-01'), status: 'missing', reason: 'invalid_expires', check: 1 },
    { name: 'token expires beyond 8.64e15', cred: token(9e15), status: 'missing', reason: 'invalid_expires', check: 1 },
    { name: 'token without a secret', cred: { type: 'token', provider: 'anthropic', expires: NOW + 30 * 24 * H }, status: 'missing', reason: 'missing_credential', check: 1 },
    { name: 'oauth valid', cred: oauth(NOW + 10 * 24 * H), status: 'ok', check: 0 },
    { name: 'oauth expiring', cred: oauth(NOW + 3 * H), status: 'expiring', check: 2 },
    { name: 'oauth expired', cred: oauth(NOW - 1), status: 'expired', check: 1 },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const s = resolve(storeOf({ 'anthropic:p': row.cred }));
      const p = s.profiles.find((x) => x.profileId === 'anthropic:p');
      assert.equal(p?.status, row.status);
      if (row.reason) assert.equal(p?.reasonCode, row.reason);
      assert.equal(s.checkCode, row.check);
    });
  }

  it('a wider --warn-window turns ok into expiring', () => {
    const store = storeOf({ 'anthropic:p': token(NOW + 48 * H) });
    assert.equal(resolve(store).profiles[0]?.status, 'ok');
    assert.equal(resolve(store, MODEL, { warnMs: 72 * H }).profiles[0]?.status, 'expiring');
    assert.equal(resolve(store, MODEL, { warnMs: 72 * H }).checkCode, 2);
  });
});

describe('--check exit code for providers in use', () => {
  const rows: { name: string; profiles: Profiles; config?: Record<string, unknown>; env?: string; check: number; missing?: string[] }[] = [
    { name: 'nothing at all: the default model provider (openai) is missing', profiles: {}, config: {}, check: 1, missing: ['openai'] },
    { name: 'in-use provider with no credential', profiles: { 'openai:k': { type: 'api_key', provider: 'openai', key: 'sk-proj-' + 'o'.repeat(30) } }, check: 1, missing: ['anthropic'] },
    { name: 'a profile of a provider not in use never fails', profiles: { 'anthropic:k': apiKey(), 'openai:t': { type: 'token', provider: 'openai', token: 'tok-' + 'x'.repeat(30), expires: NOW - H } }, check: 0, missing: [] },
    { name: 'expired token beside a usable api key is fine (2026.6.1)', profiles: { 'anthropic:t': token(NOW - H), 'anthropic:k': apiKey() }, check: 0, missing: [] },
    { name: 'expiring token beside an api key: the provider is still expiring', profiles: { 'anthropic:t': token(NOW + H), 'anthropic:k': apiKey() }, check: 2, missing: [] },
    { name: 'expired token but the key is in the env file', profiles: { 'anthropic:t': token(NOW - H) }, env: `ANTHROPIC_API_KEY=${KEY}\n`, check: 0, missing: [] },
    { name: 'expiring token but the key is in the env file', profiles: { 'anthropic:t': token(NOW + H) }, env: `ANTHROPIC_API_KEY=${KEY}\n`, check: 0, missing: [] },
    { name: 'fallback provider without credential fails', profiles: { 'anthropic:k': apiKey() }, config: { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6', fallbacks: ['openai/gpt-5.5'] } } } }, check: 1, missing: ['openai'] },
    { name: 'image model provider counts as in use', profiles: { 'anthropic:k': apiKey() }, config: { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6', imageModel: 'google/gemini-3' } } }, check: 1, missing: ['google'] },
    { name: 'an alias resolves to its provider', profiles: { 'anthropic:k': apiKey() }, config: { agents: { defaults: { model: 'sonnet', models: { 'anthropic/claude-sonnet-4-6': { alias: 'sonnet' } } } } }, check: 0, missing: [] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const s = resolve(storeOf(row.profiles), row.config ?? MODEL, {}, row.env ? { '.openclaw/.env': row.env } : {});
      assert.equal(s.checkCode, row.check);
      if (row.missing) assert.deepEqual(s.missingProvidersInUse, row.missing);
    });
  }

  it('per-agent model applies with an explicit --agent', () => {
    const config = { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6' }, list: [{ id: 'main', default: true }, { id: 'ops', model: 'openai/gpt-5.5' }] } };
    const s = resolve(storeOf({ 'anthropic:k': apiKey() }), config, { agentId: 'ops' });
    assert.deepEqual(s.missingProvidersInUse, ['openai']);
    assert.ok(s.providersInUse.includes('openai') && !s.providersInUse.includes('anthropic'));
  });
});

describe('effective order', () => {
  const four: Profiles = {
    'anthropic:key': apiKey(),
    'anthropic:tok': token(NOW + 30 * 24 * H),
    'anthropic:oa': oauth(NOW + 30 * 24 * H),
    'anthropic:key2': apiKey('sk-ant-api03-' + 'L'.repeat(60)),
  };
  const rows: { name: string; store: Record<string, unknown>; config?: Record<string, unknown>; state?: Record<string, unknown>; order: string[] }[] = [
    { name: 'default: oauth, then token, then api keys', store: storeOf(four), order: ['anthropic:oa', 'anthropic:tok', 'anthropic:key', 'anthropic:key2'] },
    { name: 'default: least recently used first within a type', store: storeOf(four, { usageStats: { 'anthropic:key': { lastUsed: NOW - 1000 }, 'anthropic:key2': { lastUsed: NOW - 9000 } } }), order: ['anthropic:oa', 'anthropic:tok', 'anthropic:key2', 'anthropic:key'] },
    { name: 'store order is followed as written', store: storeOf(four, { order: { anthropic: ['anthropic:key2', 'anthropic:tok'] } }), order: ['anthropic:key2', 'anthropic:tok'] },
    { name: 'config auth.order when the store has none', store: storeOf(four), config: { ...MODEL, auth: { order: { anthropic: ['anthropic:key', 'anthropic:oa'] } } }, order: ['anthropic:key', 'anthropic:oa'] },
    { name: 'store order beats config auth.order', store: storeOf(four, { order: { anthropic: ['anthropic:tok'] } }), config: { ...MODEL, auth: { order: { anthropic: ['anthropic:key'] } } }, order: ['anthropic:tok'] },
    { name: 'auth-state.json order overrides the store order', store: storeOf(four, { order: { anthropic: ['anthropic:tok'] } }), state: { version: 1, order: { anthropic: ['anthropic:key2'] } }, order: ['anthropic:key2'] },
    { name: 'expired profiles leave the order', store: storeOf({ ...four, 'anthropic:tok': token(NOW - H) }, { order: { anthropic: ['anthropic:tok', 'anthropic:key'] } }), order: ['anthropic:key'] },
    { name: 'a cooling-down profile moves last in an explicit order', store: storeOf(four, { order: { anthropic: ['anthropic:oa', 'anthropic:key'] }, usageStats: { 'anthropic:oa': { cooldownUntil: NOW + H } } }), order: ['anthropic:key', 'anthropic:oa'] },
    { name: 'a disabled profile moves last by default', store: storeOf(four, { usageStats: { 'anthropic:oa': { disabledUntil: NOW + 5 * H, disabledReason: 'billing' } } }), order: ['anthropic:tok', 'anthropic:key', 'anthropic:key2', 'anthropic:oa'] },
    { name: 'an order naming only unknown profiles falls back to the store', store: storeOf({ 'anthropic:key': apiKey() }, { order: { anthropic: ['anthropic:gone'] } }), order: ['anthropic:key'] },
    { name: 'config auth.profiles mode must match the stored type', store: storeOf(four), config: { ...MODEL, auth: { profiles: { 'anthropic:key': { provider: 'anthropic', mode: 'api_key' }, 'anthropic:tok': { provider: 'anthropic', mode: 'api_key' } } } }, order: ['anthropic:key'] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const extra = row.state ? { '.openclaw/agents/main/agent/auth-state.json': row.state } : {};
      const s = resolve(row.store, row.config ?? MODEL, {}, extra);
      assert.deepEqual(s.effectiveOrder.anthropic, row.order);
    });
  }
});

describe('cooldown and disabled profiles', () => {
  it('lists unusable profiles soonest first with kind and reason, and tags their labels', () => {
    const s = resolve(
      storeOf(
        { 'anthropic:a': apiKey(), 'anthropic:b': apiKey('sk-ant-api03-' + 'M'.repeat(60)), 'anthropic:c': apiKey('sk-ant-api03-' + 'N'.repeat(60)) },
        { usageStats: { 'anthropic:a': { disabledUntil: NOW + 48 * H, disabledReason: 'billing' }, 'anthropic:b': { cooldownUntil: NOW + H }, 'anthropic:c': { cooldownUntil: NOW - H } } },
      ),
    );
    assert.deepEqual(
      s.unusableProfiles.map((u) => [u.profileId, u.kind, u.reason, u.remainingMs]),
      [['anthropic:b', 'cooldown', undefined, H], ['anthropic:a', 'disabled', 'billing', 48 * H]],
    );
    const labels = s.providers.find((p) => p.provider === 'anthropic')?.profiles.labels ?? [];
    assert.ok(labels.includes('anthropic:a=sk-ant-a...KKKKKKKK [disabled:billing 2d]'), labels.join(' | '));
    assert.ok(labels.includes('anthropic:b=sk-ant-a...MMMMMMMM [cooldown 1h]'), labels.join(' | '));
    assert.ok(labels.includes('anthropic:c=sk-ant-a...NNNNNNNN'), labels.join(' | '));
  });

  it('openrouter ignores cooldowns (OpenClaw bypasses them)', () => {
    const s = resolve(storeOf({ 'openrouter:k': { type: 'api_key', provider: 'openrouter', key: 'sk-or-v1-' + 'r'.repeat(40) } }, { usageStats: { 'openrouter:k': { cooldownUntil: NOW + H } } }));
    assert.deepEqual(s.unusableProfiles, []);
  });
});

describe('providers listed and how they are served', () => {
  it('profiles, env, models.json and missing each say where the credential comes from', () => {
    const config = {
      agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6', fallbacks: ['mistral/large', 'groq/llama'] } } },
      models: { providers: { mistral: { apiKey: 'mistral-' + 'm'.repeat(30) } } },
    };
    const s = withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': config, '.openclaw/agents/main/agent/auth-profiles.json': storeOf({ 'anthropic:k': apiKey() }), '.openclaw/.env': 'OPENAI_API_KEY=sk-proj-' + 'p'.repeat(40) + '\n' });
      return loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW }).agents[0]!.status;
    });
    const by = new Map(s.providers.map((p) => [p.provider, p.effective]));
    assert.deepEqual(by.get('anthropic'), { kind: 'profiles', detail: '~/.openclaw/agents/main/agent/auth-profiles.json' });
    assert.deepEqual(by.get('openai'), { kind: 'env', detail: 'sk-proj-...pppppppp' });
    assert.deepEqual(by.get('mistral'), { kind: 'models.json', detail: 'mistral-...mmmmmmmm' });
    assert.equal(by.get('groq'), undefined);
    assert.deepEqual(s.missingProvidersInUse, ['groq']);
    assert.equal(s.checkCode, 1);
  });
});
