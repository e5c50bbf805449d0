import fs from 'node:fs';
import path from 'node:path';
import { tempHome } from '../../test/support/fakeHome.ts';
import {
  anthropicApiKey, genericApiKey, jwtAccessToken, openaiApiKey, openrouterApiKey, Random, refreshToken, setupToken,
} from './secrets.ts';

export interface LargeHome {
  home: string;
  stateDir: string;
  agents: number;
  profilesPerAgent: number;
  /** Every store file written (auth-profiles.json and auth-state.json), the baseline's input. */
  storeFiles: string[];
  storeBytes: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PROVIDERS = ['anthropic', 'openai', 'openai-codex', 'openrouter', 'google', 'mistral', 'groq', 'xai'] as const;
type Provider = (typeof PROVIDERS)[number];
const MODELS: Record<Provider, string> = {
  anthropic: 'anthropic/claude-sonnet-4-5',
  openai: 'openai/gpt-5.2',
  'openai-codex': 'openai-codex/gpt-5.2',
  openrouter: 'openrouter/anthropic/claude-sonnet-4-5',
  google: 'google/gemini-2.5-pro',
  mistral: 'mistral/mistral-large-latest',
  groq: 'groq/llama-3.3-70b',
  xai: 'xai/grok-4',
};

function apiKeyFor(r: Random, provider: Provider): string {
  if (provider === 'anthropic') return anthropicApiKey(r);
  if (provider === 'openai' || provider === 'openai-codex') return openaiApiKey(r);
  if (provider === 'openrouter') return openrouterApiKey(r);
  return genericApiKey(r, provider === 'google' ? 'AIza' : '');
}

/** Mostly valid for weeks; a few expiring within the day or already expired, as on a real fleet. */
function expiresAt(r: Random, now: number): number {
  const roll = r.next();
  if (roll < 0.05) return now - r.int(1, 30) * DAY;
  if (roll < 0.12) return now + r.int(1, 20) * HOUR;
  return now + r.int(2, 300) * DAY;
}

function credential(r: Random, provider: Provider, n: number, now: number): Record<string, unknown> {
  const roll = r.next();
  if (roll < 0.5 || provider === 'openrouter' || provider === 'groq') return { type: 'api_key', provider, key: apiKeyFor(r, provider) };
  if (roll < 0.75 && provider === 'anthropic') return { type: 'token', provider, token: setupToken(r), expires: expiresAt(r, now) };
  return {
    type: 'oauth', provider, access: jwtAccessToken(r), refresh: refreshToken(r), expires: expiresAt(r, now),
    email: `user${n}@example.com`, accountId: `acct_${r.int(100000, 999999)}`,
  };
}

/** One agent's store: `count` profiles over the providers, an order, lastGood and usage stats. */
function agentStore(r: Random, count: number, now: number): { store: Record<string, unknown>; state?: Record<string, unknown> } {
  const profiles: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < count; i++) {
    const provider = PROVIDERS[i % PROVIDERS.length] as Provider;
    profiles[`${provider}:p${String(i).padStart(3, '0')}`] = credential(r, provider, i, now);
  }
  const ids = Object.keys(profiles);
  const byProvider = (p: string) => ids.filter((id) => id.startsWith(`${p}:`));
  const usageStats: Record<string, Record<string, unknown>> = {};
  for (const id of ids) {
    const stats: Record<string, unknown> = { lastUsed: now - r.int(1, 90) * DAY, errorCount: 0 };
    if (r.chance(0.06)) Object.assign(stats, { cooldownUntil: now + r.int(5, 120) * 60_000, errorCount: r.int(1, 4) });
    if (r.chance(0.02)) Object.assign(stats, { disabledUntil: now + r.int(1, 5) * DAY, disabledReason: 'billing' });
    usageStats[id] = stats;
  }
  const store = {
    version: 1,
    profiles,
    order: { anthropic: byProvider('anthropic').reverse(), openai: byProvider('openai') },
    lastGood: Object.fromEntries(PROVIDERS.map((p) => [p, byProvider(p)[0]])),
    usageStats,
  };
  const state = r.chance(0.2) ? { version: 1, order: { openrouter: byProvider('openrouter').slice(0, 3) } } : undefined;
  return state ? { store, state } : { store };
}

function writeJson(file: string, value: unknown): number {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // OpenClaw writes its stores pretty-printed with two spaces, mode 0600.
  const text = JSON.stringify(value, null, 2) + '\n';
  fs.writeFileSync(file, text, { mode: 0o600 });
  return Buffer.byteLength(text);
}

/** Writes a fleet home: `agents` agents (main first) with `profilesPerAgent` profiles each. */
export function writeLargeHome(options: { agents: number; profilesPerAgent: number; seed?: number; now?: number }): LargeHome {
  const r = new Random(options.seed ?? 11);
  const now = options.now ?? Date.now();
  const home = tempHome('oc-bench-large-');
  const stateDir = path.join(home, '.openclaw');
  const ids = Array.from({ length: options.agents }, (_, i) => (i === 0 ? 'main' : `agent-${String(i).padStart(3, '0')}`));
  const list = ids.map((id, i) => {
    const entry: Record<string, unknown> = { id, name: `Agent ${i}` };
    if (i === 0) entry.default = true;
    else if (i % 4 === 1) entry.model = MODELS[PROVIDERS[i % PROVIDERS.length] as Provider];
    else if (i % 4 === 2) entry.model = { primary: MODELS.anthropic, fallbacks: [MODELS[PROVIDERS[i % PROVIDERS.length] as Provider]] };
    return entry;
  });
  const config = {
    meta: { lastTouchedVersion: '2026.6.1' },
    agents: { defaults: { model: { primary: MODELS.anthropic, fallbacks: [MODELS['openai-codex'], MODELS.openrouter] } }, list },
    auth: { profiles: { 'anthropic:p000': { provider: 'anthropic', mode: 'api_key' } } },
  };
  writeJson(path.join(stateDir, 'openclaw.json'), config);
  fs.writeFileSync(path.join(stateDir, '.env'), `OPENAI_API_KEY=${openaiApiKey(r)}\nGEMINI_API_KEY=${genericApiKey(r, 'AIza')}\n`, { mode: 0o600 });

  const storeFiles: string[] = [];
  let storeBytes = 0;
  for (const id of ids) {
    const agentDir = path.join(stateDir, 'agents', id, 'agent');
    const { store, state } = agentStore(r, options.profilesPerAgent, now);
    const storeFile = path.join(agentDir, 'auth-profiles.json');
    storeBytes += writeJson(storeFile, store);
    storeFiles.push(storeFile);
    if (state) {
      const stateFile = path.join(agentDir, 'auth-state.json');
      storeBytes += writeJson(stateFile, state);
      storeFiles.push(stateFile);
    }
  }
  return { home, stateDir, agents: options.agents, profilesPerAgent: options.profilesPerAgent, storeFiles, storeBytes };
}
