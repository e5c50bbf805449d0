import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { words } from '../issues.js';
import { WriteRefused } from './storeWriter.js';
import { isBusy, type WritableSqliteModule } from './sqliteWriteConnection.js';

/**
 * OpenClaw 2026.9.x serialises every write to its shared state database (`<state>/state/openclaw.sqlite`)
 * across processes with a lock of its own before SQLite's: an exclusive transaction held on an empty
 * SQLite file, `/tmp/openclaw-state-locks-<uid>/state-lifecycle.<first 8 hex of sha256(real path of the
 * database)>.lock.sqlite` (OpenClaw's "state-lifecycle coordinator"). Schema publication and WAL
 * maintenance run under it too, so a writer that skips it can interleave with them. We take the same
 * lock, with the same busy timeout, for every write that touches a SQLite store.
 */
export function stateLifecycleLockPath(globalDatabase: string): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const runtimeDir = process.platform === 'win32' ? path.join(os.homedir(), 'AppData', 'Local', 'OpenClaw', 'locks') : '/tmp';
  const directory = path.join(realPathOrResolved(runtimeDir), uid === undefined ? 'openclaw-state-locks' : `openclaw-state-locks-${uid}`);
  const hash = crypto.createHash('sha256').update(realPathOrResolved(globalDatabase)).digest('hex').slice(0, 8);
  return path.join(directory, `state-lifecycle.${hash}.lock.sqlite`);
}

/** Runs `fn` holding OpenClaw's state-lifecycle lock for `globalDatabase`; refuses when it stays busy. */
export function withStateLifecycleLock<T>(sqlite: WritableSqliteModule, globalDatabase: string, busyTimeoutMs: number, fn: () => T): T {
  const lockFile = stateLifecycleLockPath(globalDatabase);
  ensurePrivateDirectory(path.dirname(lockFile));
  const lock = new sqlite.DatabaseSync(lockFile);
  try {
    try {
      // journal_mode MEMORY: the lock file stays empty, as OpenClaw leaves it.
      lock.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}; PRAGMA journal_mode = MEMORY; BEGIN EXCLUSIVE;`);
    } catch (error) {
      if (isBusy(error)) {
        throw new WriteRefused('sqlite/busy', words('OpenClaw is writing its state database and did not let go within {0} s. Nothing was written; try again in a moment.', busyTimeoutMs / 1000), { file: globalDatabase });
      }
      throw error;
    }
    try {
      return fn();
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    lock.close();
  }
}

/** As OpenClaw: a real folder of ours, mode 0700 (a lock folder others can write is no lock). */
function ensurePrivateDirectory(directory: string): void {
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  const stats = fs.lstatSync(directory);
  if (stats.isSymbolicLink() || !stats.isDirectory()) {
    throw new WriteRefused('sqlite/lock-folder', words('OpenClaw\'s lock folder {0} is not a real folder. Nothing was written.', directory), { file: directory });
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (uid !== undefined && stats.uid !== uid) {
    throw new WriteRefused('sqlite/lock-folder', words('OpenClaw\'s lock folder {0} belongs to another user. Nothing was written.', directory), { file: directory });
  }
  if (process.platform !== 'win32' && (stats.mode & 0o777) !== 0o700) fs.chmodSync(directory, 0o700);
}

/** The real path, or (when it does not exist yet) the resolved one below its nearest real ancestor. */
function realPathOrResolved(p: string): string {
  const resolved = path.resolve(p);
  try {
    return fs.realpathSync.native(resolved);
  } catch {
    const parent = path.dirname(resolved);
    return parent === resolved ? resolved : path.join(realPathOrResolved(parent), path.basename(resolved));
  }
}
