import fs from 'node:fs';
import { createRequire } from 'node:module';
import { issue } from '../issues.js';
import { interpretStoreJson, type CredentialStoreSource, type StoreSnapshot } from './storeSource.js';
import { coerceAuthState, isRecord, mergeAuthState } from './authStore.js';

/** Minimal typing of Node's built-in `node:sqlite` (Node ≥ 22.5), loaded only when present. */
interface SqliteDatabase {
  prepare(sql: string): { get(...params: unknown[]): Record<string, unknown> | undefined; all(...params: unknown[]): Record<string, unknown>[] };
  close(): void;
}
type SqliteModule = { DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => SqliteDatabase };

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

/** Where a SQLite-era store lives: a per-agent database row, or the shared rows of the global database. */
export type SqliteStoreLocation =
  | { kind: 'agent-db'; database: string }
  | { kind: 'state-db'; database: string };

/** Reads the store JSON that OpenClaw 2026.6.5+ keeps in SQLite, read-only. */
export class SqliteStoreSource implements CredentialStoreSource {
  readonly kind = 'sqlite' as const;
  constructor(private readonly where: SqliteStoreLocation) {}

  load(): StoreSnapshot {
    const database = this.where.database;
    const rowName = this.where.kind === 'agent-db' ? 'auth_profile_store#primary' : 'config_machine_state#authProfiles.store';
    const base: StoreSnapshot = { kind: 'sqlite', location: `${database}#${rowName}`, file: database, exists: fs.existsSync(database), issues: [] };
    if (!base.exists) return base;
    const sqlite = loadSqlite();
    if (!sqlite) {
      base.issues.push(issue('sqlite/unavailable', 'warning', database, `This OpenClaw keeps credentials in SQLite, which needs Node 22.5 or newer to read (this is Node ${process.versions.node}).`));
      return base;
    }
    let db: SqliteDatabase | undefined;
    try {
      db = new sqlite.DatabaseSync(database, { readOnly: true });
      const [storeJson, stateJson] =
        this.where.kind === 'agent-db'
          ? [rowValue(db, 'SELECT store_json AS v FROM auth_profile_store WHERE store_key = ?', 'primary'), rowValue(db, 'SELECT state_json AS v FROM auth_profile_state WHERE state_key = ?', 'primary')]
          : [rowValue(db, 'SELECT value_json AS v FROM config_machine_state WHERE state_key = ?', 'authProfiles.store'), rowValue(db, 'SELECT value_json AS v FROM config_machine_state WHERE state_key = ?', 'authProfiles.state')];
      if (storeJson === undefined) return base;
      const parsed = interpretStoreJson(safeParse(storeJson), undefined, database);
      const snapshot: StoreSnapshot = { ...base, ...parsed, issues: parsed.issues };
      if (snapshot.store && stateJson !== undefined) snapshot.store = mergeAuthState(snapshot.store, coerceAuthState(safeParse(stateJson)));
      return snapshot;
    } catch (error) {
      base.issues.push(issue('sqlite/unreadable', 'error', database, `Cannot read this SQLite database (${(error as Error).message.split('\n')[0]}).`));
      return base;
    } finally {
      db?.close();
    }
  }
}

function rowValue(db: SqliteDatabase, sql: string, key: string): string | undefined {
  try {
    const row = db.prepare(sql).get(key);
    const v = row?.v;
    return typeof v === 'string' ? v : undefined;
  } catch (error) {
    // A missing table means this database holds no store; corruption or locking is a real failure to report.
    if (/no such table/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `auth.sharedStore` = `{"location":"state-db"}` in the global database moves the main store there. */
export function mainStoreInStateDb(globalDb: string): boolean {
  if (!fs.existsSync(globalDb)) return false;
  const sqlite = loadSqlite();
  if (!sqlite) return false;
  let db: SqliteDatabase | undefined;
  try {
    db = new sqlite.DatabaseSync(globalDb, { readOnly: true });
    const v = rowValue(db, 'SELECT value_json AS v FROM config_machine_state WHERE state_key = ?', 'auth.sharedStore');
    const parsed = v ? safeParse(v) : undefined;
    return isRecord(parsed) && parsed.location === 'state-db';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
