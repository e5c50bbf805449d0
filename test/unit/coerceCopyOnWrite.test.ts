import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coerceAuthStore } from '../../server/src/openclaw/stores/authStore.ts';

// The coercion keeps entries already in normal form as parsed and copies an entry only when
// OpenClaw rewrites it (server/src/openclaw/stores/authStore.ts, Draft). The parsed JSON is also read by
// the content checks and the zod schema afterwards, so it must never be modified.

const KEY = `sk-ant-api03-${'K'.repeat(60)}-kend`;

function parsed(): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      version: 1,
      profiles: {
        'anthropic:normal': { type: 'api_key', provider: 'anthropic', key: KEY, email: 'a@example.com' },
        'anthropic:mode': { mode: 'api_key', provider: 'anthropic', key: KEY },
        'anthropic:legacy': { type: 'apiKey', provider: ' Anthropic ', apiKey: KEY, email: '  ' },
        'anthropic:ref': { type: 'api_key', provider: 'anthropic', key: { source: 'env', id: 'ANTHROPIC_API_KEY' } },
        'anthropic:tok': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-x', expires: 'soon' },
      },
      usageStats: {
        'anthropic:normal': { lastUsed: 1, errorCount: 0, disabledReason: 'billing' },
        'anthropic:mode': { lastUsed: 2, note: 'not a known field', cooldownReason: ' padded ' },
      },
    }),
  ) as Record<string, unknown>;
}

test('entries OpenClaw rewrites are copied and rewritten; the parsed JSON is left as it was', () => {
  const raw = parsed();
  const before = structuredClone(raw);
  const coerced = coerceAuthStore(raw);
  assert.ok(coerced);
  assert.deepEqual(raw, before, 'the parsed JSON was modified');
  const p = coerced.store.profiles;
  assert.deepEqual(p['anthropic:mode'], { mode: 'api_key', type: 'api_key', provider: 'anthropic', key: KEY });
  assert.deepEqual(p['anthropic:legacy'], { type: 'api_key', provider: 'anthropic', apiKey: KEY, key: KEY });
  assert.deepEqual(p['anthropic:ref'], { type: 'api_key', provider: 'anthropic', keyRef: { source: 'env', provider: 'default', id: 'ANTHROPIC_API_KEY' } });
  assert.equal(p['anthropic:tok']?.expires, 0, 'an unreadable expiry reads as invalid');
  assert.deepEqual(coerced.store.usageStats?.['anthropic:mode'], { lastUsed: 2, cooldownReason: 'padded' });
});

test('an entry already in normal form is the parsed object itself, not a copy', () => {
  const raw = parsed();
  const coerced = coerceAuthStore(raw);
  const rawProfiles = raw.profiles as Record<string, unknown>;
  const rawUsage = raw.usageStats as Record<string, unknown>;
  assert.equal(coerced?.store.profiles['anthropic:normal'], rawProfiles['anthropic:normal']);
  assert.equal(coerced?.store.usageStats?.['anthropic:normal'], rawUsage['anthropic:normal']);
  assert.notEqual(coerced?.store.profiles['anthropic:mode'], rawProfiles['anthropic:mode']);
  assert.notEqual(coerced?.store.usageStats?.['anthropic:mode'], rawUsage['anthropic:mode']);
});
