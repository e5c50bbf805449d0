import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStoreText } from '../../server/src/openclaw/stores/storeSource.ts';
import { lineCol } from '../../server/src/openclaw/jsonLocate.ts';

const F = '/x/auth-profiles.json';
const SETUP = 'sk-ant-oat01-' + 'A'.repeat(95);
const APIKEY = 'sk-ant-api03-' + 'B'.repeat(60);

function parse(body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  return { text, ...parseStoreText(text, F) };
}

/** The text an issue's range covers, so a test proves the range points at the right token. */
function covered(text: string, i: { offset?: number; length?: number }): string {
  assert.ok(i.offset !== undefined && i.length !== undefined, 'issue has a range');
  return text.slice(i.offset, i.offset + i.length);
}

describe('store parsing never throws and reports every problem with its place', () => {
  const rows: { name: string; body: unknown; code: string; shape?: string; store: boolean; path?: (string | number)[]; covers?: string }[] = [
    { name: 'legacy flat shape', body: { openrouter: { apiKey: 'sk-or-v1-xxxxxxxxxxxxxxxxxxxx' } }, code: 'store/legacy-flat', shape: 'legacy-flat', store: false },
    { name: 'profiles without the wrapper', body: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: APIKEY } }, code: 'store/unwrapped-profiles', shape: 'unwrapped', store: false },
    { name: 'an array', body: [1, 2], code: 'store/not-a-store', shape: 'not-a-store', store: false },
    { name: 'a bare string', body: '"hello"', code: 'store/not-a-store', shape: 'not-a-store', store: false },
    { name: 'null', body: 'null', code: 'store/not-a-store', shape: 'not-a-store', store: false },
    { name: 'profiles is an array', body: { version: 1, profiles: [] }, code: 'store/not-a-store', shape: 'not-a-store', store: false },
    { name: 'unknown type', body: { version: 1, profiles: { 'a:x': { type: 'bearer', provider: 'a', key: 'k' } } }, code: 'store/invalid-type', store: true, path: ['profiles', 'a:x'], covers: '"a:x"' },
    { name: 'missing provider', body: { version: 1, profiles: { 'a:x': { type: 'api_key', key: 'k' } } }, code: 'store/missing-provider', store: true, path: ['profiles', 'a:x'], covers: '"a:x"' },
    { name: 'profile is not an object', body: { version: 1, profiles: { 'a:x': 'sk-whatever' } }, code: 'store/non-object', store: true, path: ['profiles', 'a:x'], covers: '"a:x"' },
    { name: 'setup-token stored as api key', body: { version: 1, profiles: { 'anthropic:k': { type: 'api_key', provider: 'anthropic', key: SETUP } } }, code: 'profile/setup-token-as-api-key', store: true, path: ['profiles', 'anthropic:k', 'key'], covers: '"key"' },
    { name: 'api key stored as token', body: { version: 1, profiles: { 'anthropic:t': { type: 'token', provider: 'anthropic', token: APIKEY } } }, code: 'profile/api-key-as-token', store: true, path: ['profiles', 'anthropic:t', 'type'], covers: '"type"' },
    { name: 'accessToken instead of access', body: { version: 1, profiles: { 'anthropic:o': { type: 'oauth', provider: 'anthropic', accessToken: SETUP } } }, code: 'profile/oauth-access-token-field', store: true, path: ['profiles', 'anthropic:o', 'accessToken'], covers: '"accessToken"' },
    { name: 'expires in seconds', body: { version: 1, profiles: { 'anthropic:t': { type: 'token', provider: 'anthropic', token: SETUP, expires: 1900000000 } } }, code: 'profile/expires-in-seconds', store: true, path: ['profiles', 'anthropic:t', 'expires'], covers: '"expires"' },
    { name: 'truncated setup-token', body: { version: 1, profiles: { 'anthropic:t': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-short' } } }, code: 'profile/token-truncated', store: true, path: ['profiles', 'anthropic:t', 'token'], covers: '"token"' },
    { name: 'line break inside a key', body: { version: 1, profiles: { 'openai:k': { type: 'api_key', provider: 'openai', key: 'sk-proj-abc\ndef-ghijklmnop' } } }, code: 'profile/secret-line-break', store: true, path: ['profiles', 'openai:k', 'key'], covers: '"key"' },
    { name: 'id prefix and provider disagree', body: { version: 1, profiles: { 'openai:k': { type: 'api_key', provider: 'anthropic', key: APIKEY } } }, code: 'profile/id-provider-mismatch', store: true, path: ['profiles', 'openai:k', 'provider'], covers: '"provider"' },
    { name: 'order names an unknown profile', body: { version: 1, profiles: { 'openai:k': { type: 'api_key', provider: 'openai', key: 'sk-proj-1234567890abcdefgh' } }, order: { openai: ['openai:k', 'openai:gone'] } }, code: 'store/order-unknown-profile', store: true, path: ['order', 'openai', 1], covers: '"openai:gone"' },
    { name: 'a field of the wrong type', body: { version: 1, profiles: { 'openai:k': { type: 'api_key', provider: 'openai', key: 'sk-proj-1234567890abcdefgh', email: 42 } } }, code: 'store/schema', store: true, path: ['profiles', 'openai:k', 'email'], covers: '"email"' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const r = parse(row.body);
      const found = r.issues.find((i) => i.code === row.code);
      assert.ok(found, `expected ${row.code}, got ${r.issues.map((i) => i.code).join(', ') || 'none'}`);
      assert.equal(found.file, F);
      assert.ok(found.message.length > 20, 'message says something');
      if (row.shape) assert.equal(r.shape, row.shape);
      assert.equal(Boolean(r.store), row.store);
      if (row.path) assert.deepEqual(found.path, row.path);
      if (row.covers) assert.equal(covered(r.text, found), row.covers);
      // Messages describe the shape of a secret, never its value.
      for (const i of r.issues) for (const secret of [SETUP, APIKEY, 'sk-or-v1-xxxxxxxxxxxxxxxxxxxx']) assert.ok(!i.message.includes(secret.slice(13, 40)));
    });
  }

  const malformed: { name: string; text: string; at: string; offset: number }[] = [
    { name: 'trailing comma', text: '{\n  "version": 1,\n  "profiles": {},\n}', at: 'line 4, column 1', offset: 36 },
    { name: 'missing comma', text: '{\n  "version": 1\n  "profiles": {}\n}', at: 'line 3, column 3', offset: 19 },
    // The end of the text is named; the range covers the last character, so it stays inside the file.
    { name: 'truncated file', text: '{"version": 1, "profiles": {"a:b": {"type": "api_key"', at: 'line 1, column 54', offset: 52 },
    { name: 'comment (JSON, not JSON5)', text: '// mine\n{"version":1,"profiles":{}}', at: 'line 1, column 1', offset: 0 },
    { name: 'empty file', text: '', at: 'line 1, column 1', offset: 0 },
  ];
  for (const row of malformed) {
    it(`malformed JSON: ${row.name} gives the line and column`, () => {
      const r = parseStoreText(row.text, F);
      assert.equal(r.store, undefined);
      assert.equal(r.issues.length, 1);
      const i = r.issues[0]!;
      assert.equal(i.code, 'store/invalid-json');
      assert.equal(i.severity, 'error');
      assert.ok(i.message.includes(row.at), `${i.message} should name ${row.at}`);
      assert.equal(i.offset, row.offset);
      assert.ok((i.offset ?? 0) + (i.length ?? 0) <= Math.max(row.text.length, 1), 'range inside the text');
    });
  }

  it('a byte-order mark is named as the cause (OpenClaw reads no profiles from such a file)', () => {
    const r = parseStoreText('\ufeff{"version":1,"profiles":{}}', F);
    assert.equal(r.store, undefined);
    assert.deepEqual(r.issues.map((i) => i.code), ['store/invalid-json']);
    assert.match(r.issues[0]!.message, /byte-order mark/);
    assert.equal(r.issues[0]!.offset, 0);
  });

  it('lineCol counts 1-based lines and columns', () => {
    assert.equal(lineCol('ab\ncd', 0), 'line 1, column 1');
    assert.equal(lineCol('ab\ncd', 4), 'line 2, column 2');
  });

  it('keeps fields it does not know, on profiles and on the file', () => {
    const r = parse({ version: 1, profiles: { 'openai:k': { type: 'api_key', provider: 'openai', key: 'sk-proj-1234567890abcdefgh', metadata: { team: 'x' }, futureField: [1] } }, futureTop: true });
    const p = r.store?.profiles['openai:k'];
    assert.deepEqual(p?.metadata, { team: 'x' });
    assert.deepEqual(p?.futureField, [1]);
  });

  it('applies OpenClaw load-time rewrites: mode → type, apiKey → key, provider lower-cased, object key → keyRef', () => {
    const r = parse({
      version: 1,
      profiles: {
        'openai:a': { mode: 'api_key', provider: ' OpenAI ', apiKey: 'sk-proj-1234567890abcdefgh' },
        'openai:b': { type: 'api_key', provider: 'openai', key: { source: 'env', provider: 'default', id: 'OPENAI_API_KEY' } },
      },
    });
    assert.equal(r.store?.profiles['openai:a']?.type, 'api_key');
    assert.equal(r.store?.profiles['openai:a']?.provider, 'openai');
    assert.equal(r.store?.profiles['openai:a']?.key, 'sk-proj-1234567890abcdefgh');
    assert.deepEqual(r.store?.profiles['openai:b']?.keyRef, { source: 'env', provider: 'default', id: 'OPENAI_API_KEY' });
    assert.equal(r.store?.profiles['openai:b']?.key, undefined);
  });

  it('a bad profile is dropped while the good ones beside it still load', () => {
    const r = parse({ version: 1, profiles: { 'a:bad': { type: 'nope', provider: 'a' }, 'openai:k': { type: 'api_key', provider: 'openai', key: 'sk-proj-1234567890abcdefgh' } } });
    assert.deepEqual(Object.keys(r.store?.profiles ?? {}), ['openai:k']);
    assert.deepEqual(r.rejected, [{ profileId: 'a:bad', reason: 'invalid_type' }]);
  });

  it('a clean store has no issues', () => {
    const r = parse({ version: 1, profiles: { 'anthropic:t': { type: 'token', provider: 'anthropic', token: SETUP, expires: Date.now() + 3600e3 } }, order: { anthropic: ['anthropic:t'] } });
    assert.deepEqual(r.issues, []);
    assert.equal(r.shape, 'store');
  });

  it('non-positive or non-numeric expires reads as 0 (invalid), as OpenClaw coerces it', () => {
    const r = parse({ version: 1, profiles: { 'anthropic:a': { type: 'token', provider: 'anthropic', token: SETUP, expires: 'tomorrow' }, 'anthropic:b': { type: 'token', provider: 'anthropic', token: SETUP, expires: -5 } } });
    assert.equal(r.store?.profiles['anthropic:a']?.expires, 0);
    assert.equal(r.store?.profiles['anthropic:b']?.expires, 0);
  });
});
