import { envDisplay } from './openclaw/resolve/agentStatus.js';
import { issueMessage } from './serverL10n.js';
import { MAX_EXPIRES_MS } from './openclaw/expiry.js';
import { resolveModelRef } from './openclaw/config/modelRefs.js';
import type { ProfileHealth, ProviderHealth } from './openclaw/resolve/health.js';
import { DEFAULT_AGENT_ID } from './openclaw/paths.js';
import type { ProviderOverview } from './openclaw/resolve/providerOverview.js';
import type { AgentState, OpenClawState } from './openclaw/state.js';
import { displayLabel, maskedSecretOf } from './openclaw/mask.js';
import { homeConditionOf } from './openclaw/output/homeCondition.js';
import { migrationRequired, storeInForce } from './storeInForce.js';
import { gatewayBlindKeysOf } from './openclaw/resolve/gatewayBlindKeys.js';
import type {
  AgentAttention, AgentSnapshot, CandidateReason, CandidateSnapshot, CredentialStatus, ProviderSnapshot, StatusSnapshot,
} from './protocol.js';

export interface SnapshotExtras {
  /** The agent the status bar follows, when it differs from the one the state was resolved for. */
  selectedAgentId?: string;
  unknownAgentSetting?: string;
  nextChangeAt?: number;
  loadError?: string;
}

/**
 * Turns a resolved OpenClaw state into the snapshot the client renders. Pure; the only credential
 * text it copies is the masked labels the engine produced (no field of a stored credential is read
 * here except `expires`).
 */
export function buildStatusSnapshot(state: OpenClawState, extras: SnapshotExtras = {}): StatusSnapshot {
  const snapshot: StatusSnapshot = {
    generatedAt: state.now,
    stateDir: state.stateDir,
    stateDirExists: state.stateDirExists,
    configPath: state.configPath,
    envFile: state.envFile,
    layout: { ...state.layout },
    ruleSet: { ...state.ruleSet },
    envMode: state.mode,
    warnMs: state.warnMs,
    defaultAgentId: state.defaultAgentId,
    selectedAgentId: extras.selectedAgentId ?? state.selectedAgentId,
    agents: state.agents.map((agent) => buildAgentSnapshot(state, agent)),
    knownProviders: knownProviders(state),
    // In the client's language (the status-bar tooltip shows them); the CLI's report keeps the English message.
    issues: state.issues.map((i) => ({ code: i.code, severity: i.severity, file: i.file, message: issueMessage(i) })),
  };
  const condition = homeConditionOf(state);
  if (condition) snapshot.homeCondition = condition;
  if (extras.unknownAgentSetting) snapshot.unknownAgentSetting = extras.unknownAgentSetting;
  if (extras.nextChangeAt !== undefined) snapshot.nextChangeAt = extras.nextChangeAt;
  if (extras.loadError) snapshot.loadError = extras.loadError;
  return snapshot;
}

/** One agent: every provider with its candidates in the order OpenClaw tries them. */
export function buildAgentSnapshot(state: OpenClawState, agent: AgentState): AgentSnapshot {
  const s = agent.status;
  const inUse = new Set(s.providersInUse);
  const missing = new Set(s.missingProvidersInUse);
  const ctx: AgentContext = {
    state,
    agent,
    health: new Map(s.profiles.map((p) => [p.profileId, p])),
    unusable: new Map(s.unusableProfiles.map((u) => [u.profileId, u])),
    inherited: new Set(agent.inheritedFromMain),
    mainStoreFile: (state.agents.find((a) => a.agentId === DEFAULT_AGENT_ID)?.source.file) ?? agent.source.file,
  };
  const providers = s.providers.map((o) => buildProviderSnapshot(ctx, o, inUse.has(o.provider), missing.has(o.provider)));
  for (const p of s.missingProvidersInUse) {
    if (!providers.some((x) => x.provider === p)) {
      const models = modelsOnProvider(ctx, p);
      providers.push({ provider: p, inUse: true, status: 'missing', effective: { kind: 'missing', detail: 'missing' }, candidates: [], ...(models.length > 0 ? { models } : {}) });
    }
  }
  providers.sort((a, b) => Number(b.inUse) - Number(a.inUse) || a.provider.localeCompare(b.provider));
  const blind = gatewayBlindKeysOf(state, s);
  for (const key of blind) {
    for (const p of providers) if (key.providers.includes(p.provider)) p.gatewayBlindKey = key.variable;
  }
  const snapshot: AgentSnapshot = {
    agentId: agent.agentId,
    agentDir: agent.agentDir,
    isDefault: agent.isDefault,
    configured: agent.configured,
    store: { kind: agent.source.kind, file: agent.source.file, location: agent.source.location, exists: agent.source.exists },
    storeInForce: storeInForce(state, agent),
    defaultModel: s.models.defaultLabel,
    checkCode: s.checkCode,
    providers,
  };
  const attention = agentAttention(s.checkCode, providers);
  if (attention) snapshot.attention = attention;
  const migration = migrationRequired(state, agent);
  if (migration) snapshot.migrationRequired = migration;
  if (blind.length > 0) snapshot.gatewayBlindKeys = blind;
  return snapshot;
}

interface AgentContext {
  state: OpenClawState;
  agent: AgentState;
  health: Map<string, ProfileHealth>;
  unusable: Map<string, AgentState['status']['unusableProfiles'][number]>;
  inherited: Set<string>;
  mainStoreFile: string;
}

function buildProviderSnapshot(ctx: AgentContext, o: ProviderOverview, inUse: boolean, missingInUse: boolean): ProviderSnapshot {
  const order = ctx.agent.status.effectiveOrder[o.provider] ?? [];
  const profileCandidates = o.profileIds.map((id, index) => profileCandidate(ctx, o, id, o.profiles.labels[index], order));
  const envCandidate = o.env ? envKeyCandidate(o, order.length > 0) : undefined;
  const configCandidate = o.modelsJson ? configKeyCandidate(ctx, o, order.length > 0, Boolean(envCandidate)) : undefined;
  const candidates = [...profileCandidates, ...(envCandidate ? [envCandidate] : []), ...(configCandidate ? [configCandidate] : [])];
  // Effective order first (by rank), then everything that would not be tried, keeping the store's order.
  candidates.sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || Number(b.effective) - Number(a.effective));
  const health = ctx.agent.status.providerHealth.find((h) => h.provider === o.provider);
  const { status, expiresAt } = providerStatus(ctx, o, health, profileCandidates, missingInUse);
  // Short secrets show less here than OpenClaw's own mask (mask.ts); --json keeps OpenClaw's.
  const effective = { ...o.effective, detail: o.effective.kind === 'env' ? displayLabel(o.effective.detail, o.env?.secret) : o.effective.detail };
  const snapshot: ProviderSnapshot = { provider: o.provider, inUse, status, effective, candidates };
  if (expiresAt !== undefined) snapshot.expiresAt = expiresAt;
  const models = modelsOnProvider(ctx, o.provider);
  if (models.length > 0) snapshot.models = models;
  return snapshot;
}

/** The agent's models served by this provider (default, fallbacks, image), as `provider/model`, without repeats. */
function modelsOnProvider(ctx: AgentContext, provider: string): string[] {
  const m = ctx.agent.status.models;
  const catalog = ctx.state.rules.catalog;
  const out: string[] = [];
  for (const raw of [m.defaultLabel, ...m.fallbacks, m.imageModel, ...m.imageFallbacks]) {
    const ref = raw ? resolveModelRef(raw, m.aliases) : undefined;
    if (!ref || catalog.authProviderId(ref.provider) !== catalog.authProviderId(provider)) continue;
    const label = `${ref.provider}/${ref.model}`;
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

/** OpenClaw's provider catalogue plus every provider the state names, sorted (no secret: ids only). */
function knownProviders(state: OpenClawState): string[] {
  const data = state.rules.catalog.data;
  const ids = new Set([...Object.keys(data.envCandidates), ...Object.keys(data.authAliases), ...data.cliProviders]);
  for (const agent of state.agents) for (const p of agent.status.providers) ids.add(p.provider);
  return [...ids].filter(Boolean).sort();
}

/** The masked part of `id=<masked> [cooldown 3h]`: the time-dependent tag is carried in `unusable` instead. */
function maskedPartOfLabel(label: string, profileId: string): string {
  return label.slice(profileId.length + 1).replace(/ \[(?:cooldown|disabled)[^\]]*\]$/, '');
}

/** `overviewLabel` is the overview's label of this profile (`profiles.labels` beside `profileIds`). */
function profileCandidate(ctx: AgentContext, o: ProviderOverview, profileId: string, overviewLabel: string | undefined, order: string[]): CandidateSnapshot {
  const health = ctx.health.get(profileId);
  const credential = ctx.agent.store.profiles[profileId];
  const label = overviewLabel ?? `${profileId}=missing`;
  const inherited = ctx.inherited.has(profileId);
  const candidate: CandidateSnapshot = {
    kind: 'profile',
    id: profileId,
    status: health?.status ?? 'missing',
    label: displayLabel(maskedPartOfLabel(label, profileId), maskedSecretOf(credential)),
    file: inherited ? ctx.mainStoreFile : ctx.agent.source.file,
    effective: false,
    reason: 'excluded-by-order',
  };
  if (credential) candidate.type = credential.type;
  if (inherited) candidate.inheritedFromMain = true;
  const expiresAt = health?.expiresAt ?? storedExpiry(credential?.expires);
  if (expiresAt !== undefined && candidate.type !== 'api_key') candidate.expiresAt = expiresAt;
  const unusable = ctx.unusable.get(profileId);
  if (unusable) candidate.unusable = { kind: unusable.kind, until: unusable.until, ...(unusable.reason ? { reason: unusable.reason } : {}) };
  const position = order.indexOf(profileId);
  if (position >= 0) {
    candidate.rank = position + 1;
    candidate.reason = position === 0 ? 'first-in-order' : 'fallback-in-order';
    candidate.effective = position === 0 && o.effective.kind === 'profiles';
  } else {
    candidate.reason = notTriedReason(health, Boolean(unusable));
  }
  return candidate;
}

function notTriedReason(health: ProfileHealth | undefined, unusable: boolean): CandidateReason {
  if (unusable) return 'unusable';
  if (health?.status === 'expired') return 'expired';
  if (health?.reasonCode === 'invalid_expires') return 'invalid-expiry';
  if (health?.status === 'missing') return 'no-secret';
  return 'excluded-by-order';
}

/** An `expires` the engine did not report because the credential is already unusable (expired tokens). */
function storedExpiry(expires: unknown): number | undefined {
  return typeof expires === 'number' && Number.isFinite(expires) && expires > 0 && expires <= MAX_EXPIRES_MS ? expires : undefined;
}

function envKeyCandidate(o: ProviderOverview, hasUsableProfile: boolean): CandidateSnapshot {
  const env = o.env!;
  const reason: CandidateReason = o.effective.kind === 'env' ? 'env-used' : hasUsableProfile ? 'env-fallback' : 'env-used-profiles-unusable';
  const candidate: CandidateSnapshot = {
    kind: 'env',
    id: env.variable,
    status: 'static',
    label: displayLabel(envDisplay(env.source, env.secret), env.secret),
    envOrigin: env.origin.origin,
    effective: reason !== 'env-fallback',
    reason,
  };
  if (env.origin.file) candidate.file = env.origin.file;
  if (env.origin.shadowed?.length) candidate.shadowed = env.origin.shadowed.map((x) => (x.file ? { origin: x.origin, file: x.file } : { origin: x.origin }));
  return candidate;
}

function configKeyCandidate(ctx: AgentContext, o: ProviderOverview, hasUsableProfile: boolean, hasEnv: boolean): CandidateSnapshot {
  const resolves = o.modelsJson!.usable !== false;
  const used = resolves && (o.effective.kind === 'models.json' || (!hasUsableProfile && !hasEnv));
  return {
    kind: 'config-key',
    id: `models.providers.${o.provider}.apiKey`,
    status: resolves ? 'static' : 'missing',
    label: o.modelsJson!.value,
    file: ctx.state.configPath,
    effective: used,
    reason: !resolves ? 'config-key-unresolved' : used ? 'config-key-used' : 'config-key-fallback',
  };
}

const SEVERITY: Record<CredentialStatus, number> = { ok: 0, static: 0, expiring: 1, missing: 2, expired: 3 };

/** The provider's state as `--check` weighs it: a key from env or config rescues unusable profiles. */
function providerStatus(
  ctx: AgentContext,
  o: ProviderOverview,
  health: ProviderHealth | undefined,
  profiles: CandidateSnapshot[],
  missingInUse: boolean,
): { status: CredentialStatus; expiresAt?: number } {
  if (missingInUse) {
    // OpenClaw lists the provider as missing; when that is because its profiles expired, say so (the fix differs).
    const expired = profiles.find((p) => p.status === 'expired');
    return expired ? { status: 'expired', ...(expired.expiresAt !== undefined ? { expiresAt: expired.expiresAt } : {}) } : { status: 'missing' };
  }
  if (o.effective.kind === 'missing') return { status: 'missing' };
  if (o.effective.kind !== 'profiles') return { status: 'static' };
  // An apiKey in openclaw.json that resolves to nothing (unset ${VAR}, a marker) rescues nothing.
  const hasNonProfileKey = Boolean(o.env || o.modelsJson?.usable);
  const timing = (at: number | undefined) => (at !== undefined ? { expiresAt: at } : {});
  if (health) {
    if (ctx.state.rules.expiredProfileFailsCheck && health.profiles.some((p) => p.status === 'expired')) return { status: 'expired', ...timing(health.expiresAt) };
    if ((health.status === 'expired' || health.status === 'missing') && hasNonProfileKey) return { status: 'static' };
    return { status: health.status, ...timing(health.expiresAt) };
  }
  // Profiles shared through another provider's auth id (claude-cli shows anthropic's): judge the candidates.
  const tried = profiles.filter((p) => p.rank !== undefined);
  if (tried.length === 0) return { status: hasNonProfileKey ? 'static' : profiles.some((p) => p.status === 'expired') ? 'expired' : 'missing' };
  const worst = tried.reduce((a, b) => (SEVERITY[b.status] > SEVERITY[a.status] ? b : a));
  const earliest = Math.min(...tried.map((p) => p.expiresAt ?? Number.POSITIVE_INFINITY));
  return { status: worst.status, ...timing(Number.isFinite(earliest) ? earliest : undefined) };
}

/**
 * The one thing to name in the status bar when `--check` is not 0: an expired or missing
 * credential of a provider in use first, else the one that expires soonest.
 */
export function agentAttention(checkCode: AgentSnapshot['checkCode'], providers: ProviderSnapshot[]): AgentAttention | undefined {
  if (checkCode === 0) return undefined;
  const inUse = providers.filter((p) => p.inUse);
  if (checkCode === 1) {
    const broken = inUse
      .filter((p) => p.status === 'expired' || p.status === 'missing')
      .sort((a, b) => SEVERITY[b.status] - SEVERITY[a.status] || a.provider.localeCompare(b.provider))[0];
    if (!broken) return { status: 'missing', provider: inUse[0]?.provider ?? '' };
    const attention: AgentAttention = { status: broken.status as 'expired' | 'missing', provider: broken.provider };
    const profile = broken.candidates.find((c) => c.kind === 'profile' && c.status === broken.status);
    if (profile) {
      attention.profileId = profile.id;
      if (profile.expiresAt !== undefined) attention.expiresAt = profile.expiresAt;
    }
    return attention;
  }
  const soonest = inUse
    .filter((p) => p.status === 'expiring')
    .sort((a, b) => (a.expiresAt ?? Number.POSITIVE_INFINITY) - (b.expiresAt ?? Number.POSITIVE_INFINITY))[0];
  if (!soonest) return { status: 'expiring', provider: inUse[0]?.provider ?? '' };
  const attention: AgentAttention = { status: 'expiring', provider: soonest.provider };
  const profile = soonest.candidates
    .filter((c) => c.kind === 'profile' && c.status === 'expiring')
    .sort((a, b) => (a.expiresAt ?? Number.POSITIVE_INFINITY) - (b.expiresAt ?? Number.POSITIVE_INFINITY))[0];
  if (profile) attention.profileId = profile.id;
  const at = profile?.expiresAt ?? soonest.expiresAt;
  if (at !== undefined) attention.expiresAt = at;
  return attention;
}
