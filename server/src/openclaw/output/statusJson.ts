import { checkCodeOf, type AgentState, type OpenClawState } from '../state.js';
import { shortenHomePath } from '../paths.js';
import type { SourceIssue } from '../issues.js';
import { envDisplay } from '../resolve/agentStatus.js';
import { gatewayBlindKeysOf } from '../resolve/gatewayBlindKeys.js';

/**
 * The `openclaw models status --json` document for one agent: the same field names and values
 * (so scripts written for OpenClaw work unchanged), with our own richer fields beside them.
 * Secrets appear only masked, exactly as OpenClaw masks them.
 */
export function statusJson(state: OpenClawState, agent: AgentState, explicitAgent: boolean): Record<string, unknown> {
  const s = agent.status;
  const m = s.models;
  const providersWithOAuth = s.providers
    .filter((p) => p.profiles.oauth > 0 || p.profiles.token > 0 || envIsOAuth(p.env?.source))
    .map((p) => `${p.provider} (${p.profiles.oauth + p.profiles.token + (envIsOAuth(p.env?.source) ? 1 : 0)})`);
  const inUse = new Set(s.providersInUse);
  return {
    configPath: state.configPath,
    ...(explicitAgent ? { agentId: agent.agentId } : {}),
    agentDir: agent.agentDir,
    defaultModel: m.defaultLabel,
    resolvedDefault: m.resolvedDefault,
    fallbacks: m.fallbacks,
    imageModel: m.imageModel || null,
    imageFallbacks: m.imageFallbacks,
    // OpenClaw 2026.9's field (absent under older rules): the utility model it also counts as in use.
    ...(s.utilityModel ? { utilityModel: s.utilityModel } : {}),
    aliases: m.aliases,
    allowed: m.allowed,
    auth: {
      storePath: agent.source.kind === 'json' ? agent.source.file : agent.source.location,
      shellEnvFallback: { enabled: state.env.loginShell.enabled, appliedKeys: state.env.loginShell.appliedKeys },
      providersWithOAuth,
      missingProvidersInUse: s.missingProvidersInUse,
      // OpenClaw 2026.9's fields (empty under older rules): routes whose auth could not be confirmed,
      // and runtimes no bundled plugin provides (openai's codex harness), each making --check exit 1.
      modelRouteIssues: s.modelRouteIssues,
      runtimeAuthRoutes: s.runtimeUnavailable.map((provider) => ({ provider, runtime: 'codex', authProvider: provider, status: 'unavailable' })),
      providers: s.providers.map((p) => ({
        provider: p.provider,
        effective: p.effective,
        profiles: p.profiles,
        ...(p.env
          ? {
              env: {
                value: envDisplay(p.env.source, p.env.secret),
                source: p.env.source,
                // ours: where the value really comes from (OpenClaw cannot tell them apart)
                origin: p.env.origin.origin,
                ...(p.env.origin.file ? { file: shortenHomePath(p.env.origin.file, state.pathEnv) } : {}),
              },
            }
          : {}),
        ...(p.modelsJson ? { modelsJson: p.modelsJson } : {}),
        // ours
        inUse: inUse.has(p.provider),
        effectiveOrder: s.effectiveOrder[p.provider] ?? [],
      })),
      unusableProfiles: s.unusableProfiles,
      oauth: {
        warnAfterMs: state.warnMs,
        profiles: s.profiles.map((p) => ({ ...p, source: 'store' })),
        providers: s.providerHealth.map((p) => ({
          ...p,
          profiles: p.profiles.map((x) => ({ ...x, source: 'store' })),
          effectiveProfiles: p.effectiveProfiles.map((x) => ({ ...x, source: 'store' })),
        })),
      },
      // ours
      checkCode: checkCodeOf(state, agent),
      providersInUse: s.providersInUse,
    },
    openclawAuth: {
      stateDir: state.stateDir,
      layout: state.layout,
      // Which OpenClaw release's rules this status follows, and what decided it.
      ruleSet: state.ruleSet,
      envMode: state.mode,
      envFile: state.envFile,
      // Provider keys (names, never values) the gateway service will not see: only this process's env sets them.
      gatewayBlindKeys: gatewayBlindKeysOf(state, s),
      store: { kind: agent.source.kind, location: agent.source.location, exists: agent.source.exists },
      inheritedFromMain: agent.inheritedFromMain,
      agents: state.agents.map((a) => ({ agentId: a.agentId, agentDir: a.agentDir, isDefault: a.isDefault, configured: a.configured, checkCode: a.status.checkCode })),
      issues: state.issues.map(publicIssue),
      // Set when OpenClaw would refuse to run on this config (the reasons are among `issues`).
      openclawRefuses: state.refusals.length > 0,
    },
  };
}

function envIsOAuth(source: string | undefined): boolean {
  return Boolean(source && (source.includes('OAUTH_TOKEN') || source.toLowerCase().includes('oauth')));
}

function publicIssue(i: SourceIssue): Record<string, unknown> {
  return { code: i.code, severity: i.severity, file: i.file, message: i.message, ...(i.path ? { path: i.path } : {}) };
}
