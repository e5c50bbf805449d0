import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensurePeer } from '../differential/peer.ts';
import { repoRoot } from '../support/runCli.ts';
import { JsonStoreWriter } from '../../server/src/openclaw/stores/jsonStoreWriter.ts';
import { parseStoreText } from '../../server/src/openclaw/stores/storeSource.ts';

/**
 * Our JSON-era writer against OpenClaw 2026.6.1's own: its bundled write path (the lock, the load
 * inside it, the save) for the bulk, its real CLI's paste-token for a sample, and writers killed
 * with SIGKILL. Every update must survive, and every look at the store must find a valid one.
 */
const PEER_VERSION = '2026.6.1';
let peer: { bin: string; nodeBin: string };
let home: string;
let agentDir: string;
let storeFile: string;
let stateFile: string;
/** The bundle modules that define OpenClaw's store write functions (found once, passed to each writer). */
let bundleFiles: string[];

before(() => {
  peer = ensurePeer(PEER_VERSION);
  const dist = path.join(peerDir(), 'node_modules', 'openclaw', 'dist');
  bundleFiles = fs.readdirSync(dist).filter((f) => /\.m?js$/.test(f) && fs.readFileSync(path.join(dist, f), 'utf8').includes('function upsertAuthProfileWithLock('));
  assert.ok(bundleFiles.length > 0, 'the bundle defines upsertAuthProfileWithLock');
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-writes-'));
  agentDir = path.join(home, '.openclaw', 'agents', 'main', 'agent');
  storeFile = path.join(agentDir, 'auth-profiles.json');
  stateFile = path.join(agentDir, 'auth-state.json');
  fs.mkdirSync(agentDir, { recursive: true });
  fs.writeFileSync(path.join(home, '.openclaw', 'openclaw.json'), '{}');
  fs.writeFileSync(storeFile, JSON.stringify({ version: 1, profiles: {} }), { mode: 0o600 });
});
const running = new Set<ChildProcess>();
after(() => {
  // A failed assertion may leave a writer running: stop it before its home goes.
  for (const child of running) child.kill('SIGKILL');
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

interface Writer {
  child: ChildProcess;
  /** `ok <i>` / `fail <i>` lines so far. */
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts a writer child; it waits for `go()` (both sides start together) and pauses up to `pauseMs` between writes. */
function startWriter(side: 'ours' | 'openclaw', prefix: string, count: number, orderEvery: number, pauseMs = 0): Writer {
  const args = JSON.stringify({ agentDir, prefix, count, orderEvery, pauseMs, peerDir: peerDir(), bundleFiles });
  const child =
    side === 'ours'
      ? spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'ourStoreWriter.ts'), args], { cwd: repoRoot, env: { ...cleanEnv(), HOME: home } })
      : spawn(path.join(peer.nodeBin, 'node'), [path.join(import.meta.dirname, 'openclawStoreWriter.mjs'), args], { cwd: repoRoot, env: { ...cleanEnv(), HOME: home } });
  const lines: string[] = [];
  let rest = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      running.delete(child);
      if (code !== 0 && code !== null && err) process.stderr.write(`${side} writer: ${err}\n`);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

function peerDir(): string {
  return path.join(repoRoot, '.cache', 'peers', `openclaw-${PEER_VERSION}`);
}

/** Starts writers together, once each has loaded its code. */
async function go(...writers: Writer[]): Promise<void> {
  await waitFor(() => writers.every((w) => w.lines.includes('ready')));
  for (const w of writers) w.child.stdin!.end('go\n');
}

function cleanEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', TZ: 'UTC', NO_COLOR: '1' };
}

function readStore(): { profiles: Record<string, { token?: string }>; raw: string } {
  const raw = fs.readFileSync(storeFile, 'utf8');
  const parsed = parseStoreText(raw, storeFile);
  assert.ok(parsed.store, `a valid store: ${parsed.issues.map((i) => i.code).join(', ')}`);
  return { profiles: JSON.parse(raw).profiles, raw };
}

/** Reads the store without any lock, as the gateway's readers do, as often as it can while writers run. */
function watchStore(): { stop: () => { reads: number; problems: string[] } } {
  let reads = 0;
  let lastCount = 0;
  const problems: string[] = [];
  const timer = setInterval(() => {
    let raw: string;
    try {
      raw = fs.readFileSync(storeFile, 'utf8');
    } catch {
      return; // not created yet
    }
    reads++;
    const parsed = parseStoreText(raw, storeFile);
    if (!parsed.store) {
      problems.push(`invalid store after ${reads} reads: ${parsed.issues.map((i) => i.code).join(', ')}`);
      return;
    }
    try {
      if (fs.existsSync(stateFile)) JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    } catch (error) {
      // Deleted between the look and the read is fine; anything else is a torn auth-state.json.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`invalid auth-state.json after ${reads} reads`);
    }
    const count = Object.keys(parsed.store.profiles).length;
    if (count < lastCount) problems.push(`profiles went from ${lastCount} to ${count}: an update was lost`);
    lastCount = count;
  }, 1);
  return {
    stop: () => {
      clearInterval(timer);
      return { reads, problems };
    },
  };
}

function oks(w: Writer): number[] {
  return w.lines.filter((l) => l.startsWith('ok ')).map((l) => Number(l.slice(3)));
}

describe(`concurrent writes with OpenClaw ${PEER_VERSION}`, () => {
  it("1 000 interleaved writes, ours and OpenClaw's own write path: none lost, the store valid at every look", async () => {
    const N = 500;
    const watcher = watchStore();
    // Each pauses a few ms between writes, as busy writers do: one in a tight loop holds the lock
    // nearly all the time, and the other's backoff (100 ms, doubling, OpenClaw's and ours) waits it out.
    const ours = startWriter('ours', 'ours', N, 10, 20);
    const theirs = startWriter('openclaw', 'peer', N, 10, 20);
    await go(ours, theirs);
    const [oursCode, theirsCode] = await Promise.all([ours.exited, theirs.exited]);
    const watched = watcher.stop();
    assert.equal(oursCode, 0);
    assert.equal(theirsCode, 0);
    assert.deepEqual(theirs.lines.filter((l) => l.startsWith('fail')), [], 'OpenClaw never failed to write');
    assert.equal(oks(ours).length, N);
    assert.equal(oks(theirs).length, N);
    assert.deepEqual(watched.problems, []);
    assert.ok(watched.reads > 100, `the store was looked at ${watched.reads} times`);

    const { profiles } = readStore();
    for (let i = 0; i < N; i++) {
      assert.equal(profiles[`ours:${i}`]?.token, `tok-ours-${i}`, `ours:${i} kept`);
      assert.equal(profiles[`peer:${i}`]?.token, `tok-peer-${i}`, `peer:${i} kept`);
    }
    // Both order overrides survive each other's rewrites of auth-state.json.
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    assert.deepEqual(state.order.ours, [`ours:${N - 10}`]);
    assert.deepEqual(state.order.peer, [`peer:${N - 10}`]);
    // Interleaved, not one after the other: the store's key order is the order of the writes.
    const sides = Object.keys(profiles).map((id) => id.split(':')[0]);
    const switches = sides.filter((s, i) => i > 0 && s !== sides[i - 1]).length;
    process.stdout.write(`# bulk: ${2 * N} writes, ${switches} switches between writers, ${watched.reads} unlocked reads\n`);
    assert.ok(switches >= 6, `writers interleaved (${switches} switches)`);
  });

  it("the real CLI's paste-token while ours keeps writing: both sides' profiles all there", async () => {
    // Paced like a busy editor, not a tight loop: a writer that never lets go starves OpenClaw's backoff.
    const ours = startWriter('ours', 'loop', -1, 0, 20);
    await go(ours);
    const watcher = watchStore();
    const SAMPLE = 3;
    for (let k = 0; k < SAMPLE; k++) {
      const code = await runRealPasteToken(`anthropic:cli${k}`, `sk-ant-oat01-${'c'.repeat(80)}${k}`);
      assert.equal(code, 0);
    }
    ours.child.kill('SIGTERM');
    await ours.exited;
    const watched = watcher.stop();
    assert.deepEqual(watched.problems, []);
    const written = oks(ours);
    assert.ok(written.length >= 20, `ours wrote ${written.length} times meanwhile`);
    const { profiles } = readStore();
    for (const i of written) assert.equal(profiles[`loop:${i}`]?.token, `tok-loop-${i}`, `loop:${i} kept`);
    for (let k = 0; k < SAMPLE; k++) assert.ok(profiles[`anthropic:cli${k}`], `anthropic:cli${k} kept`);
    process.stdout.write(`# sample: ${SAMPLE} real paste-token runs during ${written.length} of our writes\n`);
  });

  it('a writer killed with SIGKILL leaves the old or the new store, and the next writer recovers its lock', async () => {
    const ROUNDS = 16;
    let leftLocks = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const side = round % 2 === 0 ? 'ours' : 'openclaw';
      const prefix = `kill${round}`;
      const before = new Set(Object.keys(readStore().profiles));
      const w = startWriter(side, prefix, -1, 3);
      await go(w);
      await waitFor(() => oks(w).length >= 1 + (round % 5));
      // Half the rounds: caught while it holds the lock (stopped, looked at, killed); half: at a random moment.
      if (round % 4 < 2) await stopWhileHoldingLock(w.child);
      else await sleep(Math.floor(Math.random() * 8));
      w.child.kill('SIGKILL');
      await w.exited;
      const confirmed = oks(w);
      const next = confirmed.length;
      const { profiles } = readStore(); // valid, not torn
      if (fs.existsSync(stateFile)) JSON.parse(fs.readFileSync(stateFile, 'utf8')); // and so is auth-state.json
      const mine = Object.keys(profiles).filter((id) => id.startsWith(`${prefix}:`)).map((id) => Number(id.split(':')[1])).sort((a, b) => a - b);
      const expected = [...Array(next).keys()];
      assert.ok(
        JSON.stringify(mine) === JSON.stringify(expected) || JSON.stringify(mine) === JSON.stringify([...expected, next]),
        `round ${round}: the old or the new store (confirmed ${next}, found ${mine.join(',')})`,
      );
      for (const id of before) assert.ok(profiles[id], `round ${round}: ${id} kept`);
      if (fs.existsSync(`${storeFile}.lock`)) leftLocks++;
      // The next writer, ours or OpenClaw's in turn, gets through a dead writer's lock.
      if (round % 2 === 0) {
        const result = await runOpenClawOnce(`after${round}`);
        assert.equal(result, 'ok 0', `round ${round}: OpenClaw recovered`);
      } else {
        new JsonStoreWriter({ agentId: 'main', agentDir, orderIn: 'auth-state' }).apply({ kind: 'paste-token', provider: 'after', profileId: `after:${round}`, secret: 'x', credentialType: 'token' });
      }
      assert.ok(!fs.existsSync(`${storeFile}.lock`), `round ${round}: no lock left`);
    }
    process.stdout.write(`# kill: ${ROUNDS} writers killed, ${leftLocks} left their lock behind, all recovered\n`);
    assert.ok(leftLocks >= ROUNDS / 2, `the lock-holding kills left a stale lock (${leftLocks})`);
  });
});

/** Stops the writer (SIGSTOP) at a moment its own lock is on disk; the caller then kills it. */
async function stopWhileHoldingLock(child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 2000; attempt++) {
    child.kill('SIGSTOP');
    try {
      const lock = JSON.parse(fs.readFileSync(`${storeFile}.lock`, 'utf8'));
      if (lock.pid === child.pid) return;
    } catch {
      // no lock, or not complete yet
    }
    child.kill('SIGCONT');
    await sleep(0);
  }
  assert.fail('never caught the writer holding its lock');
}

async function runOpenClawOnce(prefix: string): Promise<string | undefined> {
  const w = startWriter('openclaw', prefix, 1, 0);
  await go(w);
  await w.exited;
  return w.lines.find((l) => l !== 'ready');
}

function runRealPasteToken(profileId: string, token: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(peer.bin, ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', profileId], {
      env: { ...cleanEnv(), PATH: `${peer.nodeBin}:${process.env.PATH ?? ''}`, HOME: home },
      cwd: home,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdin.end(`${token}\n`);
    child.on('close', (code) => {
      if (code !== 0) process.stderr.write(err);
      resolve(code);
    });
  });
}

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 6000 && !done(); i++) await sleep(5);
  assert.ok(done(), 'the writer started');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
