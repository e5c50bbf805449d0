import { isRecord } from '../stores/authStore.js';
import { configPath, modelFallbacks, modelPrimary, type OpenClawConfig } from './config.js';
import { normalizeProviderId } from '../providerIds.js';

/** OpenClaw's built-in default model when the config names none (2026.6.1: `openai/gpt-5.5`). */
export const DEFAULT_PROVIDER = 'openai';
export const DEFAULT_MODEL = 'gpt-5.5';

export interface ModelRef {
  provider: string;
  model: string;
}

/** The models an agent runs with, as `models status` lists them. */
export interface AgentModels {
  defaultLabel: string;
  resolvedDefault: string;
  fallbacks: string[];
  imageModel: string;
  imageFallbacks: string[];
  allowed: string[];
  aliases: Record<string, string>;
}

export interface ProviderUse {
  provider: string;
  /** The model id after the provider (`gpt-5.2` of `openai/gpt-5.2`). */
  model: string;
  /** The agent's default (primary) model, not a fallback or an image model. */
  primary?: boolean;
  /** Text models may fall back to the Codex runtime; image models may not. */
  text: boolean;
  /** 2026.9's utility model (resolve/utilityModel.ts): text, but never on the Codex runtime. */
  utility?: boolean;
}

/** Reads the default, fallback, image and allowed models for an agent (an explicit `--agent` may override). */
export function agentModels(config: OpenClawConfig, explicitAgentId: string | undefined, primaryClearsFallbacks = true): AgentModels {
  const defaults = configPath(config.raw, 'agents', 'defaults');
  const d = isRecord(defaults) ? defaults : {};
  const agent = explicitAgentId ? config.agents.find((a) => a.id === explicitAgentId) : undefined;
  const modelsSection = isRecord(d.models) ? d.models : {};
  const aliases: Record<string, string> = {};
  for (const [key, entry] of Object.entries(modelsSection)) {
    const alias = isRecord(entry) && typeof entry.alias === 'string' ? entry.alias.trim() : '';
    if (alias) aliases[alias] = key;
  }
  const rawDefault = agent?.modelPrimary ?? modelPrimary(d.model) ?? '';
  const resolved = rawDefault ? parseModelRef(stripAuthProfile(rawDefault), aliases) : { provider: DEFAULT_PROVIDER, model: DEFAULT_MODEL };
  const resolvedDefault = resolved ? `${resolved.provider}/${resolved.model}` : `${DEFAULT_PROVIDER}/${DEFAULT_MODEL}`;
  return {
    defaultLabel: rawDefault || resolvedDefault,
    resolvedDefault,
    fallbacks: (primaryClearsFallbacks ? agent?.modelFallbacks : agent?.explicitFallbacks) ?? modelFallbacks(d.model),
    imageModel: modelPrimary(d.imageModel) ?? '',
    imageFallbacks: modelFallbacks(d.imageModel),
    allowed: Object.keys(modelsSection),
    aliases,
  };
}

/** Providers the agent's models need: every one of them must have a usable credential. */
export function providerUses(models: AgentModels): ProviderUse[] {
  const uses: ProviderUse[] = [];
  const add = (raw: string, text: boolean, primary = false) => {
    const ref = resolveModelRef(raw, models.aliases);
    if (ref) uses.push(primary ? { provider: normalizeProviderId(ref.provider), model: ref.model, text, primary } : { provider: normalizeProviderId(ref.provider), model: ref.model, text });
  };
  add(models.defaultLabel, true, true);
  for (const raw of models.fallbacks) add(raw, true);
  for (const raw of [models.imageModel, ...models.imageFallbacks]) add(raw, false);
  return uses;
}

/** Providers named anywhere in the model settings, allowed models included (they get a status row). */
export function providersFromModels(models: AgentModels): Set<string> {
  const out = new Set<string>();
  for (const raw of [models.defaultLabel, ...models.fallbacks, models.imageModel, ...models.imageFallbacks, ...models.allowed]) {
    const ref = resolveModelRef(raw, models.aliases);
    if (ref?.provider) out.add(normalizeProviderId(ref.provider));
  }
  return out;
}

/** "provider/model", an alias from `agents.defaults.models`, or a bare model of the default provider. */
export function resolveModelRef(raw: string, aliases: Record<string, string>): ModelRef | undefined {
  const model = stripAuthProfile(raw.trim());
  if (!model) return undefined;
  const aliasKey = model.toLowerCase();
  for (const [alias, target] of Object.entries(aliases)) {
    if (alias.toLowerCase() === aliasKey) return parseModelRef(stripAuthProfile(target), {});
  }
  return parseModelRef(model, aliases);
}

function parseModelRef(raw: string, _aliases: Record<string, string>): ModelRef | undefined {
  const t = raw.trim();
  if (!t) return undefined;
  const slash = t.indexOf('/');
  if (slash === -1) return { provider: DEFAULT_PROVIDER, model: t };
  const provider = normalizeProviderId(t.slice(0, slash));
  const model = t.slice(slash + 1).trim();
  if (!provider || !model) return undefined;
  return { provider, model };
}

/** A model may carry a pinned auth profile after "@" ("anthropic/claude@anthropic:work"). */
function stripAuthProfile(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at <= 0) return raw;
  const tail = raw.slice(at + 1);
  return tail.includes(':') ? raw.slice(0, at).trim() : raw;
}
