import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRemainingShort, maskSecret } from '../../server/src/openclaw/mask.ts';

/** OpenClaw's maskApiKey (src/utils/mask-api-key.ts): ≤ 6 → 1+1, ≤ 16 → 2+2, else 8+8, trimmed first. */
describe('masking exactly as OpenClaw', () => {
  const rows: [string, string][] = [
    ['', 'missing'],
    ['   ', 'missing'],
    ['a', 'a...a'],
    ['abcdef', 'a...f'],
    ['abcdefg', 'ab...fg'],
    ['abcdefghijklmnop', 'ab...op'],
    ['abcdefghijklmnopq', 'abcdefgh...jklmnopq'],
    ['  sk-ant-api03-0123456789abcdefXYZ  ', 'sk-ant-a...bcdefXYZ'],
    ['sk-ant-oat01-' + 'x'.repeat(90) + 'ENDENDEN', 'sk-ant-o...ENDENDEN'],
  ];
  for (const [input, expected] of rows) it(`${JSON.stringify(input.slice(0, 24))} (${input.length}) → ${expected}`, () => assert.equal(maskSecret(input), expected));

  it('a long secret never shows more than 16 of its characters', () => {
    const secret = 'sk-ant-api03-' + 'SECRETMIDDLE'.repeat(8) + 'tail1234';
    const masked = maskSecret(secret);
    assert.ok(!masked.includes('SECRETMIDDLE'));
    assert.equal(masked.replace('...', '').length, 16);
  });
});

describe('time left in OpenClaw short form', () => {
  const rows: [number | undefined, string][] = [[undefined, 'unknown'], [-5, '0m'], [0, '0m'], [20e3, '1m'], [45 * 60e3, '45m'], [3 * 3600e3, '3h'], [47 * 3600e3, '47h'], [49 * 3600e3, '2d'], [12 * 86400e3, '12d']];
  for (const [ms, expected] of rows) it(`${ms} ms → ${expected}`, () => assert.equal(formatRemainingShort(ms), expected));
});
