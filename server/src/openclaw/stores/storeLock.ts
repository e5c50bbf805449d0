import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { formatWords, words, type Words } from '../issues.js';

/**
 * The sidecar lock OpenClaw (≤ 2026.6.x, `@openclaw/fs-safe`'s file lock with the auth store's
 * options) takes around every write of `auth-profiles.json` and `auth-state.json`: a file
 * `<realpath of the store's folder>/auth-profiles.json.lock`, created exclusively, holding
 * `{"pid", "createdAt", "starttime"}` as pretty JSON plus a newline. We take the very same file, so
 * a gateway and this tool never write the store at the same time.
 *
 * Differences on purpose: the lock file appears with its content already in it (written to a
 * private temp file, then hard-linked into place, which fails atomically like `open(…, 'wx')`), so a
 * writer killed at any point never leaves an empty lock behind; and a lock whose content names no
 * owner (an empty file left by some other tool) is stale once its mtime is older than the stale
 * window, as fs-safe's default rule says.
 */

/** OpenClaw's `AUTH_STORE_LOCK_OPTIONS`: 10 retries, backoff ×2 from 100 ms to 10 s, randomised; stale after 30 s. */
export interface LockTiming {
  retries: number;
  factor: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  randomize: boolean;
  staleMs: number;
}

export const OPENCLAW_AUTH_STORE_LOCK: LockTiming = { retries: 10, factor: 2, minTimeoutMs: 100, maxTimeoutMs: 10_000, randomize: true, staleMs: 30_000 };

export class LockTimeout extends Error {
  /** The message as words, for the editor's language (issues.ts). */
  readonly words: Words;

  constructor(readonly lockPath: string) {
    const message = words('Another writer holds {0}; try again in a moment.', lockPath);
    super(formatWords(message));
    this.words = message;
    this.name = 'LockTimeout';
  }
}

interface LockSnapshot {
  raw: string;
  dev: number;
  ino: number;
  mtimeMs: number;
}

/** Where OpenClaw puts the lock of `targetFile`: beside it, in its folder's real path. */
export function lockPathFor(targetFile: string): string {
  const resolved = path.resolve(targetFile);
  const dir = path.dirname(resolved);
  // OpenClaw creates missing state folders private to their owner.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let realDir = dir;
  try {
    realDir = fs.realpathSync(dir);
  } catch {
    // OpenClaw falls back to the unresolved path too.
  }
  return path.join(realDir, `${path.basename(resolved)}.lock`);
}

/** Runs `fn` holding OpenClaw's lock for `targetFile`; the lock is removed afterwards if it is still ours. */
export function withStoreLock<T>(targetFile: string, fn: () => T, timing: LockTiming = OPENCLAW_AUTH_STORE_LOCK): T {
  const release = acquireStoreLock(targetFile, timing);
  try {
    return fn();
  } finally {
    release();
  }
}

export function acquireStoreLock(targetFile: string, timing: LockTiming = OPENCLAW_AUTH_STORE_LOCK): () => void {
  const lockPath = lockPathFor(targetFile);
  for (let attempt = 0; ; ) {
    const mine = tryCreate(lockPath);
    if (mine) return () => removeIfUnchanged(lockPath, mine);
    const held = readSnapshot(lockPath);
    if (!held) continue; // released between our try and our look: try again at once, as OpenClaw does
    if (isStale(held, timing.staleMs)) {
      // Removed only if it is still the lock we judged (another writer may have reclaimed it already).
      removeIfUnchanged(lockPath, held);
      continue;
    }
    if (attempt >= timing.retries) throw new LockTimeout(lockPath);
    sleepMs(retryDelayMs(timing, attempt));
    attempt += 1;
  }
}

/** fs-safe's backoff: min(max, max(min, min·factor^attempt)), times 1–2 when randomised, capped at max. */
export function retryDelayMs(timing: LockTiming, attempt: number): number {
  const base = Math.min(timing.maxTimeoutMs, Math.max(timing.minTimeoutMs, timing.minTimeoutMs * timing.factor ** attempt));
  const jitter = timing.randomize ? 1 + Math.random() : 1;
  return Math.min(timing.maxTimeoutMs, Math.round(base * jitter));
}

/** The lock's content as OpenClaw writes it. */
function lockPayload(): string {
  const payload: { pid: number; createdAt: string; starttime?: number } = { pid: process.pid, createdAt: new Date().toISOString() };
  const starttime = processStartTime(process.pid);
  if (starttime !== undefined) payload.starttime = starttime;
  return `${JSON.stringify(payload, null, 2)}\n`;
}

function tryCreate(lockPath: string): LockSnapshot | undefined {
  const raw = lockPayload();
  const temp = `${lockPath}.${randomUUID()}.tmp`;
  fs.writeFileSync(temp, raw, { flag: 'wx', mode: 0o600 });
  try {
    fs.linkSync(temp, lockPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  const stat = fs.lstatSync(lockPath);
  return { raw, dev: stat.dev, ino: stat.ino, mtimeMs: stat.mtimeMs };
}

function readSnapshot(lockPath: string): LockSnapshot | undefined {
  try {
    const stat = fs.lstatSync(lockPath);
    const raw = fs.readFileSync(lockPath, 'utf8');
    return { raw, dev: stat.dev, ino: stat.ino, mtimeMs: stat.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function removeIfUnchanged(lockPath: string, observed: LockSnapshot): void {
  const current = readSnapshot(lockPath);
  if (current && current.dev === observed.dev && current.ino === observed.ino && current.raw === observed.raw) fs.rmSync(lockPath, { force: true });
}

/**
 * OpenClaw's rule (`shouldRemoveDeadOwnerOrExpiredLock`): a lock naming a pid is stale when that
 * process started at another time than recorded (the pid was reused) or is gone (or a zombie); a
 * live owner's lock is never stale, however old. Without a pid, it is stale when `createdAt` is
 * older than the window. Without either (not our format), by its mtime, as fs-safe's default does.
 */
export function isStale(lock: Pick<LockSnapshot, 'raw' | 'mtimeMs'>, staleMs: number, now = Date.now()): boolean {
  let payload: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(lock.raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) payload = parsed as Record<string, unknown>;
  } catch {
    payload = undefined;
  }
  const pid = typeof payload?.pid === 'number' ? payload.pid : undefined;
  if (pid) {
    if (typeof payload?.starttime === 'number') {
      const current = processStartTime(pid);
      if (current !== undefined && current !== payload.starttime) return true;
    }
    return isPidDefinitelyDead(pid);
  }
  if (typeof payload?.createdAt === 'string') {
    const createdAt = Date.parse(payload.createdAt);
    return !Number.isFinite(createdAt) || now - createdAt > staleMs;
  }
  return now - lock.mtimeMs > staleMs;
}

function isPidDefinitelyDead(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  return isZombie(pid);
}

function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    return /^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Field 22 of /proc/<pid>/stat (clock ticks since boot): tells a reused pid from its first owner. */
export function processStartTime(pid: number): number | undefined {
  if (process.platform !== 'linux' || !Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/);
    const value = Number(fields[19]);
    return Number.isInteger(value) && value >= 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** The writer interface is synchronous (the CLI and the server call it the same way): wait without spinning. */
function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
