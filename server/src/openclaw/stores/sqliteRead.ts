import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { kernelFileIssue } from '../fileRead.js';
import { issue, words, type SourceIssue, type Words } from '../issues.js';

/** Minimal typing of Node's built-in `node:sqlite` (Node ≥ 22.5), loaded only when present. */
export interface SqliteDatabase {
  prepare(sql: string): { get(...params: unknown[]): Record<string, unknown> | undefined; all(...params: unknown[]): Record<string, unknown>[] };
  close(): void;
}
export type SqliteModule = { DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => SqliteDatabase };

let sqliteModule: SqliteModule | null | undefined;
/** `node:sqlite` when this Node has it (22.5+), else null: the CLI on Node 20 then says so instead of failing. */
export function loadSqlite(): SqliteModule | null {
  if (sqliteModule !== undefined) return sqliteModule;
  try {
    const req = createRequire(__filename);
    const emit = process.emitWarning;
    // node:sqlite prints an ExperimentalWarning on first load; it is noise for our users.
    process.emitWarning = (() => undefined) as typeof process.emitWarning;
    try {
      sqliteModule = req('node:sqlite') as SqliteModule;
    } finally {
      process.emitWarning = emit;
    }
  } catch {
    sqliteModule = null;
  }
  return sqliteModule;
}

export type SqliteReadResult<T> = { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'failed'; issue: SourceIssue };

/** How often a database that keeps changing under us is read again before we report it busy. */
const RETRY_DELAYS_MS = [5, 10, 20, 40, 80, 80];

/** The files SQLite keeps beside a database: their presence decides how it can be read untouched. */
const COMPANIONS = ['-wal', '-journal'] as const;

export interface SqliteReadOptions {
  /** Test seam: runs between the first and second look at the files (a writer racing the read). */
  betweenLooks?: () => void;
}

/**
 * Runs `read` on a consistent view of `database` without changing a byte, file, mode or owner
 * beside it, and without waiting on whoever holds it open (the gateway).
 *
 * - No `-wal` / `-journal` beside it (nobody has it open): the file itself, opened `immutable`
 *   (SQLite then takes no lock and creates no `-wal`/`-shm`; a plain read-only open of a WAL
 *   database leaves both behind).
 * - A `-wal` or `-journal` beside it (the gateway is running, or stopped mid-write): the database
 *   and those files are copied into a private temporary folder and read there, where SQLite
 *   replays the WAL or rolls back the unfinished transaction as it would for the gateway. The
 *   `-shm` is never read: SQLite rebuilds it from the WAL, so a missing one changes nothing.
 *
 * Either way the files are looked at before and after; when they changed meanwhile (a write raced
 * the read) it is tried again briefly, then reported as busy. Never throws, never blocks for long.
 */
export function readSqliteUntouched<T>(database: string, read: (db: SqliteDatabase) => T, options: SqliteReadOptions = {}): SqliteReadResult<T> {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(database, { throwIfNoEntry: false });
  } catch (error) {
    return failed(database, 'sqlite/unreadable', words('Cannot look at this SQLite database ({0}).', errorText(error)));
  }
  if (!stat) return { kind: 'missing' };
  if (stat.isDirectory()) return failed(database, 'sqlite/not-a-file', words('A folder stands where OpenClaw keeps this SQLite database, so no credentials can be read from it. Move the folder away.'));
  if (!stat.isFile()) return failed(database, 'sqlite/not-a-file', words('This path is not a regular file, so it cannot be the SQLite database OpenClaw keeps credentials in.'));
  // A link to /proc/kmsg and the like: SQLite would wait on it forever (issue 13).
  const kernel = kernelFileIssue(database);
  if (kernel) return { kind: 'failed', issue: kernel };
  const sqlite = loadSqlite();
  if (!sqlite) {
    return failed(database, 'sqlite/unavailable', words('This OpenClaw keeps credentials in SQLite, which needs Node 22.5 or newer to read (this is Node {0}).', process.versions.node), 'warning');
  }
  for (let attempt = 0; ; attempt++) {
    const before = fingerprint(database);
    let outcome: SqliteReadResult<T>;
    try {
      options.betweenLooks?.();
      outcome = before.companions ? readCopy(sqlite, database, before.companions, read) : readImmutable(sqlite, database, read);
    } catch (error) {
      outcome = failed(database, 'sqlite/unreadable', words('Cannot read this SQLite database ({0}).', errorText(error)));
    }
    if (fingerprint(database).key === before.key) return outcome;
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay === undefined) {
      return failed(database, 'sqlite/busy', words('This SQLite database kept changing while it was being read (OpenClaw is writing to it). Run the status again in a moment.'), 'warning');
    }
    sleepSync(delay);
  }
}

function readImmutable<T>(sqlite: SqliteModule, database: string, read: (db: SqliteDatabase) => T): SqliteReadResult<T> {
  const db = new sqlite.DatabaseSync(`${pathToFileURL(database).href}?immutable=1`, { readOnly: true });
  try {
    return { kind: 'ok', value: read(db) };
  } finally {
    db.close();
  }
}

function readCopy<T>(sqlite: SqliteModule, database: string, companions: string[], read: (db: SqliteDatabase) => T): SqliteReadResult<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-auth-sqlite-'));
  try {
    const copy = path.join(dir, 'store.sqlite');
    fs.copyFileSync(database, copy);
    for (const suffix of companions) fs.copyFileSync(database + suffix, copy + suffix);
    // Read-write on our own copy: SQLite may need to replay the WAL or roll back a journal there.
    const db = new sqlite.DatabaseSync(copy);
    try {
      return { kind: 'ok', value: read(db) };
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Size, modification time and identity of the database and the companions that exist. */
function fingerprint(database: string): { key: string; companions: string[] | undefined } {
  const parts: string[] = [];
  const companions: string[] = [];
  for (const suffix of ['', ...COMPANIONS]) {
    const s = fs.statSync(database + suffix, { bigint: true, throwIfNoEntry: false });
    if (!s) continue;
    if (suffix) companions.push(suffix);
    parts.push(`${suffix}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`);
  }
  return { key: parts.join('|'), companions: companions.length > 0 ? companions : undefined };
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function failed(database: string, code: string, message: Words, severity: 'error' | 'warning' = 'error'): { kind: 'failed'; issue: SourceIssue } {
  return { kind: 'failed', issue: issue(code, severity, database, message) };
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
