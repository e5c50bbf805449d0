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
  /** The real CLI with ARGS on HOME (clean env, as run-peer.sh); its stdout, failing on a non-zero exit. */
  const openclaw = (h: string, args: string[]): string => {
    const r = spawnSync(peer.bin, args, { env: { PATH: `${peer.nodeBin}:${process.env.PATH ?? ''}`, HOME: h, TZ: 'UTC', NO_COLOR: '1' }, cwd: h, encoding: 'utf8', timeout: 180_000 });
    assert.equal(r.status, 0, `openclaw ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
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

  it('an auth-state.json beside auth.json: OpenClaw drops it as it migrates, we move it aside; same status after', async () => {
    const order = JSON.stringify({ version: 1, order: { google: ['github-copilot:default', 'google:default'] }, lastGood: { google: 'google:default' } });
    const theirs = home();
    fs.writeFileSync(path.join(theirs.agentDir, 'auth-state.json'), order);
    const beforeRun = await runPeer(peer, theirs.home, ['--json'], {});
    assert.equal(beforeRun.code, 0, beforeRun.stderr);
    assert.deepEqual(fs.readdirSync(theirs.agentDir), ['auth-profiles.json'], 'OpenClaw deletes auth.json and auth-state.json');

    const mine = home();
    fs.writeFileSync(path.join(mine.agentDir, 'auth-state.json'), order);
    rewriteLegacyAuthJson(mine.agentDir, mine.stateDir);
    assert.deepEqual(fs.readdirSync(mine.agentDir).sort(), ['auth-profiles.json', 'auth-state.json.bak', 'auth.json.bak']);
    const afterRun = await runPeer(peer, mine.home, ['--json'], {});
    assert.deepEqual(normalizeStatus(parseStatusOutput(afterRun.stdout)), normalizeStatus(parseStatusOutput(beforeRun.stdout)));
    // The order override is what auth-state.json carried: gone in both homes, as OpenClaw's migration leaves it.
    const override = (h: string) => /Order override: (.*)/.exec(openclaw(h, ['models', 'auth', 'order', 'get', '--provider', 'google']))?.[1];
    assert.equal(override(theirs.home), '(none)');
    assert.equal(override(mine.home), '(none)');
  });

  it('a flat auth-profiles.json: the same bytes as the real `openclaw doctor --fix` writes, and the same status after', async () => {
    const theirs = newHome();
    const t = writeLegacyFlatHome(theirs, CANARY, EXPIRES);
    const original = fs.readFileSync(t.store);
    openclaw(theirs, ['doctor', '--fix', '--non-interactive']);
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
