import { isRecord } from './authStore.js';
import type { WritableDatabase } from './sqliteWriteConnection.js';
import { words } from '../issues.js';
import { WriteRefused } from './storeWriter.js';

/** One JSON cell OpenClaw 2026.9.x keeps credentials or their state in. */
export interface StoreCell {
  table: 'config_machine_state' | 'auth_profile_store' | 'auth_profile_state';
  keyColumn: string;
  valueColumn: string;
  /** Milliseconds since the epoch, set to now on every write as OpenClaw does. */
  timeColumn: string;
  key: string;
}

const machineState = (key: string): StoreCell => ({ table: 'config_machine_state', keyColumn: 'state_key', valueColumn: 'value_json', timeColumn: 'updated_at_ms', key });

/** Rows of the global database (`<state>/state/openclaw.sqlite`). */
export const GLOBAL_CELLS = {
  /** `{"location":"state-db"}` moves the shared (main) store into this database. */
  ownership: machineState('auth.sharedStore'),
  store: machineState('authProfiles.store'),
  state: machineState('authProfiles.state'),
} as const;

/** Rows of an agent's database (`<agentDir>/openclaw-agent.sqlite`). */
export const AGENT_CELLS = {
  store: { table: 'auth_profile_store', keyColumn: 'store_key', valueColumn: 'store_json', timeColumn: 'updated_at', key: 'primary' },
  state: { table: 'auth_profile_state', keyColumn: 'state_key', valueColumn: 'state_json', timeColumn: 'updated_at', key: 'primary' },
} as const satisfies Record<string, StoreCell>;

/** `database#table#key`, the form the read side names a SQLite store by. */
export function cellLabel(database: string, cell: StoreCell): string {
  return `${database}#${cell.table}#${cell.key}`;
}

export function readCell(db: WritableDatabase, cell: StoreCell): string | undefined {
  const row = db.prepare(`SELECT ${cell.valueColumn} AS v FROM ${cell.table} WHERE ${cell.keyColumn} = ?`).get(cell.key);
  return typeof row?.v === 'string' ? row.v : undefined;
}

/** The cell's JSON object, undefined when the row is absent; refused (never rewritten) when it does not parse as one. */
export function readObjectCell(db: WritableDatabase, database: string, cell: StoreCell): Record<string, unknown> | undefined {
  const text = readCell(db, cell);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WriteRefused('sqlite/invalid-json', words('The {0} row of {1} is not valid JSON, so it is left as it is. Run `openclaw doctor --fix`. Nothing was written.', cell.key, cell.table), { file: cellLabel(database, cell) });
  }
  if (!isRecord(value)) throw new WriteRefused('sqlite/not-an-object', words('The {0} row of {1} does not hold a JSON object, so it is left as it is. Nothing was written.', cell.key, cell.table), { file: cellLabel(database, cell) });
  return value;
}

/** Inserts or replaces the cell, stamping its time column, as OpenClaw's upsert does. */
export function writeCell(db: WritableDatabase, cell: StoreCell, value: unknown): void {
  const json = JSON.stringify(value);
  db.prepare(
    `INSERT INTO ${cell.table} (${cell.keyColumn}, ${cell.valueColumn}, ${cell.timeColumn}) VALUES (?, ?, ?) ` +
      `ON CONFLICT(${cell.keyColumn}) DO UPDATE SET ${cell.valueColumn} = excluded.${cell.valueColumn}, ${cell.timeColumn} = excluded.${cell.timeColumn}`,
  ).run(cell.key, json, Date.now());
}

export function deleteCell(db: WritableDatabase, cell: StoreCell): void {
  db.prepare(`DELETE FROM ${cell.table} WHERE ${cell.keyColumn} = ?`).run(cell.key);
}
