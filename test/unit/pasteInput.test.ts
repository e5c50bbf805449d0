import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPastedSecret, expiresAtFromNow, parseExpiresIn } from '../../server/src/openclaw/pasteInput.ts';

const CANARY = 'CANARYzq7'; // inside every secret below: no message may contain it
const setup = (n: number) => `sk-ant-oat01-${CANARY}${'x'.repeat(Math.max(0, n - 13 - CANARY.length))}`;

describe('pasted secret checks', () => {
  const accepted: { provider: string; input: string; type: 'token' | 'api_key'; secret?: string }[] = [
    { provider: 'anthropic', input: setup(80), type: 'token' },
    { provider: 'anthropic', input: `  ${setup(108)}\n`, type: 'token', secret: setup(108) },
    { provider: 'Anthropic', input: `sk-ant-api03-${CANARY}abc`, type: 'api_key' },
    { provider: 'openai', input: `sk-proj-${CANARY}`, type: 'api_key' },
    { provider: 'openrouter', input: `or-${CANARY} with space`, type: 'token' },
  ];
  for (const row of accepted) {
    it(`${row.provider}: ${row.type}`, () => {
      const r = checkPastedSecret(row.provider, row.input);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      assert.equal(r.credentialType, row.type);
      assert.equal(r.secret, row.secret ?? row.input.trim());
    });
  }

  const refused: { name: string; provider: string; input: string; code: string; says: RegExp }[] = [
    { name: 'empty', provider: 'anthropic', input: ' \n', code: 'secret/empty', says: /Nothing/ },
    { name: 'one short of 80', provider: 'anthropic', input: setup(79), code: 'secret/too-short', says: /^Token looks too short.*80.*79/ },
    { name: 'line break inside', provider: 'anthropic', input: `${setup(50)}\n${'y'.repeat(50)}`, code: 'secret/line-break', says: /line break/ },
    { name: 'CR inside (Windows paste)', provider: 'openrouter', input: `ab${CANARY}\r\ncd`, code: 'secret/line-break', says: /line break/ },
    { name: 'blank inside a setup-token', provider: 'anthropic', input: `${setup(60)} ${'y'.repeat(40)}`, code: 'secret/blank-inside', says: /space/ },
    { name: 'typographic quote', provider: 'openrouter', input: `“${CANARY}”`, code: 'secret/odd-characters', says: /characters/ },
    { name: 'setup-token for another provider', provider: 'openai', input: setup(100), code: 'secret/wrong-provider', says: /provider anthropic, not openai/ },
    { name: 'neither kind for anthropic', provider: 'anthropic', input: `sk-${CANARY}`, code: 'secret/not-anthropic', says: /sk-ant-oat01-/ },
  ];
  for (const row of refused) {
    it(`refused: ${row.name}, without quoting it`, () => {
      const r = checkPastedSecret(row.provider, row.input);
      assert.ok(!r.ok);
      assert.equal(r.code, row.code);
      assert.match(r.reason, row.says);
      assert.ok(!r.reason.includes(CANARY));
    });
  }
});

describe('--expires-in as OpenClaw parses it', () => {
  const D = 86_400_000;
  const rows: [string, number | undefined][] = [
    ['365d', 365 * D], ['12h', 12 * 3_600_000], ['90m', 90 * 60_000], ['45s', 45_000], ['500ms', 500],
    ['1h30m', 5_400_000], ['1.5d', 1.5 * D], ['30', 30 * D], [' 7D ', 7 * D],
    ['', undefined], ['0d', undefined], ['-1d', undefined], ['1h30', undefined], ['d', undefined], ['1w', undefined], ['1h 30m', undefined],
  ];
  for (const [text, ms] of rows) it(JSON.stringify(text), () => assert.equal(parseExpiresIn(text), ms));

  it('absolute expiry from now, undefined past the Date range', () => {
    assert.equal(expiresAtFromNow(1000, 5), 1005);
    assert.equal(expiresAtFromNow(8.64e15, 1), undefined);
  });
});
