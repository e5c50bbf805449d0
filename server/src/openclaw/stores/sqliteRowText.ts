import { readSqliteUntouched, type SqliteReadResult } from './sqliteRead.js';
import { rowValue, type SqliteStoreLocation } from './sqliteSource.js';
import { AGENT_CELLS, GLOBAL_CELLS, type StoreCell } from './sqliteStoreRows.js';

/** The row a SQLite-era store lives in, named as the read side names it (`database#table#key`). */
export function storeCellOf(where: SqliteStoreLocation): StoreCell {
  return where.kind === 'agent-db' ? AGENT_CELLS.store : GLOBAL_CELLS.store;
}

/**
 * The store row's JSON text exactly as OpenClaw wrote it, read untouched like every status read
 * (never a byte written beside the database). `undefined` when the database has no such row or table.
 */
export function readStoreRowText(where: SqliteStoreLocation): SqliteReadResult<string | undefined> {
  const cell = storeCellOf(where);
  return readSqliteUntouched(where.database, (db) => rowValue(db, `SELECT ${cell.valueColumn} AS v FROM ${cell.table} WHERE ${cell.keyColumn} = ?`, cell.key));
}
