import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COLUMN_EXPECTATIONS, expectationFor, meetsExpectation } from '../differential/knownDifferences.ts';

// The rule `npm test` enforces through the differential run: the reference column admits no
// unexplained home, the 2026.3 column the floor docs/differences.md states.
test('the reference column (2026.6.1) fails on a single unexplained home', () => {
  const reference = { peer: '2026.6.1' };
  assert.equal(expectationFor(reference), 1);
  assert.equal(meetsExpectation(reference, 200, 200, 0), true);
  assert.equal(meetsExpectation(reference, 200, 198, 2), true, 'documented differences count as explained');
  assert.equal(meetsExpectation(reference, 200, 199, 0), false);
});

test('the 2026.3 column passes down to its documented floor, not below', () => {
  const compat = { peer: '2026.3.13', compat: '2026.3' };
  assert.equal(expectationFor(compat), 0.99);
  assert.equal(meetsExpectation(compat, 100, 99, 0), true);
  assert.equal(meetsExpectation(compat, 100, 98, 0), false);
  assert.equal(meetsExpectation(compat, 300, 297, 0), true);
  assert.equal(meetsExpectation(compat, 300, 296, 0), false);
});

test('a column nobody measured must agree everywhere, and each listed column is distinct', () => {
  assert.equal(expectationFor({ peer: '2026.12.1' }), 1);
  assert.equal(expectationFor({ peer: '2026.9.6' }), 0.99, 'the SQLite column: its documented floor');
  assert.equal(meetsExpectation({ peer: '2026.9.6' }, 40, 39, 0), false, 'on 40 homes the floor still asks for all');
  assert.equal(expectationFor({ peer: '2026.3.13' }), 1, 'the 2026.3.13 peer against ours without --compat is not the measured column');
  const keys = COLUMN_EXPECTATIONS.map((c) => `${c.peer}/${c.compat ?? ''}`);
  assert.equal(new Set(keys).size, keys.length);
});
