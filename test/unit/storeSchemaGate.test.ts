import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authStoreFileSchema } from '../../server/src/openclaw/stores/storeSchema.ts';
import { isWellFormedStore } from '../../server/src/openclaw/stores/storeSchemaGate.ts';
import { Random } from '../differential/random.ts';

// The compiled validator is a fast gate in front of zod: a store it accepts gets no schema findings
// without asking zod. That is only sound if the two accept exactly the same stores, so compare them
// on valid stores and on thousands of seeded mutations of one.

function validStore(): Record<string, unknown> {
  return {
    version: 1,
    profiles: {
      'anthropic:key': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-x', metadata: { team: 'a' }, extra: 1 },
      'anthropic:ref': { type: 'api_key', provider: 'anthropic', keyRef: { source: 'env', id: 'ANTHROPIC_API_KEY', provider: 'default' } },
      'anthropic:tok': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-y', expires: 1_900_000_000_000, email: 'a@b.c' },
      'openai-codex:me': { type: 'oauth', provider: 'openai-codex', access: 'eyJ.a.b', refresh: 'r', expires: 1_900_000_000_000, accountId: 'acct', displayName: 'Me' },
    },
    order: { anthropic: ['anthropic:tok', 'anthropic:key'] },
    lastGood: { anthropic: 'anthropic:key' },
    usageStats: { 'anthropic:key': { lastUsed: 1, cooldownUntil: 2, disabledUntil: 3, disabledReason: 'billing', errorCount: 0, other: 'kept' } },
    unknownTopLevel: { kept: true },
  };
}

const ODD_VALUES: readonly unknown[] = [
  null, 0, -1, 1.5, 8.64e15, 8.64e15 + 1, 2 ** 53, '', ' ', '\u00a0', '\ufeff', '\n', 'x', 'api_key', 'token', 'oauth', 'env', 'vault',
  true, false, [], ['a'], [1], {}, { a: 1 }, { source: 'file', id: 'x' }, { source: 'env', id: '' },
];

/** Every container path in the value (objects and arrays), so a mutation can land anywhere. */
function containers(value: unknown, out: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
  if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

function mutate(r: Random, store: Record<string, unknown>): void {
  const target = r.pick(containers(store));
  const keys = Object.keys(target);
  const roll = r.next();
  if (Array.isArray(target)) {
    if (roll < 0.5 && target.length > 0) target[r.int(0, target.length - 1)] = structuredClone(r.pick(ODD_VALUES));
    else target.push(structuredClone(r.pick(ODD_VALUES)));
  } else if (roll < 0.3 && keys.length > 0) {
    delete target[r.pick(keys)];
  } else if (roll < 0.8 && keys.length > 0) {
    target[r.pick(keys)] = structuredClone(r.pick(ODD_VALUES));
  } else {
    target[r.pick(['type', 'provider', 'expires', 'key', 'id', 'source', 'new-profile', 'version', 'profiles', 'x'])] = structuredClone(r.pick(ODD_VALUES));
  }
}

test('the compiled validator accepts the valid store, and zod agrees', () => {
  assert.equal(authStoreFileSchema.safeParse(validStore()).success, true);
  assert.equal(isWellFormedStore(validStore()), true);
});

test('the compiled validator and zod accept exactly the same stores (4000 seeded mutations)', () => {
  const r = new Random(20261126);
  let accepted = 0;
  let rejected = 0;
  for (let i = 0; i < 4000; i++) {
    const store = validStore();
    const mutations = r.int(1, 3);
    for (let m = 0; m < mutations; m++) mutate(r, store);
    const zodAccepts = authStoreFileSchema.safeParse(store).success;
    assert.equal(isWellFormedStore(store), zodAccepts, `case ${i}: ${JSON.stringify(store)}`);
    if (zodAccepts) accepted++;
    else rejected++;
  }
  // Both sides of the gate must be exercised, or the comparison proves nothing.
  assert.ok(accepted > 500, `only ${accepted} mutated stores were valid`);
  assert.ok(rejected > 500, `only ${rejected} mutated stores were invalid`);
});

test('a blank provider is rejected by both (the pattern replaces trim().min(1))', () => {
  for (const provider of ['', ' ', '\t\n', '\u00a0\u2003', '\ufeff']) {
    const store = { profiles: { 'x:y': { type: 'api_key', provider, key: 'k' } } };
    assert.equal(isWellFormedStore(store), false, JSON.stringify(provider));
    assert.equal(authStoreFileSchema.safeParse(store).success, false, JSON.stringify(provider));
  }
  assert.equal(isWellFormedStore({ profiles: { 'x:y': { type: 'api_key', provider: ' x ', key: 'k' } } }), true);
});
