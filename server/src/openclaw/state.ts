import fs from 'node:fs';
import path from 'node:path';
import { resolveAgentAuth, type AgentAuthStatus, type CheckCode } from './resolve/agentStatus.js';
import { loadConfig, type LoadedConfig } from './config/config.js';
import { emptyStore, type AuthStore } from './credential.js';
import { collectEnvSources, type EnvMode, type EnvSources } from './env/envSources.js';
import { isBlockedWorkspaceDotenvKey } from './env/envFiles.js';
import { DEFAULT_WARN_MS } from './expiry.js';
import type { SourceIssue } from './issues.js';
import { detectStoreLayout, type StoreLayout } from './rules/layout.js';
import { detectRuleSet, type RuleSetChoice } from './rules/detectRules.js';
import { legacyProfiles } from './stores/legacyStores.js';
import { ProfileFacts } from './resolve/profileFacts.js';
import { readAuthRouting } from './resolve/profileOrder.js';
import {
  authStorePath, defaultAgentDir, DEFAULT_AGENT_ID, normalizeAgentId, globalSqlitePath, legacyAuthPath, legacyOAuthPath, listAgentIdsOnDisk,
  agentSqlitePath, resolveConfigPath, resolveEnvAgentDirOverride, resolveStateDir, resolveUserPath, shortenHomePath, type PathEnv,
} from './paths.js';
import { statusRules, type CompatVersion, type StatusRules } from './rules/rules.js';
import { mainStoreInStateDb, SqliteStoreSource } from './stores/sqliteSource.js';
import { loadSqlite } from './stores/sqliteRead.js';
import { daemonServiceEnv, shellEnvFacts, type LoginShellProbe } from './env/loginShellEnv.js';
import { JsonFileStoreSource, type CredentialStoreSource, type StoreSnapshot } from './stores/storeSource.js';
import { issue, words } from './issues.js';
import { configRefusals } from './config/configRefusals.js';
import { refusals2026_9 } from './config/refusals2026_9.js';

export interface LoadStateOptions {
  /** The environment that decides paths and, in shell mode, supplies keys. */
  env: PathEnv;
  mode?: EnvMode;
  cwd?: string;
  /** Overrides `$OPENCLAW_STATE_DIR` (CLI `--state-dir`, the extension's setting). */
  stateDir?: string;
  /** Resolve as `models status --agent ID`: the agent's own models apply. */
  agentId?: string;
  /**
   * Resolve every other configured agent as `models status --agent <its id>` would, with its own
   * models (the editor's tree shows each agent); otherwise they get the default agent's models, as
   * plain `models status` does for the store it lists.
   */
  otherAgentsAsExplicit?: boolean;
  /**
   * Resolve every configured agent, the selected one included, as `models status --agent <its id>`
   * would (`metrics`: each agent as the gateway runs it, each comparable with `status --agent`).
   */
  everyAgentAsExplicit?: boolean;
  now?: number;
  warnMs?: number;
  /** Follow this OpenClaw release's rules (`--compat 2026.3|2026.6|2026.9`) instead of the home's own. */
  compat?: CompatVersion;
  /**
   * The version of the `openclaw` on PATH, asked only when the home names no release (the CLI
   * passes one that runs `openclaw --version` once; the engine starts no process itself).
   */
  openclawOnPath?: () => string | undefined;
  /**
   * Runs the user's login shell when OpenClaw would (env.shellEnv / OPENCLAW_LOAD_SHELL_ENV).
   * Opt-in: without it the engine starts no process and reports the import as `not-run`. The CLI
   * passes runLoginShell (one process, one run); the language server a LoginShellCache, since it
   * resolves on every file change and a profile may take seconds (a gateway also reads it once).
   */
  loginShell?: LoginShellProbe;
}

export interface AgentState {
  agentId: string;
  agentDir: string;
  isDefault: boolean;
  configured: boolean;
  /** The agent's own store, where it was read from. */
  source: StoreSnapshot;
  /** The store after main's profiles are laid under it and legacy files are imported. */
  store: AuthStore;
  /** Profile ids that come from main's store rather than the agent's own. */
  inheritedFromMain: string[];
  status: AgentAuthStatus;
}

export interface OpenClawState {
  /** The environment that located the files (shortens paths to `~` for display). */
  pathEnv: PathEnv;
  stateDir: string;
  stateDirExists: boolean;
  configPath: string;
  config: LoadedConfig;
  layout: StoreLayout;
  envFile: string;
  env: EnvSources;
  mode: EnvMode;
  defaultAgentId: string;
  /** The agent `models status` reports on (explicit, from OPENCLAW_AGENT_DIR, or the default). */
  selectedAgentId: string;
  agents: AgentState[];
  issues: SourceIssue[];
  /**
   * Why OpenClaw would refuse to run on this config (also in `issues`): `openclaw models status`
   * then prints nothing and exits 1, which `--check` follows.
   */
  refusals: SourceIssue[];
  now: number;
  warnMs: number;
  rules: StatusRules;
  /** Which release's rules apply and why (`--compat`, the store files, openclaw.json, PATH). */
  ruleSet: RuleSetChoice;
}

/**
 * The `--check` exit code for an agent: its credentials' code, or 1 when OpenClaw would refuse to
 * run on this config at all (`openclaw models status` exits 1 then, whatever the credentials).
 */
export function checkCodeOf(state: OpenClawState, agent: AgentState): CheckCode {
  return state.refusals.length > 0 ? 1 : agent.status.checkCode;
}

export class UnknownAgentError extends Error {
  constructor(readonly agentId: string, readonly known: string[]) {
    super(`Unknown agent id "${agentId}". Configured agents: ${known.join(', ')}.`);
  }
}

/** Reads everything under an OpenClaw state dir and resolves every agent. Never writes, never throws on bad files. */
export function loadOpenClawState(options: LoadStateOptions): OpenClawState {
  const now = options.now ?? Date.now();
  const warnMs = options.warnMs ?? DEFAULT_WARN_MS;
  const mode = options.mode ?? 'shell';
  const env: PathEnv = options.stateDir ? { ...options.env, OPENCLAW_STATE_DIR: options.stateDir } : options.env;
  const stateDir = resolveStateDir(env);
  const configPath = resolveConfigPath(env, stateDir);
  const config = loadConfig(configPath);
  const cfg = config.config;
  const issues: SourceIssue[] = [...config.issues];

  const configuredIds = cfg.agents.length > 0 ? cfg.agents.map((a) => a.id) : [DEFAULT_AGENT_ID];
  // `--agent "My Agent"` names the agent whose id normalises to `my-agent`, as in OpenClaw.
  const requestedAgentId = options.agentId !== undefined ? normalizeAgentId(options.agentId) : undefined;
  if (requestedAgentId !== undefined && !configuredIds.includes(requestedAgentId)) {
    throw new UnknownAgentError(options.agentId ?? requestedAgentId, configuredIds);
  }
  // Looked up per agent: a Set and a Map keep a fleet of N agents from costing N² comparisons.
  const configuredSet = new Set(configuredIds);
  const configuredAgents = new Map<string, (typeof cfg.agents)[number]>();
  for (const a of cfg.agents) if (!configuredAgents.has(a.id)) configuredAgents.set(a.id, a); // the first wins, as find() did
  const agentDirOf = (id: string) => {
    const configured = configuredAgents.get(id)?.agentDir;
    return configured ? resolveUserPath(configured, env) : defaultAgentDir(stateDir, id);
  };
  const envAgentDir = options.agentId || options.everyAgentAsExplicit ? undefined : resolveEnvAgentDirOverride(env);
  // The layout and the rule set come before any agent is chosen: the rules decide which one is.
  const homeIds = [...new Set([...configuredIds, ...listAgentIdsOnDisk(stateDir), DEFAULT_AGENT_ID])];
  const homeDirs = [...homeIds.map(agentDirOf), ...(envAgentDir ? [envAgentDir] : [])];
  const layout = detectStoreLayout(stateDir, cfg, homeDirs);
  const ruleSet = detectRuleSet({ layout, agentDirs: homeDirs, ...(options.compat ? { compat: options.compat } : {}), ...(options.openclawOnPath ? { openclawOnPath: options.openclawOnPath } : {}) });
  const rules = statusRules(ruleSet.version);
  const catalog = rules.catalog;
  // 2026.3 reads main's store unless --agent names another, whichever agent is marked default.
  const selectedAgentId = requestedAgentId ?? (rules.defaultAgentSelectsStore ? cfg.defaultAgentId : DEFAULT_AGENT_ID);
  const ids = [...new Set([...configuredIds, ...listAgentIdsOnDisk(stateDir), selectedAgentId])];
  const dirs = new Map(ids.map((id) => [id, id === selectedAgentId && envAgentDir ? envAgentDir : agentDirOf(id)]));

  const { envFile, gatewayEnvFile, configDirEnvFile } = rules.envFiles(env);
  const envSources = collectEnvSources({
    mode,
    processEnv: options.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stateEnvFile: envFile,
    ...(gatewayEnvFile ? { gatewayEnvFile } : {}),
    ...(configDirEnvFile ? { configDirEnvFile } : {}),
    isBlockedInWorkspaceDotenv: (key) => rules.blocksWorkspaceProviderKeys && isBlockedWorkspaceDotenvKey(key, catalog),
    configEnv: cfg.raw.env,
    configPath,
    loginShell: {
      facts: shellEnvFacts[rules.version === '2026.3' ? '2026.3.13' : '2026.6.1'],
      ...(mode === 'daemon' ? { daemonEnv: daemonServiceEnv(env) } : {}),
      ...(options.loginShell ? { probe: options.loginShell } : {}),
    },
  });
  issues.push(...envSources.issues);
  // Learnt from 2026.6.1 (docs/differences.md); the 2026.3 column is not checked for it.
  const refusals = rules.version === '2026.3' ? [] : configRefusals(cfg.raw, configPath, envSources.values, catalog);
  if (rules.strictConfig2026_9) refusals.push(...refusals2026_9(cfg.raw, configPath));
  issues.push(...refusals);
  for (const b of envSources.blockedWorkspaceKeys) {
    issues.push(issue('env/workspace-key-ignored', 'warning', b.file, words('OpenClaw ignores {0} in a working folder\'s .env (a repository may not supply credentials). Put it in {1}.', b.key, shortenHomePath(envFile, env))));
  }

  const mainDir = defaultAgentDir(stateDir, DEFAULT_AGENT_ID);
  const global = globalSqlitePath(stateDir);
  // Unable to read SQLite here, we cannot see `auth.sharedStore`: name the global database, which then reports why.
  const mainInStateDb = layout.kind === 'sqlite' && (loadSqlite() ? mainStoreInStateDb(global) : fs.existsSync(global));
  const sourceFor = (dir: string): CredentialStoreSource => {
    if (layout.kind === 'json') return new JsonFileStoreSource(dir, rules.readsAuthState);
    if (dir === mainDir && mainInStateDb) return new SqliteStoreSource({ kind: 'state-db', database: global });
    return new SqliteStoreSource({ kind: 'agent-db', database: agentSqlitePath(dir) });
  };
  const loaded = new Map<string, StoreSnapshot>();
  const loadDir = (dir: string): StoreSnapshot => {
    let s = loaded.get(dir);
    if (!s) {
      s = sourceFor(dir).load();
      if (layout.kind === 'sqlite') s.issues.push(...retiredJsonIssues(dir, s, dir === mainDir ? legacyOAuthPath(stateDir) : undefined));
      issues.push(...s.issues);
      loaded.set(dir, s);
    }
    return s;
  };
  /** The agent's own store, or what OpenClaw imports when it has none. */
  const ownStore = (dir: string, snapshot: StoreSnapshot): AuthStore => {
    if (snapshot.store) return snapshot.store;
    if (layout.kind !== 'json') return emptyStore();
    const legacyIssues: SourceIssue[] = [];
    const profiles = legacyProfiles(legacyAuthPath(dir), legacyOAuthPath(stateDir), legacyIssues);
    issues.push(...legacyIssues);
    return { version: 1, profiles };
  };

  const resolvesAsExplicit = (agentId: string) =>
    options.everyAgentAsExplicit
      ? configuredSet.has(agentId)
      : agentId === selectedAgentId
      ? options.agentId !== undefined
      : Boolean(options.otherAgentsAsExplicit) && configuredSet.has(agentId);
  // 2026.3: the store every agent inherits is OPENCLAW_AGENT_DIR's when that is set, not main's.
  const baseDir = rules.envAgentDirIsMain ? (resolveEnvAgentDirOverride(env) ?? mainDir) : mainDir;
  const mainSnapshot = loadDir(baseDir);
  const mainStorePath = authStorePath(baseDir);
  const mainStore = ownStore(baseDir, mainSnapshot);
  // With main's store shared in the global database, OpenClaw 2026.9 still reads main's own agent
  // database (where `models auth order set` writes) and lays it over the shared store for main, as
  // it does for any agent; the other agents inherit the shared store alone.
  const mainOwnLayer = mainInStateDb && loadSqlite() ? new SqliteStoreSource({ kind: 'agent-db', database: agentSqlitePath(mainDir) }).load() : undefined;
  if (mainOwnLayer) issues.push(...mainOwnLayer.issues);
  const displayEnv = env;
  // Asked for every provider of every agent; the answer depends on the folder shown only.
  const displayPaths = new Map<string, string>();
  // One per load: every agent's merged store shares main's credential objects (see profileFacts.ts).
  const facts = new ProfileFacts(cfg.raw, readAuthRouting(cfg.raw), rules.profileHealth, now, warnMs, catalog, envSources.values);
  // Every agent's store is read first, then every agent resolved: each phase keeps its own code and
  // data warm in the processor's caches, which on a fleet home is measurably faster (bench/status).
  const read = ids.map((agentId) => {
    const dir = dirs.get(agentId) ?? agentDirOf(agentId);
    const isMainStore = dir === baseDir || authStorePath(dir) === mainStorePath;
    const snapshot = isMainStore ? mainSnapshot : loadDir(dir);
    const own = isMainStore ? mainStore : ownStore(dir, snapshot);
    return { agentId, dir, isMainStore, snapshot, own };
  });
  // 2026.9 refuses the whole `models status` when the store it reads, or main's, still needs an import.
  if (rules.retiredCredentialFilesRefuse) {
    const selectedDir = dirs.get(selectedAgentId) ?? agentDirOf(selectedAgentId);
    for (const dir of new Set([selectedDir, baseDir])) {
      const needs = loaded.get(dir)?.issues.find((i) => i.code === 'store/retired-json-needs-migration');
      if (needs) refusals.push(needs);
    }
  }
  const agents: AgentState[] = read.map(({ agentId, dir, isMainStore, snapshot, own }) => {
    const mainLayer = dir === mainDir ? mainOwnLayer?.store : undefined;
    const store = !isMainStore ? rules.mergeMainIntoAgent(mainStore, own) : mainLayer ? rules.mergeMainIntoAgent(own, mainLayer) : own;
    const inheritedFromMain = isMainStore ? [] : Object.keys(store.profiles).filter((id) => !own.profiles[id]);
    const storeDisplayPath = (profileIds: readonly string[]) => {
      // OpenClaw names main's store when every listed profile comes from main and none from the agent.
      const fromAgent = profileIds.some((id) => Boolean(snapshot.store?.profiles[id]));
      const allMain = profileIds.every((id) => Boolean(mainSnapshot.store?.profiles[id]));
      // 2026.3 always names the default store (main's, or OPENCLAW_AGENT_DIR's), even under --agent.
      const shown = !rules.detailNamesAgentStore ? baseDir : !isMainStore && !fromAgent && allMain ? mainDir : dir;
      let display = displayPaths.get(shown);
      if (display === undefined) {
        // JSON era: the agent's auth-profiles.json; SQLite era: the database that holds the store.
        const file = layout.kind === 'json' ? authStorePath(shown) : (loaded.get(shown)?.file ?? authStorePath(shown));
        display = shortenHomePath(file, displayEnv);
        displayPaths.set(shown, display);
      }
      return display;
    };
    // One plain literal, no conditional spread: a spread makes each input's hidden class anew,
    // and when they die a full GC discards resolveAgentAuth's optimised code (keepShapeAlive.ts).
    const status = resolveAgentAuth({
      store,
      storeDisplayPath,
      config: cfg,
      explicitAgentId: resolvesAsExplicit(agentId) ? agentId : undefined,
      agentId,
      env: envSources.values,
      rules,
      now,
      warnMs,
      facts,
    });
    return {
      agentId,
      agentDir: dir,
      isDefault: agentId === cfg.defaultAgentId,
      configured: configuredSet.has(agentId),
      source: snapshot,
      store,
      inheritedFromMain,
      status,
    };
  });

  return {
    pathEnv: env,
    stateDir,
    stateDirExists: fs.existsSync(stateDir),
    configPath,
    config,
    layout,
    envFile,
    env: envSources,
    mode,
    defaultAgentId: cfg.defaultAgentId,
    selectedAgentId,
    agents,
    issues,
    refusals,
    now,
    warnMs,
    rules,
    ruleSet,
  };
}

/**
 * Under the SQLite layout the retired credential files (`auth-profiles.json`, `auth.json`, and for
 * main `credentials/oauth.json`) are never read; say what happens instead. A store with profiles
 * makes them merely ignored; an empty one makes OpenClaw 2026.9 refuse until `doctor --fix` imports them.
 */
function retiredJsonIssues(dir: string, sqliteSnapshot: StoreSnapshot, legacyOAuthFile: string | undefined): SourceIssue[] {
  const file = [authStorePath(dir), legacyAuthPath(dir), ...(legacyOAuthFile ? [legacyOAuthFile] : [])].find((f) => fs.existsSync(f));
  if (!file) return [];
  // Without a readable database we cannot tell "ignored" from "needs migration": the SQLite issue says why.
  if (sqliteSnapshot.exists && !sqliteSnapshot.store && sqliteSnapshot.issues.length > 0) return [];
  const hasProfiles = Object.keys(sqliteSnapshot.store?.profiles ?? {}).length > 0;
  const name = path.basename(file);
  return [
    hasProfiles
      ? issue('store/retired-json-ignored', 'warning', file, words('This OpenClaw keeps credentials in SQLite; this {0} is ignored ("retired auth profile files are ignored by runtime").', name))
      : issue('store/retired-json-needs-migration', 'error', file, words('This OpenClaw keeps credentials in SQLite and has none there: `openclaw models status` fails with AUTH_PROFILE_MIGRATION_REQUIRED until you run `openclaw doctor --fix`, which imports this {0}.', name)),
  ];
}
