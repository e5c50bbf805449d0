import type { FakeHomeCase } from '../support/fakeHome.ts';
import { Random } from './random.ts';

/**
 * Random OpenClaw homes for the differential test: profiles of every type, expiries around the
 * thresholds, env / .env / config keys, orders, several agents, cooldowns and broken files.
 * Every secret is a canary (contains CANARY) so a leak is easy to spot.
 */
const PROVIDERS = ['anthropic', 'openai', 'openrouter', 'google', 'openai-codex', 'mistral', 'groq'] as const;
const MODELS: Record<string, string[]> = {
  anthropic: ['claude-sonnet-4-5', 'claude-opus-4-6'],
  openai: ['gpt-5.2', 'gpt-5.5'],
  openrouter: ['anthropic/claude-sonnet-4-5', 'openai/gpt-5'],
  google: ['gemini-2.5-pro'],
  'openai-codex': ['gpt-5.2'],
  mistral: ['mistral-large-latest'],
  groq: ['llama-3.3-70b'],
};
const ENV_VARS: Record<string, string[]> = {
  anthropic: ['ANTHROPIC_API_KEY', 'ANTHROPIC_OAUTH_TOKEN'],
  openai: ['OPENAI_API_KEY'],
  openrouter: ['OPENROUTER_API_KEY'],
  google: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  'openai-codex': ['OPENAI_API_KEY'],
  mistral: ['MISTRAL_API_KEY'],
  groq: ['GROQ_API_KEY'],
};
/** Offsets from now for `expires`, clustered around 0 and the 24 h warning threshold. */
const EXPIRY_OFFSETS = ['-30d', '-2d', '-3h', '-20m', '+20m', '+3h', '+23h', '+25h', '+3d', '+40d'] as const;

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function secret(r: Random, provider: string, kind: 'key' | 'token' | 'access'): string {
  const len = r.pick([3, 10, 40, 80]);
  const body = 'CANARY' + r.chars(ALNUM, len);
  if (provider === 'anthropic') return kind === 'token' ? `sk-ant-oat01-${body}` : `sk-ant-api03-${body}`;
  if (provider === 'openrouter') return `sk-or-v1-${body}`;
  if (kind === 'access') return `eyJ${body}`;
  return r.chance(0.2) ? body.slice(0, r.pick([4, 7, 12])) : `sk-${body}`;
}

function expiresValue(r: Random): unknown {
  const roll = r.next();
  if (roll < 0.7) return `$EXP(${r.pick(EXPIRY_OFFSETS).replace(/([+-]\d+)([smhd])/, '$1$2')})`;
  if (roll < 0.8) return `$EXPS(${r.pick(['+30d', '-2d'])})`;
  if (roll < 0.87) return r.pick([0, -5, 'soon', 9e15]);
  return undefined;
}

function credential(r: Random, provider: string): Record<string, unknown> {
  const type = r.pick(['api_key', 'api_key', 'token', 'token', 'oauth', 'oauth', 'bogus']);
  const c: Record<string, unknown> = { type, provider };
  if (r.chance(0.05)) delete c.provider;
  if (type === 'api_key' || type === 'bogus') {
    const roll = r.next();
    if (roll < 0.8) c.key = secret(r, provider, 'key');
    else if (roll < 0.9) c.keyRef = { source: 'env', provider: 'default', id: r.pick(ENV_VARS[provider] ?? ['X_API_KEY']) };
    else c.key = '';
  } else if (type === 'token') {
    c.token = r.chance(0.93) ? secret(r, provider, 'token') : '';
    const e = expiresValue(r);
    if (e !== undefined) c.expires = e;
  } else {
    c.access = r.chance(0.93) ? secret(r, provider, 'access') : '';
    if (r.chance(0.8)) c.refresh = `rt_CANARY${r.chars(ALNUM, 20)}`;
    const e = expiresValue(r);
    if (e !== undefined) c.expires = e;
    if (r.chance(0.3)) c.email = `user${r.int(1, 9)}@example.com`;
  }
  return c;
}

function modelRef(r: Random, provider: string): string {
  return `${provider}/${r.pick(MODELS[provider] ?? ['m'])}`;
}

function store(r: Random, providers: string[]): { profiles: Record<string, unknown>; ids: string[] } {
  const profiles: Record<string, unknown> = {};
  const n = r.int(0, 4);
  for (let i = 0; i < n; i++) {
    const provider = r.pick(providers);
    const id = `${provider}:${r.pick(['default', 'work', 'manual', 'me', 'backup'])}`;
    profiles[id] = credential(r, provider);
  }
  return { profiles, ids: Object.keys(profiles) };
}

export interface GenerateOptions {
  /**
   * Also move things with the path variables (`OPENCLAW_STATE_DIR`, `OPENCLAW_CONFIG_PATH`,
   * `OPENCLAW_AGENT_DIR`). Off by default so the seeds `npm test` measures keep their homes.
   */
  paths?: boolean;
  /**
   * Also `models.providers.<p>.apiKey` in the forms OpenClaw knows, and the whole home under
   * `OPENCLAW_HOME` or in the legacy `~/.clawdbot` folder. Drawn after everything else (and after
   * `paths`), so the homes of the other modes stay as they were.
   */
  extended?: boolean;
}

export function generateHome(seed: number, options: GenerateOptions = {}): FakeHomeCase & { seed: number } {
  const r = new Random(seed);
  const used = r.subset(PROVIDERS, 3);
  const providers = used.length > 0 ? used : ['anthropic'];
  const files: Record<string, unknown> = {};
  const env: Record<string, string> = {};
  const args: string[] = [];

  // Config: agents, models, auth routing, env block.
  const defaults: Record<string, unknown> = {};
  const primaryProvider = r.pick(providers);
  defaults.model = r.chance(0.5)
    ? { primary: modelRef(r, primaryProvider), ...(r.chance(0.4) ? { fallbacks: [modelRef(r, r.pick(PROVIDERS))] } : {}) }
    : { primary: modelRef(r, primaryProvider) };
  if (r.chance(0.15)) defaults.imageModel = { primary: modelRef(r, r.pick(PROVIDERS)) };
  if (r.chance(0.2)) defaults.models = { [modelRef(r, r.pick(providers))]: r.chance(0.5) ? { alias: 'fast' } : {} };
  const config: Record<string, unknown> = { agents: { defaults } };
  const agentIds = ['main'];
  if (r.chance(0.35)) {
    const list: Record<string, unknown>[] = [{ id: 'main' }];
    const extra = r.pick(['work', 'ops']);
    agentIds.push(extra);
    const agentEntry: Record<string, unknown> = { id: extra };
    if (r.chance(0.5)) agentEntry.model = modelRef(r, r.pick(PROVIDERS));
    list.push(agentEntry);
    if (r.chance(0.3)) (list[1] as Record<string, unknown>).default = true;
    (config.agents as Record<string, unknown>).list = list;
    if (r.chance(0.5)) args.push('--agent', extra);
  }

  // Stores, one per agent, with order / usage state sometimes.
  const storeIds: string[] = [];
  for (const agent of agentIds) {
    if (agent !== 'main' && r.chance(0.4)) continue;
    const { profiles, ids } = store(r, providers);
    storeIds.push(...ids);
    const body: Record<string, unknown> = { version: 1, profiles };
    if (ids.length > 1 && r.chance(0.3)) {
      const p = (profiles[ids[0] as string] as { provider?: string }).provider ?? 'anthropic';
      body.order = { [p]: r.chance(0.8) ? [...ids].reverse() : [`${p}:ghost`] };
    }
    if (ids.length > 0 && r.chance(0.25)) {
      const id = r.pick(ids);
      body.usageStats = {
        [id]: r.chance(0.5)
          ? { cooldownUntil: `$EXP(${r.pick(['+2h', '-1h'])})`, errorCount: 2 }
          : { disabledUntil: `$EXP(${r.pick(['+3d', '-1d'])})`, disabledReason: 'billing' },
      };
    }
    const file = `.openclaw/agents/${agent}/agent/auth-profiles.json`;
    const breakage = r.next();
    if (breakage < 0.04) files[file] = '{ "version": 1, "profiles": { ';
    else if (breakage < 0.07) files[file] = { openrouter: { apiKey: `sk-or-v1-CANARY${r.chars(ALNUM, 30)}` } };
    else if (breakage < 0.09) files[file] = profiles;
    else files[file] = body;
    if (ids.length > 1 && r.chance(0.15)) {
      const p = (profiles[ids[0] as string] as { provider?: string }).provider ?? 'anthropic';
      files[`.openclaw/agents/${agent}/agent/auth-state.json`] = { version: 1, order: { [p]: [ids[1], ids[0]] } };
    }
  }
  const auth: Record<string, unknown> = {};
  if (storeIds.length > 1 && r.chance(0.2)) {
    const p = storeIds[0]?.split(':')[0] ?? 'anthropic';
    auth.order = { [p]: [...storeIds].filter((id) => id.startsWith(`${p}:`)).reverse() };
  }
  if (storeIds.length > 0 && r.chance(0.15)) {
    const id = r.pick(storeIds);
    auth.profiles = { [id]: { provider: id.split(':')[0], mode: r.pick(['api_key', 'token', 'oauth']) } };
  }
  if (Object.keys(auth).length > 0) config.auth = auth;

  // Environment: process env, the state .env, the config env block.
  const envProvider = r.pick(providers);
  const envVar = r.pick(ENV_VARS[envProvider] ?? ['OPENAI_API_KEY']);
  const envSecret = secret(r, envProvider, 'key');
  const where = r.next();
  if (where < 0.2) env[envVar] = envSecret;
  else if (where < 0.4) files['.openclaw/.env'] = `# keys\n${r.chance(0.3) ? 'export ' : ''}${envVar}="${envSecret}"\r\nOTHER=1\n`;
  else if (where < 0.5) config.env = r.chance(0.5) ? { [envVar]: envSecret } : { vars: { [envVar]: envSecret } };
  if (r.chance(0.1)) files['.openclaw/.env'] = `${envVar}=${secret(r, envProvider, 'key')}\n`;
  // A working folder's .env (OpenClaw refuses provider keys there) and the XDG gateway.env.
  if (r.chance(0.1)) files['.env'] = `${r.pick(ENV_VARS[r.pick(providers)] ?? ['OPENAI_API_KEY'])}=${secret(r, envProvider, 'key')}\nFOO=bar\n`;
  if (r.chance(0.08)) files['.config/openclaw/gateway.env'] = `${r.pick(ENV_VARS[r.pick(providers)] ?? ['OPENAI_API_KEY'])}=${secret(r, envProvider, 'key')}\n`;

  files['.openclaw/openclaw.json'] = config;
  // Drawn last, so a seed's home is the same with or without them up to this point.
  if (options.paths) movePaths(r, files, env, agentIds, providers);
  if (options.extended) {
    configureProviderKeys(r, config, files, env, providers);
    moveHome(r, files, env);
  }
  return { seed, description: `random home #${seed}`, files, env, args };
}

/** Relocates the state dir, the config or the agent dir the way the path variables do. */
function movePaths(r: Random, files: Record<string, unknown>, env: Record<string, string>, agentIds: string[], providers: string[]): void {
  const roll = r.next();
  if (roll < 0.3) {
    // The whole state dir elsewhere; ~/.openclaw then holds nothing (gateway.env stops being read).
    for (const rel of Object.keys(files).filter((f) => f.startsWith('.openclaw/'))) {
      files[`state/${rel.slice('.openclaw/'.length)}`] = files[rel];
      delete files[rel];
    }
    env.OPENCLAW_STATE_DIR = '$HOME/state';
  } else if (roll < 0.6) {
    // The config elsewhere, sometimes with a .env beside it, while the state dir stays.
    files['cfg/openclaw.json'] = files['.openclaw/openclaw.json'];
    delete files['.openclaw/openclaw.json'];
    env.OPENCLAW_CONFIG_PATH = '$HOME/cfg/openclaw.json';
    if (r.chance(0.6)) {
      const p = r.pick(providers);
      files['cfg/.env'] = `${r.pick(ENV_VARS[p] ?? ['OPENAI_API_KEY'])}=${secret(r, p, 'key')}\n`;
    }
  } else if (roll < 0.8) {
    // An agent dir named by the environment: one of the agents' dirs, or a folder of its own.
    const agent = r.pick([...agentIds, 'elsewhere']);
    env.OPENCLAW_AGENT_DIR = agent === 'elsewhere' ? '$HOME/agent-dir' : `$HOME/.openclaw/agents/${agent}/agent`;
    if (agent === 'elsewhere') {
      const { profiles } = store(r, providers);
      files['agent-dir/auth-profiles.json'] = { version: 1, profiles };
    }
  }
}

/** A custom variable for `${VAR}` and env-reference keys (not a provider's own variable). */
const CUSTOM_VAR = 'MY_GATEWAY_KEY';
const LOCAL_SERVER = { baseUrl: 'http://127.0.0.1:11434', api: 'ollama', models: [{ id: 'llama3', name: 'Llama 3' }] };

/** `models.providers` entries whose `apiKey` takes each form OpenClaw resolves (or refuses). */
function configureProviderKeys(r: Random, config: Record<string, unknown>, files: Record<string, unknown>, env: Record<string, string>, providers: string[]): void {
  if (!r.chance(0.75)) return;
  const entries: Record<string, unknown> = {};
  for (const provider of r.subset([...providers, 'lmstudio'], 2)) {
    const envVar = r.pick(ENV_VARS[provider] ?? ['OPENAI_API_KEY']);
    // A complete entry (what a provider OpenClaw does not ship needs), a partial one, or a bare overlay.
    const shape = r.next();
    const entry: Record<string, unknown> =
      shape < 0.4 ? { baseUrl: 'https://api.example.com/v1', models: [{ id: 'm1', name: 'M1' }] } : shape < 0.5 ? { baseUrl: 'https://api.example.com/v1' } : {};
    const form = r.pick(['literal', 'literal', 'env-name', 'template', 'env-ref', 'vault-ref', 'file-ref', 'oauth-marker', 'local', 'blank', 'none']);
    if (form === 'literal') entry.apiKey = `${r.chance(0.2) ? ' ' : ''}${secret(r, provider, 'key')}`;
    else if (form === 'env-name') entry.apiKey = envVar;
    else if (form === 'template') entry.apiKey = `\${${CUSTOM_VAR}}`;
    else if (form === 'env-ref') entry.apiKey = { source: 'env', provider: 'default', id: r.chance(0.5) ? CUSTOM_VAR : envVar };
    else if (form === 'vault-ref') entry.apiKey = { source: 'env', provider: 'vault', id: CUSTOM_VAR };
    else if (form === 'file-ref') entry.apiKey = { source: 'file', provider: 'default', id: '/nonexistent/key' };
    else if (form === 'oauth-marker') entry.apiKey = `oauth:${provider}`;
    else if (form === 'local') Object.assign(entry, { apiKey: 'ollama-local' }, r.chance(0.7) ? structuredClone(LOCAL_SERVER) : {});
    // Now and then a model without its required name: OpenClaw then refuses the whole config.
    if (Array.isArray(entry.models) && r.chance(0.1)) delete (entry.models[0] as Record<string, unknown>).name;
    else if (form === 'blank') entry.apiKey = '  ';
    entries[r.chance(0.2) ? provider.toUpperCase() : provider] = entry;
    // The variables those forms name: set in the process env or the state .env, or left unset.
    const value = secret(r, provider, 'key');
    const name = form === 'env-name' ? envVar : CUSTOM_VAR;
    const where = r.next();
    if (where < 0.45) env[name] = value;
    else if (where < 0.75) files['.openclaw/.env'] = `${typeof files['.openclaw/.env'] === 'string' ? files['.openclaw/.env'] : ''}${name}=${value}\n`;
  }
  config.models = { providers: entries };
  if (r.chance(0.3)) config.secrets = { providers: { vault: { source: 'env', allowlist: [CUSTOM_VAR] } } };
}

/** The whole OpenClaw home under `OPENCLAW_HOME`, or in the legacy `~/.clawdbot`, when no path variable moved it already. */
function moveHome(r: Random, files: Record<string, unknown>, env: Record<string, string>): void {
  if (env.OPENCLAW_STATE_DIR || env.OPENCLAW_CONFIG_PATH || env.OPENCLAW_AGENT_DIR) return;
  const roll = r.next();
  let to: string;
  if (roll < 0.3) {
    const base = r.pick(['oc-home', 'nested/oc']);
    to = `${base}/.openclaw/`;
    env.OPENCLAW_HOME = r.chance(0.5) ? `$HOME/${base}` : `~/${base}`;
  } else if (roll < 0.45) {
    to = '.clawdbot/';
  } else return;
  for (const rel of Object.keys(files).filter((f) => f.startsWith('.openclaw/'))) {
    files[to + rel.slice('.openclaw/'.length)] = files[rel];
    delete files[rel];
  }
}
