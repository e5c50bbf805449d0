import fs from 'node:fs';
import path from 'node:path';
import { agentSqlitePath, authStorePath, defaultAgentDir, DEFAULT_AGENT_ID, globalSqlitePath, legacyAuthPath, legacyOAuthPath, authStatePath } from '../paths.js';
import { findByProvider, normalizeProviderId } from '../providerIds.js';
import { isRecord } from './authStore.js';
import { readSqliteUntouched, type SqliteDatabase } from './sqliteRead.js';
import { AGENT_CELLS, cellLabel, deleteCell, GLOBAL_CELLS, readCell, readObjectCell, writeCell, type StoreCell } from './sqliteStoreRows.js';
import {
  assertTables, immediateTransaction, openForWrite, OPENCLAW_SQLITE_BUSY_TIMEOUT_MS, requireWritableSqlite, type WritableDatabase, type WritableSqliteModule,
} from './sqliteWriteConnection.js';
import { withStateLifecycleLock } from './sqliteWriteLock.js';
import { OPENCLAW_OAUTH_REFRESH_LOCK, withOAuthProfileLock } from './oauthProfileLock.js';
import { LockTimeout, type LockTiming } from './storeLock.js';
import { dropProviderOrder, forgetProfile, isEmptyState, pastedCredential, setProviderOrder } from './storeDocEdits.js';
import { words } from '../issues.js';
import { WriteRefused, type CredentialChange, type CredentialStoreWriter, type WriteResult } from './storeWriter.js';

export interface SqliteWriteTarget {
  stateDir: string;
  agentId: string;
  agentDir: string;
}

export interface SqliteWriterOptions {
  /** How long a write waits for OpenClaw's locks; OpenClaw's own 5 s unless a test needs less. */
  busyTimeoutMs?: number;
  /** The OAuth refresh lock's retries; OpenClaw's own unless a test needs less. */
  oauthLockTiming?: LockTiming;
}

/** Where an agent's credentials live in OpenClaw 2026.9.x. */
interface CredentialHome {
  database: string;
  kind: 'global' | 'agent';
  store: StoreCell;
  /** Shared runtime state beside a shared store in the global database (doctor's migration puts order, lastGood there). */
  sharedState?: StoreCell;
  /** paste-token on a fresh shared store: OpenClaw first records that the shared store lives in the global database. */
  claimOwnership?: boolean;
}

/**
 * Writes one agent's credentials where OpenClaw 2026.9.6 keeps them, as its `models auth` commands
 * do (seen running it and read in its bundle):
 *
 * - `paste-token` for the shared main agent (`<state>/agents/main/agent`) goes to the shared store:
 *   row `authProfiles.store` of the global database when `auth.sharedStore` says `state-db`, else
 *   main's own database. On a shared store that is still empty everywhere OpenClaw first writes
 *   `auth.sharedStore` = `{"location":"state-db"}`; so do we. Any other agent: its own database.
 * - `order set` / `order clear` always go to the agent's own database (`auth_profile_state`), main
 *   included: credentials are shared, order is the agent's. A database without a store row gets
 *   `{"version":1,"profiles":{}}` beside the state, as OpenClaw writes it. A state left empty is deleted.
 * - `remove` takes the profile out of the store that holds the agent's credentials, and its id out
 *   of the agent's order, `lastGood` and `usageStats`.
 *
 * Every write holds OpenClaw's state-lifecycle lock (sqliteWriteLock.ts), removing an OAuth profile
 * its per-profile refresh lock before that (oauthProfileLock.ts), and runs in one
 * `BEGIN IMMEDIATE` transaction with OpenClaw's busy timeout on its WAL database. A database
 * OpenClaw has not created yet is refused with what to run: OpenClaw creates them with a schema of
 * 55 (agent) and 105 (global) tables that only it should write.
 */
export class SqliteStoreWriter implements CredentialStoreWriter {
  readonly kind = 'sqlite' as const;
  private readonly busyTimeoutMs: number;
  private readonly oauthLockTiming: LockTiming;
  private readonly globalDb: string;
  private readonly agentDb: string;
  private readonly sharedMain: boolean;

  constructor(private readonly target: SqliteWriteTarget, options: SqliteWriterOptions = {}) {
    this.busyTimeoutMs = options.busyTimeoutMs ?? OPENCLAW_SQLITE_BUSY_TIMEOUT_MS;
    this.oauthLockTiming = options.oauthLockTiming ?? OPENCLAW_OAUTH_REFRESH_LOCK;
    this.globalDb = globalSqlitePath(target.stateDir);
    this.agentDb = agentSqlitePath(target.agentDir);
    this.sharedMain = isSharedMainDir(target.stateDir, target.agentDir);
  }

  apply(change: CredentialChange): WriteResult {
    const sqlite = requireWritableSqlite();
    if (!fs.existsSync(this.globalDb)) {
      throw new WriteRefused('sqlite/no-database', words('OpenClaw has not created its state database ({0}) yet. Run OpenClaw once (for example `openclaw models auth paste-token`), then try again. Nothing was written.', this.globalDb), { file: this.globalDb });
    }
    this.pool = new Map();
    try {
      const run = () => withStateLifecycleLock(sqlite, this.globalDb, this.busyTimeoutMs, () => this.applyLocked(sqlite, change));
      // Removing an OAuth profile: OpenClaw's per-profile refresh lock first, as its logout takes it (before any store lock).
      const oauthProvider = change.kind === 'remove' ? this.oauthProviderOf(sqlite, change.profileId) : undefined;
      return change.kind !== 'remove' || oauthProvider === undefined ? run() : withOAuthProfileLock(this.target.stateDir, oauthProvider, change.profileId, run, this.oauthLockTiming);
    } catch (error) {
      if (error instanceof LockTimeout) throw new WriteRefused('store/locked', words('An OAuth refresh of this profile is under way ({0}). Nothing was written; try again in a moment.', error.lockPath), { file: error.lockPath });
      throw error;
    } finally {
      for (const db of this.pool.values()) db.close();
      this.pool = new Map();
    }
  }

  /** Connections of one apply(): each database opened (and checked) once, closed at its end. */
  private pool = new Map<string, WritableDatabase>();

  private open(sqlite: WritableSqliteModule, database: string, kind: 'global' | 'agent', tables: string[]): WritableDatabase {
    const open = this.pool.get(database);
    if (open) {
      assertTables(open, database, tables);
      return open;
    }
    const db = openForWrite(sqlite, database, { kind, busyTimeoutMs: this.busyTimeoutMs, tables });
    this.pool.set(database, db);
    return db;
  }

  private applyLocked(sqlite: WritableSqliteModule, change: CredentialChange): WriteResult {
    const agent = this.target.agentId;
    switch (change.kind) {
      case 'paste-token': {
        const home = this.credentialHome(sqlite, true);
        const written = this.edit(sqlite, home.database, home.kind, [home.store.table], (db) => {
          const store = this.readStore(db, home);
          (store.profiles as Record<string, unknown>)[change.profileId] = pastedCredential(change);
          const labels: string[] = [];
          if (home.claimOwnership) {
            writeCell(db, GLOBAL_CELLS.ownership, { location: 'state-db' });
            labels.push(cellLabel(home.database, GLOBAL_CELLS.ownership));
          }
          writeCell(db, home.store, store);
          return [...labels, cellLabel(home.database, home.store)];
        });
        return { written, summary: `Stored ${change.credentialType === 'token' ? 'token' : 'API key'} profile ${change.profileId} for agent ${agent}.` };
      }
      case 'order-set': {
        const ids = [...new Set(change.profileIds.map((id) => id.trim()).filter(Boolean))];
        if (ids.length === 0) throw new WriteRefused('write/empty-order', words('Give at least one profile id for the order.'));
        const provider = normalizeProviderId(change.provider);
        this.checkOrderProfiles(sqlite, provider, ids);
        const written = this.edit(sqlite, this.agentDb, 'agent', [AGENT_CELLS.store.table, AGENT_CELLS.state.table], (db) => {
          const state = readObjectCell(db, this.agentDb, AGENT_CELLS.state) ?? { version: 1 };
          setProviderOrder(state, provider, ids);
          const labels: string[] = [];
          if (readCell(db, AGENT_CELLS.store) === undefined) {
            writeCell(db, AGENT_CELLS.store, { version: 1, profiles: {} });
            labels.push(cellLabel(this.agentDb, AGENT_CELLS.store));
          }
          writeCell(db, AGENT_CELLS.state, state);
          return [...labels, cellLabel(this.agentDb, AGENT_CELLS.state)];
        });
        return { written, summary: `Order for ${provider} (agent ${agent}): ${ids.join(', ')}.` };
      }
      case 'order-clear': {
        const provider = normalizeProviderId(change.provider);
        const written = this.editState(sqlite, (state) => dropProviderOrder(state, provider));
        return { written, summary: `Cleared the order override for ${provider} (agent ${agent}).` };
      }
      case 'remove': {
        const home = this.removalHome(sqlite, change.profileId);
        // The agent's own database holding the store holds its state too: then one transaction changes both.
        const stateHere = home.database === this.agentDb;
        const tables = stateHere ? [home.store.table, AGENT_CELLS.state.table] : [home.store.table];
        const written = this.edit(sqlite, home.database, home.kind, tables, (db) => {
          const store = this.readStore(db, home);
          const profiles = store.profiles as Record<string, unknown>;
          if (!Object.hasOwn(profiles, change.profileId)) {
            throw new WriteRefused('write/unknown-profile', words('Agent {0} has no profile "{1}" in its own store.', agent, change.profileId), { file: cellLabel(home.database, home.store), path: ['profiles'] });
          }
          delete profiles[change.profileId];
          forgetProfile(store, change.profileId);
          writeCell(db, home.store, store);
          const labels = [cellLabel(home.database, home.store)];
          if (stateHere) labels.push(...changeState(db, this.agentDb, AGENT_CELLS.state, (state) => forgetProfile(state, change.profileId)));
          return labels;
        });
        const forget = (state: Record<string, unknown>) => forgetProfile(state, change.profileId);
        if (!stateHere) written.push(...this.editState(sqlite, forget, home));
        else if (home.sharedState) written.push(...this.editStateRow(sqlite, this.globalDb, 'global', home.sharedState, forget));
        return { written, summary: `Removed profile ${change.profileId} from agent ${agent}.` };
      }
    }
  }

  /**
   * Where this agent's credentials are. `forPaste`: on a shared store not yet placed, decide as
   * OpenClaw's first write does (the global database unless main's old files or rows hold anything).
   */
  private credentialHome(sqlite: WritableSqliteModule, forPaste: boolean): CredentialHome {
    return this.sharedMain ? this.sharedHome(sqlite, forPaste) : { database: this.agentDb, kind: 'agent', store: AGENT_CELLS.store };
  }

  /** The shared (main) store: the global database's rows, or main's own database ("legacy-main"). */
  private sharedHome(sqlite: WritableSqliteModule, forPaste: boolean): CredentialHome {
    const placed = this.readOwnership(sqlite);
    if (placed === 'state-db') return { database: this.globalDb, kind: 'global', store: GLOBAL_CELLS.store, sharedState: GLOBAL_CELLS.state };
    if (placed === undefined && forPaste && !this.legacyMainHoldsAnything(sqlite)) {
      return { database: this.globalDb, kind: 'global', store: GLOBAL_CELLS.store, sharedState: GLOBAL_CELLS.state, claimOwnership: true };
    }
    return { database: agentSqlitePath(defaultAgentDir(this.target.stateDir, DEFAULT_AGENT_ID)), kind: 'agent', store: AGENT_CELLS.store };
  }

  /**
   * The store `remove` takes the profile from, as `openclaw models auth logout` does: the agent's
   * own store when it holds the profile, else (an agent seeing main's profiles) the shared store.
   */
  private removalHome(sqlite: WritableSqliteModule, profileId: string): CredentialHome {
    const own = this.credentialHome(sqlite, false);
    if (this.sharedMain || !fs.existsSync(own.database)) return this.sharedMain ? own : this.sharedHome(sqlite, false);
    const ownStore = readObjectCell(this.open(sqlite, own.database, own.kind, [own.store.table]), own.database, own.store);
    if (isRecord(ownStore?.profiles) && Object.hasOwn(ownStore.profiles, profileId)) return own;
    return this.sharedHome(sqlite, false);
  }

  /** The provider of the OAuth profile `remove` would take out, read without a lock; undefined for any other kind. */
  private oauthProviderOf(sqlite: WritableSqliteModule, profileId: string): string | undefined {
    const home = this.removalHome(sqlite, profileId);
    if (!fs.existsSync(home.database)) return undefined;
    const store = readObjectCell(this.open(sqlite, home.database, home.kind, [home.store.table]), home.database, home.store);
    const credential = isRecord(store?.profiles) ? store.profiles[profileId] : undefined;
    return isRecord(credential) && credential.type === 'oauth' && typeof credential.provider === 'string' ? credential.provider : undefined;
  }

  /** `auth.sharedStore`: 'state-db', 'legacy-main', or undefined when OpenClaw has not decided yet. */
  private readOwnership(sqlite: WritableSqliteModule): 'state-db' | 'legacy-main' | undefined {
    const db = this.open(sqlite, this.globalDb, 'global', [GLOBAL_CELLS.ownership.table]);
    const value = readObjectCell(db, this.globalDb, GLOBAL_CELLS.ownership);
    if (value === undefined) return undefined;
    if (Object.keys(value).length === 1 && (value.location === 'state-db' || value.location === 'legacy-main')) return value.location;
    throw new WriteRefused('sqlite/invalid-shared-store', words('OpenClaw\'s auth.sharedStore setting holds a location it does not know. Run `openclaw doctor --fix`. Nothing was written.'), { file: cellLabel(this.globalDb, GLOBAL_CELLS.ownership) });
  }

  /** Main's pre-SQLite files or rows in main's own database keep OpenClaw's shared store where it was. */
  private legacyMainHoldsAnything(sqlite: WritableSqliteModule): boolean {
    const dir = this.target.agentDir;
    const files = [authStorePath(dir), authStatePath(dir), legacyAuthPath(dir), legacyOAuthPath(this.target.stateDir)];
    if (files.some((f) => fs.existsSync(f))) return true;
    if (fs.existsSync(this.agentDb)) {
      const rows = readSqliteUntouched(this.agentDb, (db) => hasRow(db, AGENT_CELLS.store) || hasRow(db, AGENT_CELLS.state));
      if (rows.kind !== 'ok' || rows.value) return true;
    }
    // A migration away from main's database that has not finished removing its source.
    const db = this.open(sqlite, this.globalDb, 'global', []);
    const table = db.prepare("SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = 'migration_sources'").get();
    return Boolean(table && db.prepare("SELECT 1 AS pending FROM migration_sources WHERE migration_kind = 'shared-auth-store-state-db' AND source_path = ? AND removed_source = 0 LIMIT 1").get(this.agentDb));
  }

  /** The store document of a home, or a new one; refused when it is not a store or its old files still wait for `doctor --fix`. */
  private readStore(db: WritableDatabase, home: CredentialHome): Record<string, unknown> {
    const store = readObjectCell(db, home.database, home.store) ?? { version: 1, profiles: {} };
    if (store.profiles === undefined) store.profiles = {};
    if (!isRecord(store.profiles)) {
      throw new WriteRefused('sqlite/not-a-store', words('The {0} row of {1} has no "profiles" object, so it is left as it is. Nothing was written.', home.store.key, home.store.table), { file: cellLabel(home.database, home.store), path: ['profiles'] });
    }
    if (Object.keys(store.profiles).length === 0 && fs.existsSync(authStorePath(this.target.agentDir))) {
      // OpenClaw 2026.9 refuses to use an empty SQLite store beside a retired auth-profiles.json (AUTH_PROFILE_MIGRATION_REQUIRED).
      throw new WriteRefused('store/migration-required', words('This agent still has an auth-profiles.json that OpenClaw 2026.9 has not imported. Run `openclaw doctor --fix` first. Nothing was written.'), { file: authStorePath(this.target.agentDir) });
    }
    return store;
  }

  /** As `openclaw models auth order set`: every id names a profile the agent sees (its own or the shared store) of that provider. */
  private checkOrderProfiles(sqlite: WritableSqliteModule, provider: string, ids: string[]): void {
    const homes = [this.credentialHome(sqlite, false)];
    if (!this.sharedMain) homes.push(this.sharedHome(sqlite, false));
    const visible: Record<string, unknown> = {};
    // The agent's own profiles win over the shared ones of the same id.
    for (const home of [...homes].reverse()) Object.assign(visible, this.profilesIn(home));
    for (const id of ids) {
      const credential = visible[id];
      if (!isRecord(credential)) throw new WriteRefused('write/unknown-profile', words('Auth profile "{0}" not found for agent {1}.', id, this.target.agentId), { file: cellLabel(homes[0]!.database, homes[0]!.store), path: ['profiles'] });
      if (normalizeProviderId(credential.provider) !== provider) throw new WriteRefused('write/provider-mismatch', words('Auth profile "{0}" is for {1}, not {2}.', id, String(credential.provider), provider));
    }
  }

  private profilesIn(home: CredentialHome): Record<string, unknown> {
    if (!fs.existsSync(home.database)) return {};
    const read = readSqliteUntouched(home.database, (db) => rowText(db, home.store));
    if (read.kind === 'failed') throw new WriteRefused(read.issue.code, words('{0} Nothing was written.', read.issue.words ?? read.issue.message), { file: home.database });
    if (read.kind !== 'ok' || read.value === undefined) return {};
    try {
      const doc = JSON.parse(read.value) as unknown;
      return isRecord(doc) && isRecord(doc.profiles) ? doc.profiles : {};
    } catch {
      return {};
    }
  }

  /**
   * Applies `change` to the agent's own state row and, for a shared store in the global database,
   * to the shared state row; writes only rows it changed, deleting a state left empty. An agent
   * without a database has no state to change.
   */
  private editState(sqlite: WritableSqliteModule, change: (state: Record<string, unknown>) => boolean, home?: CredentialHome): string[] {
    const written: string[] = [];
    if (fs.existsSync(this.agentDb)) written.push(...this.editStateRow(sqlite, this.agentDb, 'agent', AGENT_CELLS.state, change));
    const sharedState = (home ?? this.credentialHome(sqlite, false)).sharedState;
    if (sharedState) written.push(...this.editStateRow(sqlite, this.globalDb, 'global', sharedState, change));
    return written;
  }

  private editStateRow(sqlite: WritableSqliteModule, database: string, kind: 'global' | 'agent', cell: StoreCell, change: (state: Record<string, unknown>) => boolean): string[] {
    return this.edit(sqlite, database, kind, [cell.table], (db) => changeState(db, database, cell, change));
  }

  /**
   * OpenClaw's agent writers register a lease in the global database that `doctor --fix` waits for
   * before it rebuilds agent databases, and refuse while its maintenance lease is live. Holding the
   * state-lifecycle lock (as we do for the whole write) keeps maintenance from starting meanwhile;
   * a maintenance already under way is refused as OpenClaw refuses it.
   */
  private assertNoAgentMaintenance(sqlite: WritableSqliteModule): void {
    const db = this.open(sqlite, this.globalDb, 'global', []);
    if (!db.prepare("SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = 'state_leases'").get()) return;
    const live = db.prepare('SELECT 1 AS live FROM state_leases WHERE scope = ? AND lease_key = ? AND expires_at > ?').get(AGENT_MAINTENANCE_LEASE.scope, AGENT_MAINTENANCE_LEASE.key, Date.now());
    if (live) throw new WriteRefused('sqlite/maintenance', words('OpenClaw is rebuilding its agent databases (`openclaw doctor --fix`). Nothing was written; try again once it has finished.'), { file: this.globalDb });
  }

  /** One transaction on one database: opened (refusing what OpenClaw would not write), changed, committed, closed. */
  private edit(sqlite: WritableSqliteModule, database: string, kind: 'global' | 'agent', tables: string[], fn: (db: WritableDatabase) => string[]): string[] {
    if (kind === 'agent') this.assertNoAgentMaintenance(sqlite);
    const db = this.open(sqlite, database, kind, tables);
    return immediateTransaction(db, database, this.busyTimeoutMs, () => fn(db));
  }
}

/** OpenClaw's lease while `doctor --fix` rebuilds agent databases (it may swap the files we would write). */
const AGENT_MAINTENANCE_LEASE = { scope: 'core:agent-database-maintenance', key: 'global' } as const;

/** OpenClaw's shared main agent folder: its credentials are the shared store. */
function isSharedMainDir(stateDir: string, agentDir: string): boolean {
  return path.resolve(agentDir) === path.resolve(defaultAgentDir(stateDir, DEFAULT_AGENT_ID));
}

/** Inside a transaction: changes a state row, deleting it once empty; the row's label when it changed. */
function changeState(db: WritableDatabase, database: string, cell: StoreCell, change: (state: Record<string, unknown>) => boolean): string[] {
  const state = readObjectCell(db, database, cell);
  if (!state || !change(state)) return [];
  if (isEmptyState(state)) deleteCell(db, cell);
  else writeCell(db, cell, state);
  return [cellLabel(database, cell)];
}

function hasRow(db: SqliteDatabase, cell: StoreCell): boolean {
  return rowText(db, cell) !== undefined;
}

function rowText(db: SqliteDatabase, cell: StoreCell): string | undefined {
  try {
    const row = db.prepare(`SELECT ${cell.valueColumn} AS v FROM ${cell.table} WHERE ${cell.keyColumn} = ?`).get(cell.key);
    return typeof row?.v === 'string' ? row.v : undefined;
  } catch (error) {
    if (/no such table/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

/**
 * The agent's order override for a provider as `openclaw models auth order get` reads it in
 * 2026.9.x: the agent's own state row, else (shared main store in the global database) the shared
 * state row; with the row it came from. Reads without writing a byte (sqliteRead.ts).
 */
export function readSqliteOrder(target: SqliteWriteTarget, provider: string): { order: string[] | undefined; source: string | undefined } {
  const key = normalizeProviderId(provider);
  const candidates: { database: string; cell: StoreCell }[] = [{ database: agentSqlitePath(target.agentDir), cell: AGENT_CELLS.state }];
  const globalDb = globalSqlitePath(target.stateDir);
  if (isSharedMainDir(target.stateDir, target.agentDir)) {
    const ownership = readSqliteUntouched(globalDb, (db) => rowText(db, GLOBAL_CELLS.ownership));
    if (ownership.kind === 'ok' && ownership.value !== undefined && safeJson(ownership.value)?.location === 'state-db') candidates.push({ database: globalDb, cell: GLOBAL_CELLS.state });
  }
  for (const { database, cell } of candidates) {
    const read = readSqliteUntouched(database, (db) => rowText(db, cell));
    if (read.kind === 'failed') throw new WriteRefused(read.issue.code, read.issue.words ?? read.issue.message, { file: database });
    if (read.kind !== 'ok' || read.value === undefined) continue;
    const state = safeJson(read.value);
    const ids = isRecord(state?.order) ? findByProvider(state.order, key) : undefined;
    if (Array.isArray(ids) && ids.length > 0) return { order: ids.filter((x): x is string => typeof x === 'string'), source: cellLabel(database, cell) };
  }
  return { order: undefined, source: undefined };
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
