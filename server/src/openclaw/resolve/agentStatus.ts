import type { AuthStore } from '../credential.js';
import type { OpenClawConfig } from '../config/config.js';
import type { EnvValue } from '../env/envSources.js';
import { buildHealthSummary, type ProfileHealth, type ProviderHealth } from './health.js';
import { agentModels, providersFromModels, providerUses, type AgentModels, type ProviderUse } from '../config/modelRefs.js';
import { ProfileOrdering, readAuthRouting, type AuthRouting } from './profileOrder.js';
import type { StatusRules } from './statusRules.js';
import { normalizeProviderId } from '../providerIds.js';
import { profileLabel, secretLabel, type ProviderOverview } from './providerOverview.js';
import { ProfileFacts } from './profileFacts.js';
import { resolveConfiguredProviderKey } from '../config/configProviderKey.js';
import { maskSecret } from '../mask.js';
import { isRecord } from '../stores/authStore.js';
import { RESERVED_KEY } from '../recordDraft.js';
import { utilityModelOf, type UtilityModel } from './utilityModel.js';
import { storedSecretReadiness } from './secretReadiness.js';
import { evaluateRoute, isOAuthRefreshFence, oauthReadiness, type RouteAvailability } from './routeAvailability.js';

/** Usage stats of a key set in the config (2026.9 keeps them though no profile has the id). */
const INLINE_KEY_USAGE_PREFIX = 'inline-api-key:';

/** The `--check` exit code: 0 fine, 1 expired or missing, 2 expiring (OpenClaw's own codes). */
export type CheckCode = 0 | 1 | 2;

export interface UnusableProfile {
  profileId: string;
  provider?: string;
  kind: 'cooldown' | 'disabled';
  reason?: string;
  until: number;
  remainingMs: number;
}

export interface AgentAuthInput {
  store: AuthStore;
  /** Shown as `effective.detail` for providers served by profiles (`~/.openclaw/agents/main/agent/auth-profiles.json`). */
  storeDisplayPath: (profileIds: readonly string[]) => string;
  config: OpenClawConfig;
  /** Set when the user named the agent (`--agent`): its own model settings then apply. */
  explicitAgentId?: string | undefined;
  /** The agent resolved, named or not (2026.9 counts its utility model as in use either way). */
  agentId?: string;
  env: ReadonlyMap<string, EnvValue>;
  rules: StatusRules;
  now: number;
  warnMs: number;
  /**
   * Per-profile answers shared by the agents of one load (same config, rules, env, `now`, `warnMs`):
   * main's profiles then resolve once, not once per agent. A fresh one is made when absent.
   */
  facts?: ProfileFacts;
}

/** One entry of OpenClaw 2026.9's `auth.modelRouteIssues`. */
export interface ModelRouteIssue {
  kind: 'indeterminate';
  provider: string;
  model: string;
  /** "profile" when a stored profile left it open (an OAuth login status would have to refresh). */
  evidence?: 'profile';
  message: string;
}

export interface AgentAuthStatus {
  models: AgentModels;
  providers: ProviderOverview[];
  profiles: ProfileHealth[];
  providerHealth: ProviderHealth[];
  missingProvidersInUse: string[];
  /** 2026.9: models whose auth could not be confirmed (OpenClaw's `auth.modelRouteIssues`); empty under older rules. */
  modelRouteIssues: ModelRouteIssue[];
  /** 2026.9: providers in use whose runtime no bundled plugin provides (openai: the codex harness); `--check` exits 1. */
  runtimeUnavailable: string[];
  unusableProfiles: UnusableProfile[];
  providersInUse: string[];
  /** Per provider, the profile ids in the order OpenClaw would try them (usable ones only). */
  effectiveOrder: Record<string, string[]>;
  checkCode: CheckCode;
  /** 2026.9: the agent's utility model, as its JSON's `utilityModel` says it; undefined under older rules. */
  utilityModel?: Omit<UtilityModel, 'use'>;
}

/**
 * Answers, for one agent, which credential OpenClaw will use for each provider and whether it is
 * still good, following `openclaw models status` (2026.6.1) rule for rule.
 */
export function resolveAgentAuth(input: AgentAuthInput): AgentAuthStatus {
  const { store, config, rules, now, env } = input;
  const catalog = rules.catalog;
  const raw = config.raw;
  const routing: AuthRouting = readAuthRouting(raw);
  const ordering = new ProfileOrdering(store, routing, catalog, now);
  const models = agentModels(config, input.explicitAgentId, rules.agentPrimaryClearsFallbacks);
  const utilityAgentId = input.explicitAgentId ?? input.agentId;
  const utilityModel = rules.utilityModelInUse && utilityAgentId ? utilityModelOf(config, utilityAgentId, catalog) : undefined;
  const uses: ProviderUse[] = usesUnderRules(models, utilityModel?.use);
  const facts = input.facts ?? new ProfileFacts(raw, routing, rules.profileHealth, now, input.warnMs, catalog, env);

  // Store, config, models, env: in that order into one set (no intermediate arrays per agent), then sorted.
  const providerSet = new Set<string>();
  const addProvider = (p: string) => {
    if (p) providerSet.add(p);
  };
  for (const p of ordering.profileProviders()) providerSet.add(p);
  const modelsSection = isRecord(raw.models) && isRecord(raw.models.providers) ? raw.models.providers : {};
  for (const p of Object.keys(modelsSection)) addProvider(normalizeProviderId(p));
  for (const p of providersFromModels(models)) providerSet.add(p);
  for (const p of facts.providersWithEnvKey()) providerSet.add(p);
  const allProviders = [...providerSet].sort((a, b) => a.localeCompare(b));

  const displayLabel = (id: string) => facts.displayLabel(id, store);
  const labelCtx = { store, catalog, now, displayLabel, unusableUntil: (id: string) => ordering.unusableUntil(id) };
  const profileOverviewLabel = (id: string) => {
    const credential = store.profiles[id];
    return credential ? facts.label(id, credential, labelCtx) : profileLabel(id, credential, labelCtx);
  };

  const overviews: ProviderOverview[] = [];
  for (const provider of allProviders) {
    // Profiles of every provider that shares this provider's auth id (claude-cli shows anthropic's).
    const ids = ordering.storeProfilesFor(provider);
    const counts = countTypes(ids, ordering);
    const envKey = facts.envKey(provider);
    const customKey = resolveConfiguredProviderKey(raw, provider, env, catalog);
    const overview: ProviderOverview = {
      provider,
      effective: ids.length > 0
        ? { kind: 'profiles', detail: input.storeDisplayPath(ids) }
        : envKey
          ? { kind: 'env', detail: envDisplay(envKey.source, envKey.secret) }
          : customKey?.usable
            ? { kind: 'models.json', detail: secretLabel(customKey.usable, undefined, 'api-key', catalog) }
            // OpenClaw names an `oauth:` marker as the source even though it holds no usable key.
            : customKey?.configured.startsWith('oauth:') ? { kind: 'models.json', detail: secretLabel(customKey.configured, undefined, 'api-key', catalog) } : { kind: 'missing', detail: 'missing' },
      profiles: { count: ids.length, oauth: counts.oauth, token: counts.token, apiKey: counts.apiKey, labels: ids.map(profileOverviewLabel) },
      profileIds: ids,
    };
    if (envKey) overview.env = envKey;
    if (customKey) overview.modelsJson = { value: secretLabel(customKey.configured, undefined, 'api-key', catalog), source: 'models.json', usable: Boolean(customKey.usable) };
    if (overview.profiles.count > 0 || overview.env || overview.modelsJson) overviews.push(overview);
  }
  const overviewByProvider = new Map(overviews.map((o) => [o.provider, o]));

  const health = buildHealthSummary(store, ordering, displayLabel, now, input.warnMs, (id, credential, label, _now, _warnMs, eligibility) => facts.health(id, credential, label, eligibility));
  const healthById = health.byId;
  // A profile counts as usable when its stored material is (API keys) or its health says so (tokens, OAuth).
  const usableProfile = (id: string): boolean => {
    const stored = ordering.stored(id);
    if (!stored) return false;
    const h = stored.credential.type !== 'api_key' ? healthById.get(id) : undefined;
    if (h) return h.status === 'ok' || h.status === 'expiring' || h.status === 'static';
    return stored.eligibility.eligible;
  };

  // Asked again for every provider in use and every overview; the answer depends on the provider only.
  const candidateLists = new Map<string, readonly string[]>();
  const candidatesFor = (provider: string): readonly string[] => {
    let list = candidateLists.get(provider);
    if (!list) {
      list = computeCandidates(provider);
      candidateLists.set(provider, list);
    }
    return list;
  };
  const computeCandidates = (provider: string): readonly string[] => {
    const ordered = ordering.order(provider);
    const explicit = ordering.explicitOrder(provider);
    const rescued = (id: string) => {
      const stored = ordering.stored(id);
      if (!stored) return false;
      const e = ordering.eligibility(provider, id);
      if (e.eligible) return true;
      return e.reason === 'missing_credential' && stored.credential.type !== 'api_key' && usableProfile(id);
    };
    const configured = ordering.configuredProfilesFor(provider);
    const others = explicit ? explicit.ids : configured.length > 0 ? configured : ordering.storeProfilesFor(provider);
    return appendMissing(ordered, others, rescued);
  };
  const runtimeCandidates = (provider: string) => [...new Set([normalizeProviderId(provider), ordering.authKey(provider)])];
  const hasNonProfileAuth = (provider: string) =>
    runtimeCandidates(provider).some((c) => Boolean(overviewByProvider.get(c)?.env) || Boolean(resolveConfiguredProviderKey(raw, c, env, catalog)?.usable));
  const hasUsableAuth = (provider: string) =>
    runtimeCandidates(provider).some((c) => candidatesFor(c).some(usableProfile) || hasNonProfileAuth(c));

  // 2026.9: each route judged by the readiness of the profiles in its order (routeAvailability.ts).
  const routeAnswers = new Map<string, { availability: RouteAvailability; selected?: string }>();
  const routeOf = (provider: string) => {
    let answer = routeAnswers.get(provider);
    if (!answer) {
      answer = judgeRoute(provider);
      routeAnswers.set(provider, answer);
    }
    return answer;
  };
  const judgeRoute = (provider: string): { availability: RouteAvailability; selected?: string } => {
    let unconfirmed = false;
    for (const c of runtimeCandidates(provider)) {
      // openai's models go through its route resolver, which refreshes their OAuth logins itself.
      const refreshesItself = normalizeProviderId(c) === 'openai' || ordering.authKey(c) === 'openai';
      const answer = evaluateRoute({
        ordered: ordering.order(c).filter((id) => !isOAuthRefreshFence(ordering.stored(id)!.credential)),
        readiness: (id) => {
          const credential = ordering.stored(id)!.credential;
          if (credential.type === 'oauth') return oauthReadiness(credential, now, refreshesItself);
          return usableProfile(id) ? storedSecretReadiness(credential, raw, env) : 'unavailable';
        },
        coolingDown: (id) => ordering.unusableUntil(id) > now,
        explicitOrder: Boolean(ordering.explicitOrder(c)),
        declaredKey: Boolean(resolveConfiguredProviderKey(raw, c, env, catalog)?.usable),
        ambientKey: Boolean(overviewByProvider.get(c)?.env),
        standIn: refreshesItself ? ordering.firstProfileEvidence(c) : undefined,
      });
      if (answer.availability) return answer;
      if (answer.availability === undefined) unconfirmed = true;
    }
    return { availability: unconfirmed ? undefined : false };
  };

  const hasAnyAuth = (provider: string) => Boolean(overviewByProvider.get(provider)) || hasNonProfileAuth(provider);
  const isMissing = rules.profilesPreventMissing
    ? (p: string) => !hasAnyAuth(p)
    : rules.routesJudgedByProfileReadiness
      ? (p: string) => routeOf(p).availability === false
      : (p: string) => !hasUsableAuth(p);
  // 2026.9: an OAuth login it would have to refresh leaves the route unconfirmed, neither usable nor missing.
  const isUnconfirmed = (p: string) => rules.routesJudgedByProfileReadiness && routeOf(p).availability === undefined;
  // 2026.9: with no profile stored, configured or ordered for its provider, a model leaves its auth
  // unconfirmed, not missing, unless OpenAI's route resolver knows it (listed by a start-up plugin);
  // an openai primary model (the codex route) is always judged.
  const isIndeterminate = (u: ProviderUse) =>
    rules.unknownProvidersIndeterminate &&
    !(u.primary && rules.runtimeUnavailableProviders.includes(normalizeProviderId(u.provider))) &&
    ordering.storeProfilesFor(normalizeProviderId(u.provider)).length === 0 &&
    ordering.configuredProfilesFor(normalizeProviderId(u.provider)).length === 0 &&
    !ordering.explicitOrder(normalizeProviderId(u.provider))?.ids.length &&
    !(rules.routeResolvedProviders.includes(normalizeProviderId(u.provider)) && catalog.judgesModelAuth(u.provider, u.model));
  const modelRouteIssues: ModelRouteIssue[] = [];
  for (const u of uses) {
    if (!(isMissing(u.provider) && isIndeterminate(u)) && !isUnconfirmed(u.provider)) continue;
    if (!modelRouteIssues.some((i) => i.provider === u.provider && i.model === u.model)) {
      const evidence = isUnconfirmed(u.provider) ? { evidence: 'profile' as const } : {};
      modelRouteIssues.push({ kind: 'indeterminate', provider: u.provider, model: u.model, ...evidence, message: `Auth readiness could not be confirmed for ${u.provider}/${u.model}.` });
    }
  }
  // 2026.9 never lists a provider as missing for an image model (its unconfirmed route still counts).
  const listable = (u: ProviderUse) => u.text || !rules.imageModelsNeverMissing;
  const missingProvidersInUse = [...new Set(uses.filter((u) => listable(u) && isMissing(u.provider) && !isIndeterminate(u)).map((u) => u.provider))]
    .filter((p) => !catalog.isCliProvider(p, raw))
    .sort((a, b) => a.localeCompare(b));
  const runtimeUnavailable = [...new Set(uses.filter((u) => !u.utility).map((u) => normalizeProviderId(u.provider)).filter((p) => rules.runtimeUnavailableProviders.includes(p)))].sort();

  const inUse = new Set<string>();
  for (const u of uses) {
    inUse.add(u.provider);
    inUse.add(ordering.authKey(u.provider));
  }
  const anyExpired = (p: ProviderHealth) => rules.expiredProfileFailsCheck && p.profiles.some((x) => x.status === 'expired');
  const expiredOrMissing =
    health.providers.some((p) => inUse.has(p.provider) && anyExpired(p)) ||
    health.providers.some((p) => inUse.has(p.provider) && (p.status === 'expired' || p.status === 'missing') && !hasNonProfileAuth(p.provider)) ||
    missingProvidersInUse.length > 0 ||
    modelRouteIssues.length > 0 ||
    runtimeUnavailable.length > 0;
  const expiring = health.providers.some((p) => inUse.has(p.provider) && p.status === 'expiring' && !hasNonProfileAuth(p.provider));
  const checkCode: CheckCode = rules.checkCoversEveryProfile
    ? everyProfileCheckCode(health.profiles, missingProvidersInUse.length > 0)
    : rules.checkFollowsSelectedProfile
      ? missingProvidersInUse.length > 0 || modelRouteIssues.length > 0 || runtimeUnavailable.length > 0 ? 1 : uses.some((u) => selectedProfileExpiring(u.provider)) ? 2 : 0
      : expiredOrMissing ? 1 : expiring ? 2 : 0;

  /** 2026.9: the profile a model would run on (the first usable one in order) decides exit 2, not its neighbours. */
  function selectedProfileExpiring(provider: string): boolean {
    if (rules.routesJudgedByProfileReadiness) {
      const selected = routeOf(provider).selected;
      return selected !== undefined && healthById.get(selected)?.status === 'expiring';
    }
    if (!hasUsableAuth(provider)) return false;
    for (const c of runtimeCandidates(provider)) {
      const selected = candidatesFor(c).find(usableProfile);
      if (selected) return healthById.get(selected)?.status === 'expiring';
      if (hasNonProfileAuth(c)) return false;
    }
    return false;
  }

  const unusableProfiles: UnusableProfile[] = [];
  for (const profileId of Object.keys(store.usageStats ?? {})) {
    if (rules.usageStatsNeedStoredProfile && !ordering.stored(profileId) && !profileId.startsWith(INLINE_KEY_USAGE_PREFIX)) continue;
    const until = ordering.unusableUntil(profileId);
    if (!until || now >= until) continue;
    const stats = store.usageStats?.[profileId];
    const disabled = typeof stats?.disabledUntil === 'number' && now < stats.disabledUntil;
    const entry: UnusableProfile = { profileId, kind: disabled ? 'disabled' : 'cooldown', until, remainingMs: until - now };
    const provider = store.profiles[profileId]?.provider;
    if (provider) entry.provider = provider;
    if (stats?.disabledReason) entry.reason = stats.disabledReason;
    unusableProfiles.push(entry);
  }
  unusableProfiles.sort((a, b) => a.remainingMs - b.remainingMs);

  const effectiveOrder: Record<string, string[]> = {};
  // A provider named "__proto__" would replace the record's prototype (see RecordDraft.set).
  for (const o of overviews) if (o.provider !== RESERVED_KEY) effectiveOrder[o.provider] = candidatesFor(o.provider).filter(usableProfile);

  return {
    models,
    providers: overviews,
    profiles: health.profiles,
    providerHealth: health.providers,
    missingProvidersInUse,
    modelRouteIssues,
    runtimeUnavailable,
    unusableProfiles,
    providersInUse: [...inUse].sort(),
    effectiveOrder,
    checkCode,
    ...(utilityModel ? { utilityModel: { ref: utilityModel.ref, source: utilityModel.source } } : {}),
  };
}

/** The models whose providers must have credentials; 2026.9 adds the agent's utility model. */
function usesUnderRules(models: AgentModels, utility: ProviderUse | undefined): ProviderUse[] {
  const uses = providerUses(models);
  if (utility && !uses.some((u) => u.text && u.provider === utility.provider && u.model === utility.model)) uses.push(utility);
  return uses;
}

/**
 * `[...new Set([...first, ...others.filter(keep)])]` without the temporaries: `first` (already free
 * of repeats) followed by the kept ids it lacks, each once. Returns `first` itself when nothing is added.
 */
function appendMissing(first: readonly string[], others: readonly string[], keep: (id: string) => boolean): readonly string[] {
  let out: string[] | undefined;
  let seen: Set<string> | undefined;
  // A provider with thousands of profiles made `includes` per id quadratic (seconds; issue 13).
  const inFirst = first.length > 32 ? new Set(first) : undefined;
  for (const id of others) {
    if ((inFirst ? inFirst.has(id) : first.includes(id)) || seen?.has(id) || !keep(id)) continue;
    out ??= [...first];
    seen ??= new Set();
    seen.add(id);
    out.push(id);
  }
  return out ?? first;
}

/** How many of these profiles are OAuth, token and API key, in one pass. */
function countTypes(ids: readonly string[], ordering: ProfileOrdering): { oauth: number; token: number; apiKey: number } {
  const counts = { oauth: 0, token: 0, apiKey: 0 };
  for (const id of ids) {
    const type = ordering.stored(id)?.credential.type;
    if (type === 'oauth') counts.oauth++;
    else if (type === 'token') counts.token++;
    else if (type === 'api_key') counts.apiKey++;
  }
  return counts;
}

/** OpenClaw 2026.3's `--check`: every token/OAuth profile counts, in use or not, whatever else serves its provider. */
function everyProfileCheckCode(profiles: ProfileHealth[], anyMissingProvider: boolean): CheckCode {
  const expirable = profiles.filter((p) => p.type === 'oauth' || p.type === 'token');
  if (anyMissingProvider || expirable.some((p) => p.status === 'expired' || p.status === 'missing')) return 1;
  return expirable.some((p) => p.status === 'expiring') ? 2 : 0;
}

/** An OAuth token from the environment is shown as "OAuth (env)", every other key masked. */
export function envDisplay(source: string, secret: string): string {
  return source.includes('OAUTH_TOKEN') || source.toLowerCase().includes('oauth') ? 'OAuth (env)' : maskSecret(secret);
}
