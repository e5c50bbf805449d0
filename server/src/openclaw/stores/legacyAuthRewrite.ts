import fs from 'node:fs';
import path from 'node:path';
import { readTextFile } from '../fileRead.js';
import { words } from '../issues.js';
import { authStatePath, authStorePath, DEFAULT_AGENT_ID, defaultAgentDir, legacyAuthPath, legacyOAuthPath } from '../paths.js';
import { isRecord } from './authStore.js';
import { replaceFileAtomically } from './atomicFile.js';
import { migrateLegacyAuth, migrateLegacyFlatStore } from './legacyAuthMigration.js';
import { readJson } from './legacyStores.js';
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
 * we keep it as `auth.json.bak` (never overwriting an earlier backup), a name OpenClaw never reads,
 * and an `auth-state.json` beside it (which OpenClaw's migration deletes) as `auth-state.json.bak`.
 * Refused when the agent already has an `auth-profiles.json` (even one that does not parse: OpenClaw
 * would migrate over it, we leave that file to the user) or when auth.json holds nothing OpenClaw keeps.
 */
export function rewriteLegacyAuthJson(agentDir: string, stateDir: string, options: RewriteOptions = {}): LegacyAuthRewriteResult {
  return underStoreLock(agentDir, options, () => {
    const storeFile = authStorePath(agentDir);
    const legacyFile = legacyAuthPath(agentDir);
    if (pathExists(storeFile)) {
      throw new WriteRefused('store/exists', words('This agent already has an auth-profiles.json, so OpenClaw does not read auth.json. Nothing was written.'), { file: storeFile });
    }
    return migrateAuthJson(storeFile, legacyFile, stateDir, options.expectedText);
  });
}

/**
 * A legacy rewrite as plain data, so the language server's writer thread can run it like its other
 * writes (server/src/credentialWriter/): the store lock it takes may be busy for up to a minute.
 */
export type LegacyRewrite =
  | { shape: 'auth-json'; agentDir: string; stateDir: string; expectedText?: string }
  | { shape: 'flat-store'; agentDir: string; expectedText?: string };

export function runLegacyRewrite(rewrite: LegacyRewrite): LegacyAuthRewriteResult {
  const options = rewrite.expectedText !== undefined ? { expectedText: rewrite.expectedText } : {};
  return rewrite.shape === 'flat-store' ? rewriteLegacyFlatStore(rewrite.agentDir, options) : rewriteLegacyAuthJson(rewrite.agentDir, rewrite.stateDir, options);
}

/** `expectedText`: the file as the editor shows it; a file changed on disk since (or unsaved edits) is refused. */
export interface RewriteOptions {
  expectedText?: string;
  lockTiming?: LockTiming;
}

/**
 * `openclaw doctor --fix`'s repair of an `auth-profiles.json` in the legacy flat shape (which
 * OpenClaw does not read at run time), done now: under the store lock, a copy of the file first
 * (`auth-profiles.json.legacy-flat.<ms>.bak`, the doctor's name; 0600 here where the doctor keeps
 * the old mode), then the file replaced atomically, mode 0600, by the profiles the doctor derives
 * (legacyAuthMigration.ts). Refused when the file is no longer that shape or nothing converts.
 */
export function rewriteLegacyFlatStore(agentDir: string, options: RewriteOptions = {}): LegacyAuthRewriteResult {
  return underStoreLock(agentDir, options, () => {
    const storeFile = authStorePath(agentDir);
    const text = readText(storeFile, options.expectedText);
    const profiles = migrateLegacyFlatStore(parseJson(text, storeFile));
    if (!profiles) {
      throw new WriteRefused('store/legacy-nothing-to-migrate', words('auth-profiles.json is not in the legacy flat shape, or no entry of it holds a credential the doctor would keep. Nothing was written.'), { file: storeFile });
    }
    const backup = freshName(undefined, (ms) => `${storeFile}.legacy-flat.${ms}.bak`);
    fs.copyFileSync(storeFile, backup, fs.constants.COPYFILE_EXCL);
    keepPrivate(backup);
    replaceFileAtomically(storeFile, storeText(profiles));
    return summaryOf(storeFile, backup, profiles, 'the flat file');
  });
}

function underStoreLock(agentDir: string, options: RewriteOptions, fn: () => LegacyAuthRewriteResult): LegacyAuthRewriteResult {
  try {
    return withStoreLock(authStorePath(agentDir), fn, options.lockTiming ?? OPENCLAW_AUTH_STORE_LOCK);
  } catch (error) {
    if (error instanceof LockTimeout) throw new WriteRefused('store/locked', words('{0} Nothing was written.', error.words), { file: error.lockPath });
    throw error;
  }
}

function migrateAuthJson(storeFile: string, legacyFile: string, stateDir: string, expectedText: string | undefined): LegacyAuthRewriteResult {
  const legacy = parseJson(readText(legacyFile, expectedText), legacyFile);
  const migration = migrateLegacyAuth(legacy, readJson(legacyOAuthPath(stateDir)));
  if (migration.fromAuthJson === 0) {
    throw new WriteRefused('store/legacy-nothing-to-migrate', words('auth.json holds no profile OpenClaw would keep (each needs a known type and a "provider"). Nothing was written.'), { file: legacyFile });
  }
  const shared = oauthLeftToMain(path.dirname(storeFile), stateDir, migration.profiles);
  if (shared.length > 0) {
    throw new WriteRefused('store/legacy-main-oauth', words('Main\'s auth-profiles.json also has OAuth profile(s) {0}; OpenClaw\'s own migration may leave those to main\'s store, which this fix does not judge. Let OpenClaw migrate this file (it does on its next run for this agent). Nothing was written.', shared.join(', ')), { file: legacyFile });
  }
  const backup = freshName(`${legacyFile}.bak`, (ms) => `${legacyFile}.${ms}.bak`);
  replaceFileAtomically(storeFile, storeText(migration.profiles));
  fs.renameSync(legacyFile, backup);
  keepPrivate(backup);
  const result = summaryOf(storeFile, backup, migration.profiles, 'auth.json');
  // OpenClaw's migration saves a store without order or usage state, which deletes auth-state.json
  // (seen live); left in place, its order would apply from now on. Moved aside instead.
  const stateFile = authStatePath(path.dirname(storeFile));
  if (pathExists(stateFile)) {
    const stateBackup = freshName(`${stateFile}.bak`, (ms) => `${stateFile}.${ms}.bak`);
    fs.renameSync(stateFile, stateBackup);
    result.written.push(stateBackup);
    result.summary += ` auth-state.json (order, usage) moved to ${path.basename(stateBackup)}, as OpenClaw's migration drops it.`;
  }
  return result;
}

/**
 * For an agent other than main, OpenClaw does not save an OAuth profile its new store would share
 * with main's (same id, same or older login: isInheritedMainOAuthCredential), leaving main's to be
 * inherited. Rather than copy that identity and expiry judgement, the ids where it could apply.
 */
function oauthLeftToMain(agentDir: string, stateDir: string, profiles: Record<string, Record<string, unknown>>): string[] {
  const mainDir = defaultAgentDir(stateDir, DEFAULT_AGENT_ID);
  if (path.resolve(agentDir) === path.resolve(mainDir)) return [];
  const main = readJson(authStorePath(mainDir));
  const mainProfiles = isRecord(main) && isRecord(main.profiles) ? main.profiles : {};
  return Object.entries(profiles)
    .filter(([id, credential]) => credential.type === 'oauth' && Object.hasOwn(mainProfiles, id) && isOAuth(mainProfiles[id]))
    .map(([id]) => id);
}

/** OAuth as OpenClaw loads it: `type`, or `mode` when there is no `type` key. */
function isOAuth(value: unknown): boolean {
  return isRecord(value) && ('type' in value ? value.type : value.mode) === 'oauth';
}

function storeText(profiles: Record<string, unknown>): string {
  // OpenClaw's JSON writer: two-space indent and a final newline.
  return `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`;
}

function summaryOf(storeFile: string, backup: string, profiles: Record<string, unknown>, what: string): LegacyAuthRewriteResult {
  const profileIds = Object.keys(profiles);
  return {
    written: [storeFile, backup],
    backup,
    profileIds,
    summary: `Wrote ${profileIds.length} profile(s) to ${storeFile}: ${profileIds.join(', ')}; ${what} kept as ${path.basename(backup)}.`,
  };
}

/** The file's text, refused when missing, unreadable, or not what the editor showed. */
function readText(file: string, expectedText: string | undefined): string {
  const read = readTextFile(file, { maxBytes: 16 * 1024 * 1024 });
  if (read.kind === 'missing') throw new WriteRefused('store/legacy-missing', words('{0} is gone. Nothing was written.', path.basename(file)), { file });
  if (read.kind === 'unreadable') throw new WriteRefused(read.issue.code, words('{0} Nothing was written.', read.issue.words ?? read.issue.message), { file });
  if (expectedText !== undefined && read.text !== expectedText) {
    throw new WriteRefused('store/unsaved', words('{0} on disk differs from the editor\'s copy; save it (or revert) first. Nothing was written.', path.basename(file)), { file });
  }
  return read.text;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WriteRefused('store/invalid-json', words('{0} is not valid JSON. Nothing was written.', path.basename(file)), { file });
  }
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

/** `plain` when given and free, else the first free `dated(ms)` from now: an earlier backup is never replaced. */
function freshName(plain: string | undefined, dated: (ms: number) => string): string {
  if (plain !== undefined && !pathExists(plain)) return plain;
  for (let ms = Date.now(); ; ms++) {
    const name = dated(ms);
    if (!pathExists(name)) return name;
  }
}

/** The backup holds the same secrets as the new store: no wider than 0600 (POSIX). */
function keepPrivate(file: string): void {
  if (process.platform === 'win32') return;
  const stat = fs.lstatSync(file);
  if (stat.isFile() && stat.mode & 0o077) fs.chmodSync(file, stat.mode & 0o700);
}
