import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthStore, Credential } from '../../server/src/openclaw/credential.ts';
import { mergeMainIntoAgent, mergeMainIntoAgent2026_9 } from '../../server/src/openclaw/stores/mergeStores.ts';
import { Random } from '../differential/random.ts';

// mergeMainIntoAgent avoids building records when it can (an agent whose store began as a copy of
// main's, usage stats that are all kept). Whatever shortcut it takes, the result must be what the
// plain layering gives, keys in the same order: checked against that plain layering on seeded stores.

const IDS = ['anthropic:a', 'anthropic:b', 'openai:a', 'openai:b', 'groq:x', 'google:y'];
const cred = (id: string, tag: string): Credential => ({ type: 'api_key', provider: id.split(':')[0] as string, key: `${tag}-${id}` });

function plainMerge(main: AuthStore, agent: AuthStore): AuthStore {
  if (Object.keys(agent.profiles).length === 0 && !agent.order && !agent.lastGood && !agent.usageStats) return main;
  const profiles = { ...main.profiles, ...agent.profiles };
  const kept = <T>(record: Record<string, T>, keep: (k: string, v: T) => boolean) => {
    const out = Object.fromEntries(Object.entries(record).filter(([k, v]) => keep(k, v)));
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const merged: AuthStore = { version: Math.max(main.version, agent.version), profiles };
  if (main.order || agent.order) {
    const order = kept({ ...main.order, ...agent.order }, (_k, ids) => ids.length > 0);
    if (order) merged.order = order;
  }
  if (main.lastGood || agent.lastGood) {
    const lastGood = kept({ ...main.lastGood, ...agent.lastGood }, (_k, id) => Boolean(profiles[id]));
    if (lastGood) merged.lastGood = lastGood;
  }
  if (main.usageStats || agent.usageStats) {
    const usage = kept({ ...main.usageStats, ...agent.usageStats }, (id) => Boolean(profiles[id]));
    if (usage) merged.usageStats = usage;
  }
  return merged;
}

function randomStore(r: Random, tag: string, startFrom?: string[]): AuthStore {
  const ids = startFrom ? [...startFrom, ...r.subset(IDS.filter((i) => !startFrom.includes(i)), 2)] : r.subset(IDS, 5);
  const store: AuthStore = { version: 1, profiles: Object.fromEntries(ids.map((id) => [id, cred(id, tag)])) };
  // Loading never yields an empty record (coercion leaves it out), so neither does this.
  const used = r.chance(0.7) ? r.subset([...IDS, 'gone:z'], 5) : [];
  if (used.length > 0) store.usageStats = Object.fromEntries(used.map((id) => [id, { lastUsed: r.int(1, 9) }]));
  if (r.chance(0.5)) store.lastGood = { anthropic: r.pick([...IDS, 'gone:z']) };
  if (r.chance(0.5)) store.order = { openai: r.chance(0.3) ? [] : ['openai:b', 'openai:a'] };
  return store;
}

test('mergeMainIntoAgent gives what the plain layering gives, keys in order (2000 seeded pairs)', () => {
  const r = new Random(4242);
  let prefixCases = 0;
  for (let i = 0; i < 2000; i++) {
    const main = randomStore(r, 'main');
    // Half the agents start from a copy of main's ids (the shortcut), half have their own.
    const copy = r.chance(0.5);
    if (copy) prefixCases++;
    const agent = randomStore(r, 'agent', copy ? Object.keys(main.profiles) : undefined);
    const got = mergeMainIntoAgent(main, agent);
    const want = plainMerge(main, agent);
    assert.deepEqual(got, want, `pair ${i}`);
    for (const field of ['profiles', 'usageStats', 'lastGood', 'order'] as const) {
      assert.deepEqual(Object.keys(got[field] ?? {}), Object.keys(want[field] ?? {}), `pair ${i}: ${field} key order`);
    }
  }
  assert.ok(prefixCases > 800, 'both kinds of agent stores must be exercised');
});

test("2026.9: main's order for a provider the agent has profiles of but no order for starts with the agent's profiles", () => {
  // Seen on 2026.9.6 (legacy-main home, seed 172 of its column): main orders anthropic [default, manual],
  // the agent holds backup, manual and me; `order get --agent work` answers backup, manual, me, default.
  const main: AuthStore = { version: 1, profiles: { 'anthropic:manual': cred('anthropic:manual', 'main'), 'anthropic:work': cred('anthropic:work', 'main'), 'openai:a': cred('openai:a', 'main') }, order: { anthropic: ['anthropic:default', 'anthropic:manual'], openai: ['openai:a'] } };
  const agent: AuthStore = { version: 1, profiles: { 'anthropic:backup': cred('anthropic:backup', 'agent'), 'anthropic:manual': cred('anthropic:manual', 'agent'), 'anthropic:me': cred('anthropic:me', 'agent') } };
  assert.deepEqual(mergeMainIntoAgent2026_9(main, agent).order, { anthropic: ['anthropic:backup', 'anthropic:manual', 'anthropic:me', 'anthropic:default'], openai: ['openai:a'] });
  // Before 2026.9 the agent simply inherits main's order.
  assert.deepEqual(mergeMainIntoAgent(main, agent).order, main.order);
  // The agent's own order wins whole; a provider it has no profiles of keeps main's.
  const ordered: AuthStore = { ...agent, order: { anthropic: ['anthropic:me', 'anthropic:me'] } };
  assert.deepEqual(mergeMainIntoAgent2026_9(main, ordered).order, { anthropic: ['anthropic:me'], openai: ['openai:a'] });
  // No order in main for the provider: nothing is made up.
  assert.deepEqual(mergeMainIntoAgent2026_9({ ...main, order: { openai: ['openai:a'] } }, agent).order, { openai: ['openai:a'] });
});
