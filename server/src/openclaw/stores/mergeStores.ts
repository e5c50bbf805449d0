import { RecordDraft } from '../recordDraft.js';
import type { AuthStore } from '../credential.js';
import { normalizeProviderId } from '../providerIds.js';

/**
 * A secondary agent sees main's profiles too: OpenClaw loads main's store as the base and lays the
 * agent's own store over it (profiles, order, lastGood, usage stats; the agent wins per key).
 */
export function mergeMainIntoAgent(main: AuthStore, agent: AuthStore): AuthStore {
  const agentEmpty = isEmpty(agent.profiles) && !agent.order && !agent.lastGood && !agent.usageStats;
  if (agentEmpty) return main;
  const profiles = overridesEveryKey(main.profiles, agent.profiles) ? agent.profiles : Object.assign({}, main.profiles, agent.profiles);
  const merged: AuthStore = { version: Math.max(main.version, agent.version), profiles };
  if (main.order || agent.order) {
    const order = keptEntries(Object.assign({}, main.order, agent.order), (_provider, ids) => ids.length > 0);
    if (order) merged.order = order;
  }
  // Per-profile state only survives for profiles the merged store has.
  if (main.lastGood || agent.lastGood) {
    const lastGood = keptLayered(main.lastGood, agent.lastGood, (_provider, id) => Boolean(profiles[id]));
    if (lastGood) merged.lastGood = lastGood;
  }
  if (main.usageStats || agent.usageStats) {
    const usage = keptLayered(main.usageStats, agent.usageStats, (id) => Boolean(profiles[id]));
    if (usage) merged.usageStats = usage;
  }
  return merged;
}

/**
 * `keptEntries(Object.assign({}, base, over), keep)` without the intermediate object: the same
 * keys in the same order (base's first, an overridden key keeping its place, then over's new ones).
 */
function keptLayered<T>(base: Record<string, T> | undefined, over: Record<string, T> | undefined, keep: (key: string, value: T) => boolean): Record<string, T> | undefined {
  if (!base) return over && keptEntries(over, keep);
  if (!over) return keptEntries(base, keep);
  if (overridesEveryKey(base, over)) return keptEntries(over, keep);
  let out: Record<string, T> | undefined;
  const consider = (key: string, value: T) => {
    if (!keep(key, value)) return;
    out ??= {};
    out[key] = value;
  };
  for (const key in base) consider(key, (Object.prototype.hasOwnProperty.call(over, key) ? over[key] : base[key]) as T);
  for (const key in over) if (!Object.prototype.hasOwnProperty.call(base, key)) consider(key, over[key] as T);
  return out;
}

/**
 * OpenClaw 2026.3.13's merge: the same layering, but `lastGood` and `usageStats` are kept whole,
 * also for profiles neither store has (a cooldown of a rejected profile still shows).
 */
export function mergeMainIntoAgent2026_3(main: AuthStore, agent: AuthStore): AuthStore {
  const agentEmpty = isEmpty(agent.profiles) && !agent.order && !agent.lastGood && !agent.usageStats;
  if (agentEmpty) return main;
  const merged: AuthStore = { version: Math.max(main.version, agent.version), profiles: { ...main.profiles, ...agent.profiles } };
  if (main.order || agent.order) {
    const order = keptEntries({ ...main.order, ...agent.order }, (_provider, ids) => ids.length > 0);
    if (order) merged.order = order;
  }
  if (main.lastGood || agent.lastGood) merged.lastGood = { ...main.lastGood, ...agent.lastGood };
  if (main.usageStats || agent.usageStats) merged.usageStats = { ...main.usageStats, ...agent.usageStats };
  return merged;
}

/**
 * Whether laying `over` on `base` gives `over` itself, key for key and in the same order: `base`'s
 * keys begin `over`'s, in order (an agent whose store started as a copy of main's). The merge then
 * needs no new record, which a fleet of such agents would otherwise build per agent (bench/status).
 */
function overridesEveryKey(base: Record<string, unknown>, over: Record<string, unknown>): boolean {
  const baseKeys = Object.keys(base);
  const overKeys = Object.keys(over);
  if (overKeys.length < baseKeys.length) return false;
  for (let i = 0; i < baseKeys.length; i++) if (baseKeys[i] !== overKeys[i]) return false;
  return true;
}

function isEmpty(record: Record<string, unknown>): boolean {
  for (const _key in record) return false;
  return true;
}

/**
 * The entries that pass `keep`, in order, or undefined when none does; `record` itself when every
 * entry passes (see RecordDraft). Plain loops: a fleet home merges thousands.
 */
function keptEntries<T>(record: Record<string, T>, keep: (key: string, value: T) => boolean): Record<string, T> | undefined {
  const out = new RecordDraft<T>(record);
  let any = false;
  for (const key in record) {
    const value = record[key] as T;
    if (keep(key, value)) {
      out.set(key, value, key, value);
      any = true;
    } else out.drop();
  }
  return any ? out.result() : undefined;
}

/**
 * OpenClaw 2026.9.6's merge: the same layering, but the agent's own profiles come first and main's
 * others after them (seen on its runs: an agent's labels list its own profiles, then main's), and
 * main's order for a provider the agent has profiles of but no order for becomes the agent's
 * profiles of it followed by main's order (its `order get --agent` shows it so).
 */
export function mergeMainIntoAgent2026_9(main: AuthStore, agent: AuthStore): AuthStore {
  const merged = mergeMainIntoAgent(main, agent);
  if (merged === main) return merged;
  const settled = main.order ? orderWithAgentProfilesFirst(main.order, agent) : merged.order;
  const order = sameOrder(settled, merged.order) ? merged.order : settled;
  if (merged.profiles === agent.profiles && order === merged.order) return merged;
  const profiles: AuthStore['profiles'] = Object.assign({}, agent.profiles);
  for (const id in main.profiles) if (!Object.prototype.hasOwnProperty.call(profiles, id)) profiles[id] = main.profiles[id]!;
  const out: AuthStore = { ...merged, profiles };
  if (order) out.order = order;
  else delete out.order;
  return out;
}

/** 2026.9's merged order: main's and the agent's entries, each provider the agent has profiles of settled as above. */
function orderWithAgentProfilesFirst(mainOrder: Record<string, string[]>, agent: AuthStore): Record<string, string[]> | undefined {
  const order: Record<string, string[]> = Object.assign({}, mainOrder, agent.order);
  const keyFor = (record: Record<string, string[]> | undefined, provider: string) => Object.keys(record ?? {}).find((k) => normalizeProviderId(k) === provider);
  for (const [provider, ids] of agentProfilesByProvider(agent)) {
    const mainKey = keyFor(mainOrder, provider);
    const agentKey = keyFor(agent.order, provider);
    const key = agentKey ?? mainKey;
    if (!key) continue;
    for (const k of Object.keys(order)) if (k !== key && normalizeProviderId(k) === provider) delete order[k];
    order[key] = agentKey ? [...new Set(agent.order?.[agentKey] ?? [])] : [...new Set([...ids, ...(mainOrder[mainKey!] ?? []), ...(order[key] ?? [])])];
  }
  return keptEntries(order, (_provider, ids) => ids.length > 0);
}

/** Same providers in the same sequence with the same ids (most agents: the plain layering already says it). */
function sameOrder(a: Record<string, string[]> | undefined, b: Record<string, string[]> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k, i) => Object.keys(b)[i] === k && a[k]!.length === b[k]?.length && a[k]!.every((id, j) => b[k]![j] === id));
}

function agentProfilesByProvider(agent: AuthStore): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [id, credential] of Object.entries(agent.profiles)) {
    const provider = normalizeProviderId(credential.provider);
    const group = groups.get(provider);
    if (group) group.push(id);
    else groups.set(provider, [id]);
  }
  return groups;
}
