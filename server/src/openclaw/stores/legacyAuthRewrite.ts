import fs from 'node:fs';
import path from 'node:path';
import { readTextFile } from '../fileRead.js';
import { authStorePath, legacyAuthPath, legacyOAuthPath } from '../paths.js';
import { replaceFileAtomically } from './atomicFile.js';
import { migrateLegacyAuth } from './legacyAuthMigration.js';
import { LockTimeout, OPENCLAW_AUTH_STORE_LOCK, withStoreLock, type LockTiming } from './storeLock.js';
import { WriteRefused, type WriteResult } from './storeWriter.js';

export interface LegacyAuthRewriteResult extends WriteResult {
  /** Where auth.json went (`auth.json.bak`, or a dated name when that one is taken). */
  backup: string;
  profileIds: string[];
}

/**
 * Does now, on purpose, what OpenClaw does to an agent's old `auth.json` on its next run: writes the
 * migrated profiles (legacyAuthMigration.ts) as a new `auth-profiles.json` — under OpenClaw's store
 * lock, atomically, mode 0600 from the first byte — then moves auth.json aside. OpenClaw deletes it;
 * we keep it as `auth.json.bak` (never overwriting an earlier backup), a name OpenClaw never reads.
 * Refused when the agent already has an `auth-profiles.json` (even one that does not parse: OpenClaw
 * would migrate over it, we leave that file to the user) or when auth.json holds nothing OpenClaw keeps.
 */
export function rewriteLegacyAuthJson(agentDir: string, stateDir: string, lockTiming: LockTiming = OPENCLAW_AUTH_STORE_LOCK): LegacyAuthRewriteResult {
  const storeFile = authStorePath(agentDir);
  try {
    return withStoreLock(storeFile, () => rewriteLocked(agentDir, stateDir), lockTiming);
  } catch (error) {
    if (error instanceof LockTimeout) throw new WriteRefused('store/locked', `${error.message} Nothing was written.`, { file: error.lockPath });
    throw error;
  }
}

function rewriteLocked(agentDir: string, stateDir: string): LegacyAuthRewriteResult {
  const storeFile = authStorePath(agentDir);
  const legacyFile = legacyAuthPath(agentDir);
  if (pathExists(storeFile)) {
    throw new WriteRefused('store/exists', 'This agent already has an auth-profiles.json, so OpenClaw does not read auth.json. Nothing was written.', { file: storeFile });
  }
  const legacy = readJson(legacyFile, true);
  const migration = migrateLegacyAuth(legacy, readJson(legacyOAuthPath(stateDir), false));
  if (migration.fromAuthJson === 0) {
    throw new WriteRefused('store/legacy-nothing-to-migrate', 'auth.json holds no profile OpenClaw would keep (each needs a known type and a "provider"). Nothing was written.', { file: legacyFile });
  }
  const backup = backupName(legacyFile);
  replaceFileAtomically(storeFile, `${JSON.stringify({ version: 1, profiles: migration.profiles }, null, 2)}\n`);
  fs.renameSync(legacyFile, backup);
  keepPrivate(backup);
  const profileIds = Object.keys(migration.profiles);
  return {
    written: [storeFile, backup],
    backup,
    profileIds,
    summary: `Moved ${profileIds.length} profile(s) into ${storeFile}: ${profileIds.join(', ')}; auth.json kept as ${path.basename(backup)}.`,
  };
}

/** The file's JSON, or a refusal (`required`) / undefined (optional file) when it is missing or does not parse. */
function readJson(file: string, required: boolean): unknown {
  const read = readTextFile(file, { maxBytes: 16 * 1024 * 1024 });
  if (read.kind === 'ok') {
    try {
      return JSON.parse(read.text);
    } catch {
      if (required) throw new WriteRefused('store/invalid-json', `${path.basename(file)} is not valid JSON. Nothing was written.`, { file });
      return undefined;
    }
  }
  if (!required) return undefined;
  if (read.kind === 'missing') throw new WriteRefused('store/legacy-missing', `${path.basename(file)} is gone. Nothing was written.`, { file });
  throw new WriteRefused(read.issue.code, `${read.issue.message} Nothing was written.`, { file });
}

function pathExists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** `auth.json.bak`, else `auth.json.<ms>.bak`: an earlier backup is never replaced. */
function backupName(legacyFile: string): string {
  const plain = `${legacyFile}.bak`;
  if (!pathExists(plain)) return plain;
  for (let n = Date.now(); ; n++) {
    const dated = `${legacyFile}.${n}.bak`;
    if (!pathExists(dated)) return dated;
  }
}

/** The backup holds the same secrets as the new store: no wider than 0600 (POSIX). */
function keepPrivate(file: string): void {
  if (process.platform === 'win32') return;
  const stat = fs.lstatSync(file);
  if (stat.isFile() && stat.mode & 0o077) fs.chmodSync(file, stat.mode & 0o700);
}
