import type { AuthStore } from './credential.js';

/**
 * A secondary agent sees main's profiles too: OpenClaw loads main's store as the base and lays the
 * agent's own store over it (profiles, order, lastGood, usage stats; the agent wins per key).
 */
export function mergeMainIntoAgent(main: AuthStore, agent: AuthStore): AuthStore {
  const agentEmpty = Object.keys(agent.profiles).length === 0 && !agent.order && !agent.lastGood && !agent.usageStats;
  if (agentEmpty) return main;
  const profiles = { ...main.profiles, ...agent.profiles };
  const merged: AuthStore = { version: Math.max(main.version, agent.version), profiles };
  const order = main.order || agent.order ? { ...main.order, ...agent.order } : undefined;
  if (order) {
    const kept = Object.entries(order).filter(([, ids]) => ids.length > 0);
    if (kept.length > 0) merged.order = Object.fromEntries(kept);
  }
  const lastGood = main.lastGood || agent.lastGood ? Object.fromEntries(Object.entries({ ...main.lastGood, ...agent.lastGood }).filter(([, id]) => profiles[id])) : undefined;
  if (lastGood && Object.keys(lastGood).length > 0) merged.lastGood = lastGood;
  const usage = main.usageStats || agent.usageStats ? Object.fromEntries(Object.entries({ ...main.usageStats, ...agent.usageStats }).filter(([id]) => profiles[id])) : undefined;
  if (usage && Object.keys(usage).length > 0) merged.usageStats = usage;
  return merged;
}
