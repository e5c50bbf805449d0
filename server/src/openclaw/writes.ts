import { loadConfig, type LoadedConfig } from './config/config.js';
import { planAuthProfileEntry } from './config/configWriter.js';
import { readTextFile } from './fileRead.js';
import {
  authStatePath, authStorePath, defaultAgentDir, DEFAULT_AGENT_ID, normalizeAgentId, resolveConfigPath, resolveEnvAgentDirOverride, resolveStateDir, resolveUserPath,
  type PathEnv,
} from './paths.js';
import { words } from './issues.js';
import { findByProvider, normalizeProviderId } from './providerIds.js';
import { readAuthRouting } from './resolve/profileOrder.js';
import { detectStoreLayout } from './rules/layout.js';
import { statusRules, type CompatVersion } from './rules/rules.js';
import { loadOpenClawState } from './state.js';
import { isRecord } from './stores/authStore.js';
import { JsonStoreWriter } from './stores/jsonStoreWriter.js';
import { readSqliteOrder, SqliteStoreWriter } from './stores/sqliteWriter.js';
import { parseStoreFile } from './stores/storeSource.js';
import { WriteRefused, type CredentialChange, type CredentialStoreWriter, type WriteResult } from './stores/storeWriter.js';

export { WriteRefused, type CredentialChange, type WriteResult } from './stores/storeWriter.js';

/** Which home, which agent, and which OpenClaw release's rules a write follows. */
export interface WriteRequestOptions {
  env: PathEnv;
  /** Overrides `$OPENCLAW_STATE_DIR` (CLI `--state-dir`, the extension's setting). */
  stateDir?: string;
  /** As `openclaw models auth … --agent ID`; otherwise the configured default agent. */
  agentId?: string;
  /** Force a release's layout: `2026.3` (order in the store), `2026.9` (SQLite); otherwise detected on disk. */
  compat?: CompatVersion | '2026.9';
}

export type OrderSource = 'config' | 'store' | 'auth-state' | 'sqlite-state' | 'default';

/** Where a write goes, resolved the way the read side (state.ts) and OpenClaw's auth commands do. */
interface WriteTarget {
  stateDir: string;
  configPath: string;
  config: LoadedConfig;
  agentId: string;
  agentDir: string;
  mainDir: string;
  layout: 'json' | 'sqlite';
  orderIn: 'auth-state' | 'store';
}

/**
 * The one entry for every credential write, from the CLI and the language server alike: resolves
 * state dir, agent and layout, then applies the change through the store's own writer and, for
 * `paste-token`, adds `auth.profiles.<id>` to openclaw.json as `openclaw models auth paste-token`
 * does. Throws `WriteRefused` (never with a secret in it) when it will not write.
 */
export function applyCredentialChange(options: WriteRequestOptions, change: CredentialChange): WriteResult {
  checkNames(change);
  const target = resolveWriteTarget(options, change.kind === 'paste-token');
  // Checked before the store is touched, so a config we could not update never leaves half a change.
  const configPlan = change.kind === 'paste-token'
    ? planAuthProfileEntry(target.configPath, change.profileId, { provider: change.provider, mode: change.credentialType })
    : undefined;
  if (change.kind === 'order-set' && target.layout === 'json') checkOrderProfiles(target, change.provider, change.profileIds);
  const result = writerFor(target).apply(change);
  const configWritten = configPlan?.commit() ?? [];
  return { written: [...result.written, ...configWritten], summary: result.summary };
}

/**
 * The order override for a provider and where it comes from, as the detected release reads it:
 * auth-state.json over the store's `order` (2026.6), the store's `order` (2026.3), the SQLite state
 * row (2026.9), then `auth.order` in openclaw.json; `effective` is the order OpenClaw would try.
 */
export function readAuthOrder(options: WriteRequestOptions, provider: string): { order: string[] | undefined; source: OrderSource; effective: string[] } {
  const target = resolveWriteTarget(options, false);
  const key = normalizeProviderId(provider);
  const state = loadOpenClawState({
    env: options.env,
    ...(options.stateDir ? { stateDir: options.stateDir } : {}),
    agentId: target.agentId,
    ...(options.compat && options.compat !== '2026.9' ? { compat: options.compat } : {}),
  });
  const agent = state.agents.find((a) => a.agentId === state.selectedAgentId);
  const effective = [...(findByProvider(agent?.status.effectiveOrder, key) ?? [])];
  const found = orderOverride(target, key, agent?.store.order);
  if (found) return { ...found, effective };
  const configured = findByProvider(readAuthRouting(target.config.config.raw).order, key);
  if (configured && configured.length > 0) return { order: [...configured], source: 'config', effective };
  return { order: undefined, source: 'default', effective };
}

function orderOverride(target: WriteTarget, provider: string, mergedOrder: Record<string, string[]> | undefined): { order: string[]; source: OrderSource } | undefined {
  if (target.layout === 'sqlite') {
    const found = readSqliteOrder({ stateDir: target.stateDir, agentId: target.agentId, agentDir: target.agentDir }, provider);
    return found.order ? { order: found.order, source: 'sqlite-state' } : undefined;
  }
  if (target.orderIn === 'auth-state') {
    const ids = orderIn(authStatePath(target.agentDir), provider);
    if (ids) return { order: ids, source: 'auth-state' };
  }
  const own = orderIn(authStorePath(target.agentDir), provider);
  if (own) return { order: own, source: 'store' };
  // Inherited from main's store (the merged store holds it, the agent's own files do not).
  const inherited = findByProvider(mergedOrder, provider);
  return inherited && inherited.length > 0 ? { order: [...inherited], source: 'store' } : undefined;
}

function orderIn(file: string, provider: string): string[] | undefined {
  const read = readTextFile(file, { oftenMissing: true });
  if (read.kind !== 'ok') return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(read.text);
  } catch {
    return undefined;
  }
  const ids = isRecord(doc) && isRecord(doc.order) ? findByProvider(doc.order, provider) : undefined;
  return Array.isArray(ids) && ids.length > 0 ? ids.filter((x): x is string => typeof x === 'string') : undefined;
}

/** `pastesToken`: 2026.3's paste-token has no --agent and writes main's store (or OPENCLAW_AGENT_DIR's). */
function resolveWriteTarget(options: WriteRequestOptions, pastesToken: boolean): WriteTarget {
  const env: PathEnv = options.stateDir ? { ...options.env, OPENCLAW_STATE_DIR: options.stateDir } : options.env;
  const stateDir = resolveStateDir(env);
  const configPath = resolveConfigPath(env, stateDir);
  const config = loadConfig(configPath);
  const cfg = config.config;
  const rules = statusRules(options.compat === '2026.3' ? '2026.3' : undefined);
  const configuredIds = cfg.agents.length > 0 ? cfg.agents.map((a) => a.id) : [DEFAULT_AGENT_ID];
  let agentId: string;
  if (options.agentId !== undefined) {
    agentId = normalizeAgentId(options.agentId);
    if (!configuredIds.includes(agentId)) {
      throw new WriteRefused('write/unknown-agent', words('Unknown agent id "{0}". Configured agents: {1}.', String(options.agentId), configuredIds.join(', ')));
    }
  } else {
    // OpenClaw's auth commands write the configured default agent's store (OPENCLAW_AGENT_DIR does not
    // move them), except 2026.3's paste-token, which writes main's.
    agentId = pastesToken && !rules.defaultAgentSelectsStore ? DEFAULT_AGENT_ID : cfg.defaultAgentId;
  }
  const dirOf = (id: string) => {
    const configured = cfg.agents.find((a) => a.id === id)?.agentDir;
    return configured ? resolveUserPath(configured, env) : defaultAgentDir(stateDir, id);
  };
  const envAgentDir = pastesToken && options.agentId === undefined && rules.envAgentDirIsMain ? resolveEnvAgentDirOverride(env) : undefined;
  const agentDir = envAgentDir ?? dirOf(agentId);
  const layout =
    options.compat === '2026.9' ? 'sqlite'
    : options.compat === '2026.3' ? 'json'
    : detectStoreLayout(stateDir, cfg, [...new Set([agentDir, ...configuredIds.map(dirOf)])]).kind;
  return {
    stateDir, configPath, config, agentId, agentDir, mainDir: dirOf(DEFAULT_AGENT_ID), layout,
    orderIn: rules.readsAuthState ? 'auth-state' : 'store',
  };
}

function writerFor(target: WriteTarget): CredentialStoreWriter {
  if (target.layout === 'json') return new JsonStoreWriter({ agentId: target.agentId, agentDir: target.agentDir, orderIn: target.orderIn });
  return new SqliteStoreWriter({ stateDir: target.stateDir, agentId: target.agentId, agentDir: target.agentDir });
}

/**
 * As `openclaw models auth order set` checks: every id names a profile the agent can see (its own
 * store or main's) of that provider. Checked before the lock, as OpenClaw does.
 */
function checkOrderProfiles(target: WriteTarget, provider: string, ids: string[]): void {
  const key = normalizeProviderId(provider);
  const own = parseStoreFile(authStorePath(target.agentDir)).store;
  const main = target.agentDir === target.mainDir ? undefined : parseStoreFile(authStorePath(target.mainDir)).store;
  for (const id of ids) {
    const credential = own?.profiles[id] ?? main?.profiles[id];
    if (!credential) throw new WriteRefused('write/unknown-profile', words('Auth profile "{0}" not found for agent {1}.', id, target.agentId), { file: authStorePath(target.agentDir), path: ['profiles'] });
    if (normalizeProviderId(credential.provider) !== key) throw new WriteRefused('write/provider-mismatch', words('Auth profile "{0}" is for {1}, not {2}.', id, String(credential.provider), key));
  }
}

/** Names JavaScript gives a meaning of their own: OpenClaw loses a profile or provider so named when it loads the store. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function checkNames(change: CredentialChange): void {
  const names: ['provider' | 'profile', string][] = [];
  if ('provider' in change) names.push(['provider', change.provider]);
  if ('profileId' in change) names.push(['profile', change.profileId]);
  if (change.kind === 'order-set') for (const id of change.profileIds) names.push(['profile', id]);
  for (const [what, name] of names) {
    if (!name.trim()) throw new WriteRefused('write/empty-name', what === 'provider' ? words('The provider is empty.') : words('The profile id is empty.'));
    if (RESERVED_NAMES.has(name.trim())) {
      throw new WriteRefused('write/reserved-name', what === 'provider'
        ? words('"{0}" cannot be a provider: OpenClaw loses it when it loads the store.', name)
        : words('"{0}" cannot be a profile id: OpenClaw loses it when it loads the store.', name));
    }
  }
}
