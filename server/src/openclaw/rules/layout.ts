import fs from 'node:fs';
import type { OpenClawConfig } from '../config/config.js';
import { agentSqlitePath, globalSqlitePath } from '../paths.js';
import { readSqliteUntouched } from '../stores/sqliteRead.js';

/** Which credential store an OpenClaw home uses: JSON files (≤ 2026.6.1) or SQLite (≥ 2026.6.5). */
export interface StoreLayout {
  kind: 'json' | 'sqlite';
  /** Why we decided so, in words for the user. */
  reason: string;
  /** What decided it: SQLite files on disk, `meta.lastTouchedVersion`, or neither. */
  basis: 'files' | 'version' | 'none';
  lastTouchedVersion?: string;
}

/** The first OpenClaw release that keeps credentials in SQLite. */
export const FIRST_SQLITE_VERSION = '2026.6.5';

/** Compares OpenClaw's calendar versions ("2026.6.1" < "2026.6.5" < "2026.10.2"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function detectStoreLayout(stateDir: string, config: OpenClawConfig, agentDirs: string[]): StoreLayout {
  const version = config.lastTouchedVersion;
  const base = version ? { lastTouchedVersion: version } : {};
  const globalDb = globalSqlitePath(stateDir);
  if (fs.existsSync(globalDb) && globalDbKeepsCredentials(globalDb, version)) return { kind: 'sqlite', basis: 'files', reason: 'state/openclaw.sqlite exists', ...base };
  const agentDb = agentDirs.find((d) => fs.existsSync(agentSqlitePath(d)));
  if (agentDb) return { kind: 'sqlite', basis: 'files', reason: `${agentSqlitePath(agentDb)} exists`, ...base };
  if (version && compareVersions(version, FIRST_SQLITE_VERSION) >= 0) {
    return { kind: 'sqlite', basis: 'version', reason: `openclaw.json was last written by OpenClaw ${version}, which keeps credentials in SQLite`, ...base };
  }
  return { kind: 'json', basis: version ? 'version' : 'none', reason: version ? `openclaw.json was last written by OpenClaw ${version}` : 'no SQLite store found', ...base };
}

/**
 * OpenClaw 2026.6.1 creates state/openclaw.sqlite as well, for state of its own, while its
 * credentials stay in auth-profiles.json; only the SQLite era's schema has `config_machine_state`.
 * Where the database cannot be read (no `node:sqlite`), a config last written by a JSON-era release
 * says which one it is.
 */
function globalDbKeepsCredentials(globalDb: string, lastTouchedVersion: string | undefined): boolean {
  const read = readSqliteUntouched(globalDb, (db) => db.prepare("SELECT 1 AS v FROM sqlite_master WHERE type = 'table' AND name = 'config_machine_state'").get() !== undefined);
  if (read.kind === 'ok') return read.value;
  return !(lastTouchedVersion && compareVersions(lastTouchedVersion, FIRST_SQLITE_VERSION) < 0);
}
