import JSON5 from 'json5';
import { readTextFile } from '../fileRead.js';
import { issue, words, type SourceIssue } from '../issues.js';
import { isRecord } from '../stores/authStore.js';
import { DEFAULT_AGENT_ID, normalizeAgentId } from '../paths.js';

/** The parts of `openclaw.json` (JSON5) that decide credentials; the rest is kept as raw JSON. */
export interface OpenClawConfig {
  raw: Record<string, unknown>;
  agents: ConfiguredAgent[];
  defaultAgentId: string;
  /** `meta.lastTouchedVersion`: the OpenClaw version that last wrote the file. */
  lastTouchedVersion?: string;
}

export interface ConfiguredAgent {
  id: string;
  isDefault: boolean;
  agentDir?: string;
  name?: string;
  /** The agent's own primary model, when it overrides the defaults. */
  modelPrimary?: string;
  modelFallbacks?: string[];
  /** Only an explicit `fallbacks` list (OpenClaw 2026.3 kept the defaults' fallbacks otherwise). */
  explicitFallbacks?: string[];
}

export interface LoadedConfig {
  config: OpenClawConfig;
  exists: boolean;
  issues: SourceIssue[];
}

export function loadConfig(file: string): LoadedConfig {
  const read = readTextFile(file, { maxBytes: 16 * 1024 * 1024 });
  if (read.kind === 'missing') return { config: interpretConfig({}), exists: false, issues: [] };
  if (read.kind === 'unreadable') return { config: interpretConfig({}), exists: true, issues: [read.issue] };
  const parsed = parseConfigText(read.text, file);
  return { config: interpretConfig(parsed.value), exists: true, issues: parsed.issues };
}

export function parseConfigText(text: string, file: string): { value: Record<string, unknown>; issues: SourceIssue[] } {
  if (!text.trim()) return { value: {}, issues: [] };
  try {
    const value: unknown = parseJsonOrJson5(text);
    if (!isRecord(value)) return { value: {}, issues: [issue('config/not-an-object', 'error', file, words('openclaw.json must hold an object.'))] };
    return { value, issues: [] };
  } catch (error) {
    const e = error as { lineNumber?: number; columnNumber?: number; message?: string };
    const message = e.lineNumber
      ? words('openclaw.json is not valid JSON5 (line {0}, column {1}); OpenClaw refuses to start with it.', e.lineNumber, e.columnNumber ?? 1)
      : words('openclaw.json is not valid JSON5; OpenClaw refuses to start with it.');
    return { value: {}, issues: [issue('config/invalid-json5', 'error', file, message)] };
  }
}

/**
 * Most configs are plain JSON (OpenClaw writes them so); JSON.parse reads those many times faster
 * than JSON5 and gives the same value. Anything else (comments, trailing commas) goes to JSON5.
 */
function parseJsonOrJson5(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON5.parse(text);
  }
}

/** Reads agents and their models out of a parsed config, as OpenClaw's agent scope does. */
export function interpretConfig(raw: Record<string, unknown>): OpenClawConfig {
  const agentsSection = isRecord(raw.agents) ? raw.agents : {};
  const list = agentRoster(agentsSection);
  const agents: ConfiguredAgent[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    const id = normalizeAgentId(typeof entry.id === 'string' ? entry.id : undefined);
    if (seen.has(id)) continue;
    seen.add(id);
    const agent: ConfiguredAgent = { id, isDefault: Boolean(entry.default) };
    if (typeof entry.agentDir === 'string' && entry.agentDir.trim()) agent.agentDir = entry.agentDir.trim();
    if (typeof entry.name === 'string') agent.name = entry.name;
    const model = entry.model;
    const primary = modelPrimary(model);
    if (primary) agent.modelPrimary = primary;
    const fallbacks = modelFallbacksOverride(model);
    if (fallbacks) agent.modelFallbacks = fallbacks;
    if (isRecord(model) && Array.isArray(model.fallbacks)) agent.explicitFallbacks = modelFallbacks(model);
    agents.push(agent);
  }
  // 2026.9's keyed roster names its default as `defaults.systemAgent.agentId` (ownership "explicit").
  const systemAgent = configPath(agentsSection, 'defaults', 'systemAgent', 'agentId');
  const explicit = agentsSection.ownership === 'explicit' && typeof systemAgent === 'string' ? list.find((a) => normalizeAgentId(a.id as string) === normalizeAgentId(systemAgent)) : undefined;
  const chosen = explicit ?? list.find((a) => a.default) ?? list[0];
  const defaultAgentId = normalizeAgentId(typeof chosen?.id === 'string' && chosen.id.trim() ? chosen.id : DEFAULT_AGENT_ID);
  const meta = isRecord(raw.meta) ? raw.meta : {};
  const config: OpenClawConfig = { raw, agents, defaultAgentId };
  if (typeof meta.lastTouchedVersion === 'string') config.lastTouchedVersion = meta.lastTouchedVersion;
  return config;
}

/**
 * The configured agents in order: `agents.list` (up to 2026.6), else the keyed `agents.entries` that
 * OpenClaw 2026.9 writes (`{ "<id>": { … } }`, read as a list with the key as `id`).
 */
export function agentRoster(agentsSection: Record<string, unknown>): Record<string, unknown>[] {
  if (Array.isArray(agentsSection.list)) return agentsSection.list.filter(isRecord);
  if (!isRecord(agentsSection.entries)) return [];
  return Object.entries(agentsSection.entries).flatMap(([id, entry]) => (isRecord(entry) ? [{ ...entry, id }] : []));
}

/** A model setting is either "provider/model" or `{ primary, fallbacks }`. */
export function modelPrimary(model: unknown): string | undefined {
  if (typeof model === 'string') return model.trim() || undefined;
  if (isRecord(model) && typeof model.primary === 'string') return model.primary.trim() || undefined;
  return undefined;
}

export function modelFallbacks(model: unknown): string[] {
  if (isRecord(model) && Array.isArray(model.fallbacks)) return model.fallbacks.filter((f): f is string => typeof f === 'string');
  return [];
}

/**
 * An agent's fallbacks replace the defaults: its own `fallbacks` list, or none at all when it names
 * a primary model without fallbacks (a bare "provider/model" string counts as such a primary).
 */
function modelFallbacksOverride(model: unknown): string[] | undefined {
  if (!model) return undefined;
  if (typeof model === 'string') return model.trim() ? [] : undefined;
  if (!isRecord(model)) return undefined;
  if (!Object.hasOwn(model, 'fallbacks')) return modelPrimary(model) ? [] : undefined;
  return Array.isArray(model.fallbacks) ? modelFallbacks(model) : undefined;
}

/** Navigates nested config objects without throwing. */
export function configPath(raw: Record<string, unknown>, ...keys: string[]): unknown {
  let cur: unknown = raw;
  for (const k of keys) {
    if (!isRecord(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}
