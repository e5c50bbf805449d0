import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensurePeer, runPeer } from '../differential/peer.ts';
import { tempHome } from '../support/fakeHome.ts';
import { expectedMigratedStore, writeLegacyAuthHome } from '../support/legacyAuthHome.ts';
import { normalizeStatus, parseStatusOutput } from '../support/normalize.ts';
import { runOurCli } from '../support/runCli.ts';
import { rewriteLegacyAuthJson } from '../../server/src/openclaw/stores/legacyAuthRewrite.ts';

/**
 * The legacy auth.json quick fix against the real OpenClaw 2026.6.1: its `models status --json`
 * reports the same profiles before (reading auth.json) and after (reading the auth-profiles.json we
 * wrote). Its own run migrates the file on load, which gives a second judge: the store we write must
 * be the very bytes OpenClaw writes.
 */
const CANARY = 'CANARYxLEGACYxPEER';
const EXPIRES = Date.now() + 90 * 86_400_000;

describe('legacy auth.json rewrite, judged by the live OpenClaw 2026.6.1', () => {
  let peer: { bin: string; nodeBin: string };
  const homes: string[] = [];
  const home = () => {
    const h = tempHome('oc-legacy-peer-');
    homes.push(h);
    return { home: h, ...writeLegacyAuthHome(h, CANARY, EXPIRES) };
  };

  before(() => {
    peer = ensurePeer('2026.6.1');
  });
  after(() => {
    for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
  });

  it('same profiles before and after, and the store is byte for byte what OpenClaw migrates to', async () => {
    // Before: OpenClaw reads auth.json (and migrates it as it loads, deleting auth.json).
    const theirs = home();
    const originalText = fs.readFileSync(theirs.authJson);
    const beforeRun = await runPeer(peer, theirs.home, ['--json'], {});
    assert.equal(beforeRun.code, 0, beforeRun.stderr);
    const beforeStatus = normalizeStatus(parseStatusOutput(beforeRun.stdout));
    assert.equal(beforeStatus.profiles.length, 6, 'the six profiles OpenClaw keeps');
    const openclawStore = fs.readFileSync(path.join(theirs.agentDir, 'auth-profiles.json'), 'utf8');
    assert.ok(!fs.existsSync(theirs.authJson), 'OpenClaw deletes auth.json once migrated');

    // Our engine reads the untouched legacy home as OpenClaw did.
    const untouched = home();
    const ourRead = runOurCli(untouched.home, ['--json', '--compat', '2026.6']);
    assert.equal(ourRead.code, 0, ourRead.stderr);
    assert.ok(!ourRead.stdout.includes(CANARY) && !ourRead.stderr.includes(CANARY));
    assert.deepEqual(normalizeStatus(parseStatusOutput(ourRead.stdout)), beforeStatus);

    // The quick fix's write on a fresh copy.
    const mine = home();
    const result = rewriteLegacyAuthJson(mine.agentDir, mine.stateDir);
    assert.ok(!result.summary.includes(CANARY));
    const ourStore = path.join(mine.agentDir, 'auth-profiles.json');
    assert.equal(fs.readFileSync(ourStore, 'utf8'), openclawStore);
    assert.equal(openclawStore, `${JSON.stringify(expectedMigratedStore(CANARY, EXPIRES), null, 2)}\n`);
    assert.deepEqual(fs.readFileSync(path.join(mine.agentDir, 'auth.json.bak')), originalText);

    // After: OpenClaw reads our store, reports the same, and leaves it (and the backup) alone.
    const afterRun = await runPeer(peer, mine.home, ['--json'], {});
    assert.equal(afterRun.code, 0, afterRun.stderr);
    assert.deepEqual(normalizeStatus(parseStatusOutput(afterRun.stdout)), beforeStatus);
    assert.equal(fs.readFileSync(ourStore, 'utf8'), openclawStore);
    assert.deepEqual(fs.readdirSync(mine.agentDir).sort(), ['auth-profiles.json', 'auth.json.bak']);
  });
});
