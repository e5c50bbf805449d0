import type { GlobalEnvFiles } from '../env/envFiles.js';
import type { ProviderCatalog } from '../env/providerCatalog.js';
import type { AuthStore } from '../credential.js';
import type { PathEnv } from '../paths.js';
import type { ProfileHealthRule } from './health.js';

/**
 * OpenClaw releases whose `models status` rules we follow: 2026.3 (2026.3.13), 2026.6 (2026.6.1, the
 * reference) and 2026.9 (2026.9.6, `latest`, SQLite stores). `--compat` names one; otherwise the
 * home decides (rules/detectRules.ts).
 */
export const COMPAT_VERSIONS = ['2026.3', '2026.6', '2026.9'] as const;
export type CompatVersion = (typeof COMPAT_VERSIONS)[number];

/**
 * The points where OpenClaw releases disagree on the same files. Each flag is named after what the
 * older release does; the facts come from reading and running 2026.3.13 (docs/differences.md).
 */
export interface StatusRules {
  version: CompatVersion;
  catalog: ProviderCatalog;
  /**
   * 2026.9: a retired credential file (`auth-profiles.json`, `auth.json`, `credentials/oauth.json`)
   * beside a store with no profiles makes `models status` refuse with AUTH_PROFILE_MIGRATION_REQUIRED
   * (exit 1, no status); beside a store that has profiles it is only ignored.
   */
  retiredCredentialFilesRefuse: boolean;
  /**
   * 2026.9: a model in use with no usable credential and no stored profile for its provider, that
   * is not one of `routeResolvedProviders` listed by a plugin starting with the CLI
   * (`catalog.judgesModelAuth`), is not "missing" but a route
   * whose auth "could not be confirmed" (`auth.modelRouteIssues`, kind indeterminate): left out of
   * `missingProvidersInUse`, still exit 1. Seen on its runs: openai/gpt-5.5 missing, openai/gpt-5.2,
   * google/gemini-2.5-pro, openrouter/… and mistral/… unconfirmed; groq with expired profiles missing.
   */
  unknownProvidersIndeterminate: boolean;
  /**
   * 2026.9: the providers whose models it resolves routes for (its OpenAI route resolver): a model
   * of theirs that the catalogue lists is judged without a stored profile. Any other provider's
   * model is unconfirmed then, listed or not (seen: anthropic/claude-opus-4-8).
   */
  routeResolvedProviders: readonly string[];
  /**
   * 2026.9: providers whose models run on a runtime no bundled plugin provides (openai → the
   * `codex` agent harness): `--check` exits 1 whenever one is in use, whatever its credentials
   * (`auth.runtimeAuthRoutes[].status` "unavailable").
   */
  runtimeUnavailableProviders: readonly string[];
  /**
   * 2026.9: a model's route is judged by the profiles in its order (resolve/routeAvailability.ts):
   * the first ready one not cooling down serves it; an OAuth login it could only refresh (a refresh
   * token beside an expired or absent access token; openai's it refreshes, so those are ready)
   * leaves the route unconfirmed (`auth.modelRouteIssues`, evidence "profile", exit 1) rather than
   * missing; profiles all cooling down, or an explicit order with none usable, leave it missing; an
   * env key counts only when no eligible profile is declared (an expired token is not eligible,
   * an expired OAuth login is), a config key beside them. Seen on its runs; 2026.6.1 counted the env key.
   */
  routesJudgedByProfileReadiness: boolean;
  /**
   * 2026.9: `--check` judges each model by the profile it would run on (the first usable one in
   * order): exit 2 only when that one is expiring; an expired or expiring neighbour behind it does
   * not count. Exit 1 for a missing provider, an unconfirmed route or an unavailable runtime.
   */
  checkFollowsSelectedProfile: boolean;
  /**
   * 2026.9: the agent's utility model counts as in use (resolve/utilityModel.ts): its `utilityModel`,
   * else the one its primary model's plugin declares (anthropic → claude-haiku-4-5, openai →
   * gpt-5.6-luna). Judged like a fallback, but never on the Codex runtime. Seen on its runs
   * (`utilityModel` in its JSON): an agent on mistral or openrouter adds nothing.
   */
  utilityModelInUse: boolean;
  /**
   * 2026.9: usage stats (cooldowns, disablements) show only for profiles the store holds once
   * loaded (one dropped for an unknown type or never stored has none); `inline-api-key:` ids, the
   * config key's own stats, stay. 2026.6.1 lists them all (seen on its runs).
   */
  usageStatsNeedStoredProfile: boolean;
  /** 2026.9: an image model's provider is never listed in `missingProvidersInUse` (an unconfirmed image route still makes `--check` exit 1). */
  imageModelsNeverMissing: boolean;
  /**
   * 2026.9 rejects configs 2026.6.1 ran with: several agents without `agents.ownership: "explicit"`
   * or exactly one `default: true`; a key set directly in the `env` block (config/refusals2026_9.ts).
   */
  strictConfig2026_9: boolean;
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

