// How the quick pick's arrows and the tree's drag and drop reorder profile ids (client/src/orderMoves.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moveBefore, orderAfterDrop } from '../../client/src/orderMoves.ts';

const ids = ['a', 'b', 'c', 'd'];

test('moveBefore takes the id out and puts it before the other, or last', () => {
  assert.deepEqual(moveBefore(ids, 'c', 'a'), ['c', 'a', 'b', 'd']);
  assert.deepEqual(moveBefore(ids, 'a', 'd'), ['b', 'c', 'a', 'd']);
  assert.deepEqual(moveBefore(ids, 'b', undefined), ['a', 'c', 'd', 'b']);
  assert.deepEqual(moveBefore(ids, 'b', 'b'), ['a', 'c', 'd', 'b']);
  assert.deepEqual(moveBefore(ids, 'x', 'a'), ids, 'an unknown id changes nothing');
  assert.deepEqual(ids, ['a', 'b', 'c', 'd'], 'the input is not changed');
});

test('a drop lands where the row was dropped: after the target going down, before it going up, first on the provider', () => {
  assert.deepEqual(orderAfterDrop(ids, 'a', 'c'), ['b', 'c', 'a', 'd']);
  assert.deepEqual(orderAfterDrop(ids, 'a', 'd'), ['b', 'c', 'd', 'a']);
  assert.deepEqual(orderAfterDrop(ids, 'd', 'b'), ['a', 'd', 'b', 'c']);
  assert.deepEqual(orderAfterDrop(ids, 'c', undefined), ['c', 'a', 'b', 'd']);
  assert.deepEqual(orderAfterDrop(ids, 'b', 'b'), ids);
  assert.deepEqual(orderAfterDrop(['b', 'a'], 'b', 'a'), ['a', 'b'], 'two profiles swap');
});
