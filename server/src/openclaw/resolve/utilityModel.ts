import { agentRoster, configPath, type OpenClawConfig } from '../config/config.js';
import { agentModels, resolveModelRef, type ProviderUse } from '../config/modelRefs.js';
import type { ProviderCatalog } from '../env/providerCatalog.js';
import { isRecord } from '../stores/authStore.js';
import { normalizeAgentId } from '../paths.js';
import { normalizeProviderId } from '../providerIds.js';

/** OpenClaw 2026.9's `utilityModel` field of `models status --json`, and the use it adds. */
export interface UtilityModel {
  ref: string | null;
  source: 'config' | 'disabled' | 'provider-default' | 'none';
  use?: ProviderUse;
}

/**
 * OpenClaw 2026.9's utility model for an agent, which `models status` counts as in use beside the
 * shown models: the agent's `utilityModel` (else the defaults'), an empty one turning it off; unset,
 * the `defaultUtilityModel` its plugin declares for the provider of the agent's primary model
 * (anthropic → anthropic/claude-haiku-4-5, openai → openai/gpt-5.6-luna, most providers none).
 * It never runs on the Codex harness.
 */
export function utilityModelOf(config: OpenClawConfig, agentId: string, catalog: ProviderCatalog): UtilityModel {
  const models = agentModels(config, agentId);
  const setting = utilitySetting(config, agentId);
  if (setting === '') return { ref: null, source: 'disabled' };
  let raw = setting;
  if (raw === undefined) {
    const provider = models.resolvedDefault.split('/')[0] ?? '';
    const model = catalog.defaultUtilityModel(provider);
    if (!model) return { ref: null, source: 'none' };
    raw = `${provider}/${model}`;
  }
  const ref = resolveModelRef(raw, models.aliases);
  const source = setting === undefined ? 'provider-default' : 'config';
  if (!ref) return { ref: raw, source };
  const provider = normalizeProviderId(ref.provider);
  return { ref: `${provider}/${ref.model}`, source, use: { provider, model: ref.model, text: true, utility: true } };
}

/** The configured utility model, trimmed ('' = turned off); undefined when neither the agent nor the defaults set one. */
function utilitySetting(config: OpenClawConfig, agentId: string): string | undefined {
  const agents = isRecord(config.raw.agents) ? config.raw.agents : {};
  const own = agentRoster(agents).find((entry) => typeof entry.id === 'string' && normalizeAgentId(entry.id) === agentId)?.utilityModel;
  const value = typeof own === 'string' ? own : configPath(config.raw, 'agents', 'defaults', 'utilityModel');
  return typeof value === 'string' ? value.trim() : undefined;
}
