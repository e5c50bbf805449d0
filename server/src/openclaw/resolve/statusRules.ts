import type { GlobalEnvFiles } from '../env/envFiles.js';
import type { ProviderCatalog } from '../env/providerCatalog.js';
import type { AuthStore } from '../credential.js';
import type { PathEnv } from '../paths.js';
import type { ProfileHealthRule } from './health.js';

/** OpenClaw releases whose `models status` rules we can follow besides the reference (2026.6.1). */
export const COMPAT_VERSIONS = ['2026.3'] as const;
export type CompatVersion = (typeof COMPAT_VERSIONS)[number];

/**
 * The points where OpenClaw releases disagree on the same files. Each flag is named after what the
 * older release does; the facts come from reading and running 2026.3.13 (docs/differences.md).
 */
export interface StatusRules {
  version: '2026.6' | CompatVersion;
  catalog: ProviderCatalog;
  /** 2026.3: an expired token fails `--check` even when another credential of the provider works. */
  expiredProfileFailsCheck: boolean;
  /**
   * 2026.3: `--check` looks at every token/OAuth profile in the store, whether or not its provider
   * is in use: any expired or unreadable expiry gives 1, any expiring gives 2.
   */
  checkCoversEveryProfile: boolean;
  /** 2026.3: a provider with any stored profile is never listed in `missingProvidersInUse`. */
  profilesPreventMissing: boolean;
  /**
   * How a stored credential becomes ok / expiring / expired / missing / static. 2026.3: OAuth from
   * `expires` alone and `ok` whenever it has a refresh token; no upper bound on `expires`.
   */
  profileHealth: ProfileHealthRule;
  /**
   * 2026.6: `models status` without `--agent` reads the configured default agent's store.
   * 2026.3 reads main's (or `OPENCLAW_AGENT_DIR`'s) whatever agent is marked default.
   */
  defaultAgentSelectsStore: boolean;
  /**
   * 2026.6: an agent that names its own primary model (`"model": "p/m"`) runs without the defaults'
   * fallbacks; 2026.3 keeps them unless the agent lists its own `fallbacks`.
   */
  agentPrimaryClearsFallbacks: boolean;
  /**
   * 2026.6: a provider served by profiles names the agent's store as `effective.detail`; 2026.3
   * always names the default store (main's, or `OPENCLAW_AGENT_DIR`'s), even under `--agent`.
   */
  detailNamesAgentStore: boolean;
  /** 2026.6: provider keys in a working folder's `.env` are ignored; 2026.3 loads that file whole. */
  blocksWorkspaceProviderKeys: boolean;
  /**
   * 2026.3: with `OPENCLAW_AGENT_DIR` set, that folder is "main" for every agent: it is the store
   * laid under `--agent`'s and the one named as the profiles' source. 2026.6 keeps main's.
   */
  envAgentDirIsMain: boolean;
  /** 2026.6: order overrides in `auth-state.json` apply; 2026.3 never reads that file. */
  readsAuthState: boolean;
  /** How a secondary agent's store is laid over main's (2026.3 keeps usage stats of unknown profiles). */
  mergeMainIntoAgent: (main: AuthStore, agent: AuthStore) => AuthStore;
  /**
   * The env files read at start. 2026.6: the state dir's `.env`, `~/.config/openclaw/gateway.env`,
   * then `.env` of the config's folder; 2026.3: the state dir's `.env` only.
   */
  envFiles: (env: PathEnv) => GlobalEnvFiles;
}

