/**
 * client/shims/: the two semver functions the language client's VS Code version check uses, as the
 * client bundle gets them (scripts/build.mjs aliases them). Compared with the real semver package,
 * so the shim answers as semver would for every version the check can see.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const parse = require('../../client/shims/semverParse.cjs') as (v: string) => { major: number; minor: number; patch: number; prerelease: string[] } | null;
const satisfies = require('../../client/shims/semverSatisfies.cjs') as (v: ReturnType<typeof parse>, range: string) => boolean;
const realParse = require('semver/functions/parse') as typeof parse;
const realSatisfies = require('semver/functions/satisfies') as (v: unknown, range: string) => boolean;

const VERSIONS = ['1.139.1', '1.91.0', '1.90.9', '1.91.1', '1.100.0', '2.0.0', '0.99.0', '1.139.0-insider', 'v1.95.2', 'nonsense', '1.2', ''];

for (const version of VERSIONS) {
  test(`"${version}" reads and checks against ^1.91.0 as semver does`, () => {
    const ours = parse(version);
    const theirs = realParse(version);
    assert.equal(ours === null, theirs === null);
    if (!ours || !theirs) return;
    assert.deepEqual([ours.major, ours.minor, ours.patch, ours.prerelease], [theirs.major, theirs.minor, theirs.patch, theirs.prerelease]);
    // The language client clears the pre-release before it checks (insiders stay API compatible).
    ours.prerelease = [];
    theirs.prerelease = [];
    assert.equal(satisfies(ours, '^1.91.0'), realSatisfies(theirs, '^1.91.0'));
  });
}

test('a range of another shape passes (the manifest\'s engines.vscode keeps old VS Code away)', () => {
  assert.equal(satisfies(parse('1.139.1'), '>=1.91.0'), true);
});
