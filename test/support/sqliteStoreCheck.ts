import { createRequire } from 'node:module';

type Db = { prepare(sql: string): { get(): Record<string, unknown> | undefined }; close(): void };
/** Loaded on first use: importing this module must work on Node 20, which has no node:sqlite. */
const sqlite = () => createRequire(import.meta.url)('node:sqlite') as { DatabaseSync: new (p: string, o?: object) => Db };

/**
 * Reads a store row (`storeSql` selects it as `v`) on its own read-only connection and says what is
 * wrong with it, or undefined when it is a whole store (`{version, profiles}`) holding
 * `<prefix>:0` … `<prefix>:<n-1>`.
 */
export function checkStoreHolds(database: string, storeSql: string, prefix: string, n: number): string | undefined {
  const db = new (sqlite().DatabaseSync)(database, { readOnly: true });
  try {
    const text = db.prepare(storeSql).get()?.v;
    if (typeof text !== 'string') return 'no store row';
    let store: { version?: unknown; profiles?: Record<string, unknown> };
    try {
      store = JSON.parse(text) as typeof store;
    } catch {
      return 'store row is not JSON';
    }
    if (store.version !== 1 || typeof store.profiles !== 'object' || store.profiles === null) return 'not a store';
    for (let i = 0; i < n; i++) if (!(`${prefix}:${i}` in store.profiles)) return `lost ${prefix}:${i}`;
    return undefined;
  } finally {
    db.close();
  }
}
