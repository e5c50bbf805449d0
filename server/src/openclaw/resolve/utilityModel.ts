import { agentRoster, configPath, type OpenClawConfig } from '../config/config.js';
import { agentModels, resolveModelRef, type ProviderUse } from '../config/modelRefs.js';
import type { ProviderCatalog } from '../env/providerCatalog.js';
import { isRecord } from '../stores/authStore.js';
import { normalizeAgentId } from '../paths.js';
import { normalizeProviderId } from '../providerIds.js';

/**
 * OpenClaw 2026.9's utility model for an agent, which `models status` counts as in use beside the
 * shown models: the agent's `utilityModel` (else the defaults'), an empty one turning it off; unset,
 * the `defaultUtilityModel` its plugin declares for the provider of the agent's primary model
 * (anthropic → anthropic/claude-haiku-4-5, openai → openai/gpt-5.6-luna, most providers none).
 * It never runs on the Codex harness.
 */
export function utilityModelUse(config: OpenClawConfig, agentId: string, catalog: ProviderCatalog): ProviderUse | undefined {
  const models = agentModels(config, agentId);
  const setting = utilitySetting(config, agentId);
  let raw: string | undefined;
  if (setting === undefined) {
    const provider = models.resolvedDefault.split('/')[0] ?? '';
    const model = catalog.defaultUtilityModel(provider);
    raw = model ? `${provider}/${model}` : undefined;
  } else raw = setting || undefined;
  const ref = raw ? resolveModelRef(raw, models.aliases) : undefined;
  return ref ? { provider: normalizeProviderId(ref.provider), model: ref.model, text: true, utility: true } : undefined;
}

/** The configured utility model, trimmed ('' = turned off); undefined when neither the agent nor the defaults set one. */
function utilitySetting(config: OpenClawConfig, agentId: string): string | undefined {
  const agents = isRecord(config.raw.agents) ? config.raw.agents : {};
  const own = agentRoster(agents).find((entry) => typeof entry.id === 'string' && normalizeAgentId(entry.id) === agentId)?.utilityModel;
  const value = typeof own === 'string' ? own : configPath(config.raw, 'agents', 'defaults', 'utilityModel');
  return typeof value === 'string' ? value.trim() : undefined;
}
