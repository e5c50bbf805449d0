import fs from 'node:fs';
import { readSqliteUntouched, type SqliteDatabase } from './sqliteRead.js';
import { interpretStoreJson, type CredentialStoreSource, type StoreSnapshot } from './storeSource.js';
import { coerceAuthState, isRecord, mergeAuthState } from './authStore.js';

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
    const base: StoreSnapshot = { kind: 'sqlite', location: `${database}#${rowName}`, file: database, sqliteStore: this.where.kind, exists: fs.existsSync(database), issues: [] };
    const read = readSqliteUntouched(database, (db) =>
      this.where.kind === 'agent-db'
        ? [rowValue(db, 'SELECT store_json AS v FROM auth_profile_store WHERE store_key = ?', 'primary'), rowValue(db, 'SELECT state_json AS v FROM auth_profile_state WHERE state_key = ?', 'primary')]
        : [rowValue(db, 'SELECT value_json AS v FROM config_machine_state WHERE state_key = ?', 'authProfiles.store'), rowValue(db, 'SELECT value_json AS v FROM config_machine_state WHERE state_key = ?', 'authProfiles.state')],
    );
    if (read.kind === 'missing') return base;
    if (read.kind === 'failed') {
      base.issues.push(read.issue);
      return base;
    }
    const [storeJson, stateJson] = read.value;
    if (storeJson === undefined) return base;
    const parsed = interpretStoreJson(safeParse(storeJson), undefined, database);
    const snapshot: StoreSnapshot = { ...base, ...parsed, issues: parsed.issues };
    if (snapshot.store && stateJson !== undefined) snapshot.store = mergeAuthState(snapshot.store, coerceAuthState(safeParse(stateJson)));
    return snapshot;
  }
}

/** One text cell, or undefined when the row or its table is absent. */
export function rowValue(db: SqliteDatabase, sql: string, key: string): string | undefined {
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
  const read = readSqliteUntouched(globalDb, (db) => rowValue(db, 'SELECT value_json AS v FROM config_machine_state WHERE state_key = ?', 'auth.sharedStore'));
  if (read.kind !== 'ok' || read.value === undefined) return false;
  const parsed = safeParse(read.value);
  return isRecord(parsed) && parsed.location === 'state-db';
}
