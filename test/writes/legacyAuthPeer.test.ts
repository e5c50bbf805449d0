import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensurePeer, runPeer } from '../differential/peer.ts';
import { tempHome } from '../support/fakeHome.ts';
import { expectedFlatRewrite, expectedMigratedStore, writeLegacyAuthHome, writeLegacyFlatHome } from '../support/legacyAuthHome.ts';
import { normalizeStatus, parseStatusOutput } from '../support/normalize.ts';
import { runOurCli } from '../support/runCli.ts';
import { rewriteLegacyAuthJson, rewriteLegacyFlatStore } from '../../server/src/openclaw/stores/legacyAuthRewrite.ts';

/**
 * The legacy auth.json quick fix against the real OpenClaw 2026.6.1: its `models status --json`
 * reports the same profiles before (reading auth.json) and after (reading the auth-profiles.json we
 * wrote). Its own run migrates the file on load, which gives a second judge: the store we write must
 * be the very bytes OpenClaw writes. And the flat auth-profiles.json fix against the real
 * `openclaw doctor --fix` (about 25 s of its own checks): same bytes, same status after.
 */
const CANARY = 'CANARYxLEGACYxPEER';
const EXPIRES = Date.now() + 90 * 86_400_000;

describe('legacy auth.json rewrite, judged by the live OpenClaw 2026.6.1', () => {
  let peer: { bin: string; nodeBin: string };
  const homes: string[] = [];
  const newHome = () => {
    const h = tempHome('oc-legacy-peer-');
    homes.push(h);
    return h;
  };
  const home = () => {
    const h = newHome();
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

  it('a flat auth-profiles.json: the same bytes as the real `openclaw doctor --fix` writes, and the same status after', async () => {
    const theirs = newHome();
    const t = writeLegacyFlatHome(theirs, CANARY, EXPIRES);
    const original = fs.readFileSync(t.store);
    const doctor = spawnSync(peer.bin, ['doctor', '--fix', '--non-interactive'], {
      env: { PATH: `${peer.nodeBin}:${process.env.PATH ?? ''}`, HOME: theirs, TZ: 'UTC', NO_COLOR: '1' },
      cwd: theirs,
      encoding: 'utf8',
      timeout: 180_000,
    });
    assert.equal(doctor.status, 0, doctor.stderr);
    const doctorStore = fs.readFileSync(t.store, 'utf8');
    assert.equal(doctorStore, `${JSON.stringify(expectedFlatRewrite(CANARY, EXPIRES), null, 2)}\n`);
    assert.equal(fs.readdirSync(t.agentDir).filter((f) => /^auth-profiles\.json\.legacy-flat\.\d+\.bak$/.test(f)).length, 1, "the doctor's backup");

    const mine = newHome();
    const m = writeLegacyFlatHome(mine, CANARY, EXPIRES);
    const result = rewriteLegacyFlatStore(m.agentDir, { expectedText: original.toString('utf8') });
    assert.ok(!result.summary.includes(CANARY));
    assert.equal(fs.readFileSync(m.store, 'utf8'), doctorStore);
    assert.equal(fs.statSync(m.store).mode & 0o777, 0o600);
    assert.match(path.basename(result.backup), /^auth-profiles\.json\.legacy-flat\.\d+\.bak$/);
    assert.deepEqual(fs.readFileSync(result.backup), original);

    const afterDoctor = await runPeer(peer, theirs, ['--json'], {});
    const afterOurs = await runPeer(peer, mine, ['--json'], {});
    assert.equal(afterOurs.code, 0, afterOurs.stderr);
    const status = (run: { stdout: string }) => normalizeStatus(parseStatusOutput(run.stdout));
    assert.equal(status(afterOurs).profiles.length, 4);
    assert.deepEqual(status(afterOurs), status(afterDoctor));
  });
});
