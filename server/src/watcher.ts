import fs from 'node:fs';
import path from 'node:path';
import { resolveEnvFiles } from './openclaw/env/envFiles.js';
import { legacyOAuthPath, globalSqlitePath } from './openclaw/paths.js';
import type { OpenClawState } from './openclaw/state.js';

/** A directory to watch, and the entry names in it that matter (`undefined`: every entry). */
export type WatchPlan = Map<string, Set<string> | undefined>;

/** SQLite's shared-memory index changes on every read, ours included; watching it would loop. */
const IGNORED_SUFFIXES = ['-shm'];

/**
 * Every file and folder whose change can change what OpenClaw resolves: the state dir, the config,
 * the env files, `agents/`, each agent folder (its store, order overrides, SQLite database), the
 * legacy OAuth file and, in shell mode, the working folder's `.env`.
 */
export function statePathsToWatch(state: OpenClawState, cwd: string | undefined): string[] {
  const { envFile, gatewayEnvFile, configDirEnvFile } = resolveEnvFiles(state.pathEnv);
  const paths = [
    state.stateDir,
    path.join(state.stateDir, 'agents'),
    state.configPath,
    envFile,
    path.dirname(globalSqlitePath(state.stateDir)),
    legacyOAuthPath(state.stateDir),
    ...state.agents.map((a) => a.agentDir),
  ];
  if (gatewayEnvFile) paths.push(gatewayEnvFile);
  if (configDirEnvFile) paths.push(configDirEnvFile);
  if (state.mode === 'shell' && cwd) paths.push(path.join(cwd, '.env'));
  return [...new Set(paths)];
}

/**
 * Which directories to watch so that every path is covered, existing or not: an existing folder is
 * watched whole; a file, or a path that does not exist yet, through its nearest existing ancestor,
 * filtered to the one entry that leads to it (so watching `~` for a missing `~/.openclaw` does not
 * wake up on every other file in the home folder).
 */
export function planWatches(paths: string[], isDirectory: (p: string) => boolean = isExistingDirectory): WatchPlan {
  const plan: WatchPlan = new Map();
  const add = (dir: string, name: string | undefined) => {
    if (plan.has(dir) && plan.get(dir) === undefined) return;
    if (name === undefined) {
      plan.set(dir, undefined);
      return;
    }
    const names = plan.get(dir) ?? new Set<string>();
    names.add(name);
    plan.set(dir, names);
  };
  for (const p of paths.map((x) => path.resolve(x))) {
    if (isDirectory(p)) {
      add(p, undefined);
      continue;
    }
    let name = path.basename(p);
    let dir = path.dirname(p);
    while (!isDirectory(dir)) {
      const parent = path.dirname(dir);
      if (parent === dir) break;
      name = path.basename(dir);
      dir = parent;
    }
    if (isDirectory(dir)) add(dir, name);
  }
  return plan;
}

function isExistingDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Watches the OpenClaw files on disk (outside any workspace, so the editor's own file events do not
 * cover them) with one non-recursive `fs.watch` per folder, and reports changes debounced: a burst
 * of writes (temp file, rename, lock) becomes one call. Call `update` after every resolution so
 * folders that appeared are watched and ones that vanished are dropped.
 */
export class StateWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private plan: WatchPlan = new Map();
  private debounce: NodeJS.Timeout | undefined;
  private firstPendingAt: number | undefined;
  private disposed = false;

  constructor(
    private readonly onChange: (reason: string) => void,
    private readonly log: (message: string) => void = () => undefined,
    private readonly debounceMs = 200,
    /** Never wait longer than this after the first event of a burst, even if events keep coming. */
    private readonly maxWaitMs = 1000,
  ) {}

  /** Watches exactly the folders `plan` names; returns true when a folder was newly watched. */
  update(paths: string[]): boolean {
    if (this.disposed) return false;
    const plan = planWatches(paths);
    this.plan = plan;
    let added = false;
    for (const [dir, watcher] of this.watchers) {
      if (!plan.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of plan.keys()) {
      if (this.watchers.has(dir)) continue;
      const watcher = this.watch(dir);
      if (watcher) {
        this.watchers.set(dir, watcher);
        added = true;
      }
    }
    return added;
  }

  /** The folders watched now (for tests and logs). */
  watchedDirectories(): string[] {
    return [...this.watchers.keys()].sort();
  }

  dispose(): void {
    this.disposed = true;
    if (this.debounce) clearTimeout(this.debounce);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private watch(dir: string): fs.FSWatcher | undefined {
    try {
      const watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
        const name = filename?.toString();
        if (name && IGNORED_SUFFIXES.some((s) => name.endsWith(s))) return;
        const names = this.plan.get(dir);
        if (names && name && !names.has(name)) return;
        this.changed(name ? path.join(dir, name) : dir);
      });
      watcher.on('error', () => {
        // The folder went away (or the watch broke): drop it; the next resolution re-plans.
        watcher.close();
        if (this.watchers.get(dir) === watcher) this.watchers.delete(dir);
        this.changed(dir);
      });
      return watcher;
    } catch (error) {
      this.log(`Cannot watch ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return undefined;
    }
  }

  /** Schedules a change report for the end of the burst (debounced, at most `maxWaitMs` late). */
  changed(reason: string): void {
    if (this.disposed) return;
    const now = Date.now();
    this.firstPendingAt ??= now;
    if (this.debounce) clearTimeout(this.debounce);
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstPendingAt + this.maxWaitMs - now));
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.firstPendingAt = undefined;
      this.onChange(reason);
    }, wait);
  }
}
