import fs from 'node:fs';
import type { OpenClawConfig } from '../config/config.js';
import { agentSqlitePath, globalSqlitePath } from '../paths.js';

/** Which credential store an OpenClaw home uses: JSON files (≤ 2026.6.1) or SQLite (≥ 2026.6.5). */
export interface StoreLayout {
  kind: 'json' | 'sqlite';
  /** Why we decided so, in words for the user. */
  reason: string;
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
  if (fs.existsSync(globalSqlitePath(stateDir))) return { kind: 'sqlite', reason: 'state/openclaw.sqlite exists', ...base };
  const agentDb = agentDirs.find((d) => fs.existsSync(agentSqlitePath(d)));
  if (agentDb) return { kind: 'sqlite', reason: `${agentSqlitePath(agentDb)} exists`, ...base };
  if (version && compareVersions(version, FIRST_SQLITE_VERSION) >= 0) {
    return { kind: 'sqlite', reason: `openclaw.json was last written by OpenClaw ${version}, which keeps credentials in SQLite`, ...base };
  }
  return { kind: 'json', reason: version ? `openclaw.json was last written by OpenClaw ${version}` : 'no SQLite store found', ...base };
}
