import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { jsonPathRanges, pathKey, type JsonPath } from '../../server/src/diagnostics/jsonPathRanges.ts';

/** Every path of a parsed value (the root included), as jsonc-parser would walk it. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): JsonPath[] {
  const out: JsonPath[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

const key = fc.oneof(fc.constantFrom('profiles', 'a"b', 'back\\slash', 'é', '', '__proto__', 'x:y'), fc.string({ maxLength: 6 }));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
})).value;

test('jsonPathRanges gives the ranges jsonc-parser gives, for every path of generated JSON in any layout', () => {
  fc.assert(fc.property(json, fc.constantFrom(0, 1, 2, '\t'), fc.nat(5), (value, indent, extra) => {
    const text = ' '.repeat(extra) + JSON.stringify(value, null, indent) + '\n'.repeat(extra % 2);
    const paths = pathsOf(JSON.parse(text));
    const { ranges } = jsonPathRanges(text, paths);
    const root = parseTree(text)!;
    for (const p of paths) {
      const node = findNodeAtLocation(root, [...p]) as Node;
      const range = ranges.get(pathKey(p));
      assert.ok(range, `${pathKey(p)} found`);
      assert.deepEqual([range.valueStart, range.valueEnd], [node.offset, node.offset + node.length], pathKey(p));
      const name = node.parent?.type === 'property' ? node.parent.children![0]! : undefined;
      assert.deepEqual([range.keyStart, range.keyEnd], name ? [name.offset, name.offset + name.length] : [undefined, undefined], pathKey(p));
    }
  }), { numRuns: 400, seed: 42 });
});

test('jsonPathRanges leaves out paths that are not there; a repeated name is found where JSON.parse takes it, the earlier one reported', () => {
  const text = '{"a":{"b":1},"a":{"b":2},"c":[10,20]}';
  const { ranges, repeated } = jsonPathRanges(text, [['a', 'b'], ['c', 5], ['nope'], ['c', 1]], [[], ['a']]);
  assert.equal(JSON.parse(text).a.b, 2);
  assert.deepEqual(ranges.get(pathKey(['a', 'b'])), { keyStart: 18, keyEnd: 21, valueStart: 22, valueEnd: 23 });
  assert.deepEqual(repeated, [{ object: [], name: 'a', keyStart: 1, keyEnd: 4, valueEnd: 12 }]);
  assert.deepEqual(ranges.get(pathKey(['c', 1])), { valueStart: 33, valueEnd: 35 });
  assert.equal(ranges.has(pathKey(['c', 5])), false);
  assert.equal(ranges.has(pathKey(['nope'])), false);
});

test('jsonPathRanges walks a value nested 100 000 levels deep without recursing into it', () => {
  const depth = 100_000;
  const text = `{"deep":${'['.repeat(depth)}${']'.repeat(depth)},"after":true}`;
  assert.deepEqual(jsonPathRanges(text, [['after']], [[]]).ranges.get(pathKey(['after'])), { keyStart: depth * 2 + 9, keyEnd: depth * 2 + 16, valueStart: depth * 2 + 17, valueEnd: depth * 2 + 21 });
});
