import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadSqlite } from './sqliteRead.js';
import { words } from '../issues.js';
import { WriteRefused } from './storeWriter.js';

/** The part of `node:sqlite` a writer uses. */
export interface WritableDatabase {
  exec(sql: string): void;
  prepare(sql: string): {
    get(...params: unknown[]): Record<string, unknown> | undefined;
    all(...params: unknown[]): Record<string, unknown>[];
    run(...params: unknown[]): unknown;
  };
  close(): void;
}
export interface WritableSqliteModule {
  DatabaseSync: new (location: string, options?: Record<string, unknown>) => WritableDatabase;
}

/** OpenClaw's own wait for a SQLite lock (OPENCLAW_SQLITE_BUSY_TIMEOUT_MS in 2026.9.6). */
export const OPENCLAW_SQLITE_BUSY_TIMEOUT_MS = 5000;

/** `node:sqlite`, or the one-line refusal a Node without it (Node 20) gets. */
export function requireWritableSqlite(): WritableSqliteModule {
  const sqlite = loadSqlite() as unknown as WritableSqliteModule | null;
  if (!sqlite) {
    throw new WriteRefused('sqlite/unavailable', words('This OpenClaw keeps credentials in SQLite, which needs Node 22.5 or newer to write (this is Node {0}). Nothing was written.', process.versions.node));
  }
  return sqlite;
}

/** The highest `user_version` of each database that OpenClaw 2026.9.6 reads and writes. */
export const SUPPORTED_SCHEMA = { global: 18, agent: 23 } as const;

export interface OpenOptions {
  /** Which of OpenClaw's databases this is, for its schema version and the words of a refusal. */
  kind: keyof typeof SUPPORTED_SCHEMA;
  busyTimeoutMs: number;
  /** Tables the write needs; a database without them was not made by a 2026.9 OpenClaw. */
  tables: string[];
}

/**
 * Opens one of OpenClaw's existing databases for writing, or refuses without creating or changing
 * anything: no database (OpenClaw creates it, with a schema of its own, on first use), a folder or
 * other non-file in its place, a file that is not a database, a schema newer than 2026.9.6's, or
 * missing tables or tables that fail SQLite's quick check. WAL as OpenClaw keeps it, its busy timeout.
 */
export function openForWrite(sqlite: WritableSqliteModule, database: string, options: OpenOptions): WritableDatabase {
  const stat = fs.statSync(database, { throwIfNoEntry: false });
  if (!stat) {
    // Only OpenClaw can create it: a database holding just the credential tables makes its own later writes fail ("schema version 0").
    throw new WriteRefused('sqlite/no-database', options.kind === 'global'
      ? words('OpenClaw has not created its state database yet, and only OpenClaw creates it (with a schema of its own). Make this change once with the openclaw CLI (`openclaw models auth …`), then use this command again. Nothing was written.')
      : words('OpenClaw has not created this agent\'s database yet, and only OpenClaw creates it (with a schema of its own). Make this change once with the openclaw CLI (`openclaw models auth …`), then use this command again. Nothing was written.'), { file: database });
  }
  if (stat.isDirectory()) throw new WriteRefused('sqlite/not-a-file', words('A folder stands where OpenClaw keeps this SQLite database. Move the folder away. Nothing was written.'), { file: database });
  if (!stat.isFile()) throw new WriteRefused('sqlite/not-a-file', words('This path is not a regular file, so it cannot be the SQLite database OpenClaw keeps credentials in. Nothing was written.'), { file: database });
  let db: WritableDatabase | undefined;
  try {
    // mode=rw: never create the file, even if it disappears between the look and the open.
    db = new sqlite.DatabaseSync(`${pathToFileURL(database).href}?mode=rw`);
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs))}`);
    // Reading the schema fails at once on a file that is not a database.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    const version = Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
    if (version > SUPPORTED_SCHEMA[options.kind]) {
      throw new WriteRefused('sqlite/newer-schema', words('This database was written by an OpenClaw newer than 2026.9.6 (schema {0}); update this extension before writing to it. Nothing was written.', String(version)), { file: database });
    }
    assertTables(db, database, options.tables);
    // OpenClaw keeps its databases in WAL mode with synchronous NORMAL; a journal mode is sticky, so only a database that lost it is set back.
    if (String(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toLowerCase() !== 'wal') db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof WriteRefused) throw error;
    throw refusalFor(error, database, options.busyTimeoutMs);
  }
}

/** Refuses a database without the tables a write needs: OpenClaw has not set it up for credentials. */
export function assertTables(db: WritableDatabase, database: string, tables: string[]): void {
  const checked = checkedTables.get(db) ?? new Set<string>();
  checkedTables.set(db, checked);
  for (const table of tables) {
    if (checked.has(table)) continue;
    if (!db.prepare("SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)) {
      throw new WriteRefused('sqlite/no-table', words('This database has no {0} table, so OpenClaw has not set it up for credentials yet. Run OpenClaw once, then try again. Nothing was written.', table), { file: database });
    }
    // SQLite's own check of the table about to be written (the whole database would cost far more in OpenClaw's 105-table one).
    const check = db.prepare(`PRAGMA quick_check(${table})`).all().map((r) => String(Object.values(r)[0]));
    if (check.length !== 1 || check[0] !== 'ok') throw new WriteRefused('sqlite/corrupt', words('SQLite\'s check of the {0} table failed ({1}). Run `openclaw doctor`. Nothing was written.', table, check.slice(0, 2).join('; ')), { file: database });
    checked.add(table);
  }
}

/** Tables of each open connection already found and checked. */
const checkedTables = new WeakMap<WritableDatabase, Set<string>>();

/** Runs `fn` in one `BEGIN IMMEDIATE` transaction: committed whole, or rolled back whole. */
export function immediateTransaction<T>(db: WritableDatabase, database: string, busyTimeoutMs: number, fn: () => T): T {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    throw refusalFor(error, database, busyTimeoutMs);
  }
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // COMMIT failed after SQLite already rolled back; nothing is left open.
    }
    if (error instanceof WriteRefused) throw error;
    throw refusalFor(error, database, busyTimeoutMs);
  }
}

/** SQLITE_BUSY or SQLITE_LOCKED (any extended code). */
export function isBusy(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown }).errcode;
  if (typeof errcode === 'number') return (errcode & 0xff) === 5 || (errcode & 0xff) === 6;
  return /database is locked|database table is locked/i.test(String((error as Error)?.message));
}

/** A SQLite failure as a refusal in plain words (SQLite's own messages never hold row content). */
function refusalFor(error: unknown, database: string, busyTimeoutMs: number): WriteRefused {
  if (isBusy(error)) {
    return new WriteRefused('sqlite/busy', words('Another process (the OpenClaw gateway?) kept this database locked for {0} s. Nothing was written; try again in a moment.', busyTimeoutMs / 1000), { file: database });
  }
  const message = String((error as Error)?.message ?? error).split('\n')[0];
  const errcode = (error as { errcode?: unknown }).errcode;
  if (typeof errcode === 'number' && [11, 26].includes(errcode & 0xff)) {
    return new WriteRefused('sqlite/corrupt', words('This is not a readable SQLite database ({0}). Run `openclaw doctor`. Nothing was written.', String(message)), { file: database });
  }
  return new WriteRefused('sqlite/unwritable', words('Cannot write this SQLite database ({0}). Nothing was written.', String(message)), { file: database });
}
