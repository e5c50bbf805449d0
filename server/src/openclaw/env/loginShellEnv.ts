import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRecord } from '../stores/authStore.js';
import facts20260601 from '../data/shell-env-2026.6.1.json';
import facts20260313 from '../data/shell-env-2026.3.13.json';

/**
 * OpenClaw's optional login-shell import (`env.shellEnv.enabled`, `OPENCLAW_LOAD_SHELL_ENV=1`): after
 * its env files and the config's env block, it runs `$SHELL -l -c 'env -0'` and takes the provider
 * keys still missing from that shell's environment. This module knows how OpenClaw starts that
 * shell and reads its output; envSources.ts decides which keys it supplies.
 */

/** Facts of one release, extracted by scripts/extract-shell-env-facts.mjs. */
export interface ShellEnvFacts {
  openclawVersion: string;
  /** 2026.3: nothing is imported as soon as one expected key has a value; 2026.6: each missing key is. */
  importsOnlyWhenAllMissing: boolean;
  /** The only keys the import may supply, in OpenClaw's order (the order of `appliedKeys`). */
  expectedKeys: string[];
  /** 2026.3 hands the shell only variables with portable names. */
  inheritsPortableKeysOnly: boolean;
  /** Variables of OpenClaw's own environment it does not pass on to the shell (upper case). */
  blockedInheritedKeys: string[];
  blockedInheritedPrefixes: string[];
}

export const shellEnvFacts = {
  '2026.6.1': facts20260601 as ShellEnvFacts,
  '2026.3.13': facts20260313 as ShellEnvFacts,
} as const;

const DEFAULT_TIMEOUT_MS = 15_000;
// OpenClaw clamps timers to this (number-coercion's MAX_TIMER_TIMEOUT_MS).
const MAX_TIMEOUT_MS = 2_147_000_000;
const MAX_OUTPUT_BYTES = 2 * 1024 * 1024;
const FALLBACK_SHELL = '/bin/sh';
const PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What decides whether and how the import runs, read as OpenClaw reads it. */
export interface LoginShellSettings {
  /** OpenClaw's `auth.shellEnvFallback.enabled`. */
  enabled: boolean;
  /** Which switch turned it on: `env.shellEnv.enabled` in openclaw.json, or `OPENCLAW_LOAD_SHELL_ENV`. */
  enabledBy?: 'config' | 'env';
  /** `OPENCLAW_DEFER_SHELL_ENV_FALLBACK`: enabled, but this command does not run the shell. */
  deferred: boolean;
  timeoutMs: number;
}

/**
 * `env` is the environment after the env files and the config's env block were applied (so a
 * `.env` may set OPENCLAW_LOAD_SHELL_ENV); `configEnv` is the `env` block of openclaw.json.
 */
export function loginShellSettings(env: Readonly<Record<string, string>>, configEnv: unknown, facts: ShellEnvFacts): LoginShellSettings {
  const shellEnv = isRecord(configEnv) && isRecord(configEnv.shellEnv) ? configEnv.shellEnv : {};
  // OpenClaw's schema takes only a boolean `true` and a whole number of milliseconds ≥ 0.
  const byConfig = shellEnv.enabled === true;
  const byEnv = isTruthyEnvValue(env.OPENCLAW_LOAD_SHELL_ENV);
  const configTimeout = typeof shellEnv.timeoutMs === 'number' && Number.isInteger(shellEnv.timeoutMs) && shellEnv.timeoutMs >= 0 ? shellEnv.timeoutMs : undefined;
  const legacy = facts.importsOnlyWhenAllMissing;
  const timeoutMs = configTimeout !== undefined
    ? clampTimeout(configTimeout, legacy)
    : envTimeout(env.OPENCLAW_SHELL_ENV_TIMEOUT_MS, legacy);
  const settings: LoginShellSettings = { enabled: byConfig || byEnv, deferred: isTruthyEnvValue(env.OPENCLAW_DEFER_SHELL_ENV_FALLBACK), timeoutMs };
  if (byEnv || byConfig) settings.enabledBy = byConfig ? 'config' : 'env';
  return settings;
}

/** OpenClaw's truthy env words: 1, on, true, yes (trimmed, any case). */
export function isTruthyEnvValue(value: string | undefined): boolean {
  return typeof value === 'string' && ['1', 'on', 'true', 'yes'].includes(value.trim().toLowerCase());
}

function envTimeout(raw: string | undefined, legacy: boolean): number {
  const text = raw?.trim();
  if (!text) return DEFAULT_TIMEOUT_MS;
  // 2026.3 used parseInt ("500ms" is 500); 2026.6 accepts only a plain whole number.
  const parsed = legacy ? Number.parseInt(text, 10) : /^\+?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(parsed) || (!legacy && !Number.isSafeInteger(parsed))) return DEFAULT_TIMEOUT_MS;
  return clampTimeout(parsed, legacy);
}

function clampTimeout(ms: number, legacy: boolean): number {
  return legacy ? Math.max(0, ms) : Math.min(Math.max(Math.floor(ms), 0), MAX_TIMEOUT_MS);
}

/** `/etc/shells` as a set of absolute paths, or null when it cannot be read (then only /bin/sh runs). */
export function readEtcShells(file = '/etc/shells'): ReadonlySet<string> | null {
  try {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim());
    return new Set(lines.filter((l) => l.length > 0 && !l.startsWith('#') && path.isAbsolute(l)));
  } catch {
    return null;
  }
}

/** `$SHELL` when it is an absolute, normalised path listed in /etc/shells; otherwise /bin/sh. */
export function resolveLoginShell(shellVar: string | undefined, etcShells: ReadonlySet<string> | null): string {
  const shell = shellVar?.trim();
  if (shell && path.isAbsolute(shell) && path.normalize(shell) === shell && etcShells?.has(shell)) return shell;
  return FALLBACK_SHELL;
}

/**
 * The environment the shell starts with: OpenClaw's own minus the variables that could run code
 * or redirect start-up files (BASH_ENV, LD_*, ZDOTDIR, …), HOME set to the user's home, and
 * OPENCLAW_CLI=1 as OpenClaw marks every process it starts.
 */
export function loginShellExecEnv(base: Readonly<Record<string, string>>, home: string | undefined, facts: ShellEnvFacts): Record<string, string> {
  const blocked = new Set(facts.blockedInheritedKeys);
  const out: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(base)) {
    const key = rawKey.trim();
    if (!key || (facts.inheritsPortableKeysOnly && !PORTABLE_KEY.test(key))) continue;
    const upper = key.toUpperCase();
    if (blocked.has(upper) || facts.blockedInheritedPrefixes.some((p) => upper.startsWith(p))) continue;
    out[key] = value;
  }
  const h = home?.trim();
  if (h) out.HOME = h;
  else delete out.HOME;
  delete out.ZDOTDIR;
  out.OPENCLAW_CLI = '1';
  return out;
}

/**
 * What a gateway service has that the engine cannot read from the user's shell: the variables
 * OpenClaw's installer writes into the unit (HOME, PATH, TMPDIR, a moved state dir or config) and
 * those systemd and launchd give a user's service from the user database (USER, LOGNAME, SHELL).
 */
export function daemonServiceEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['HOME', 'PATH', 'TMPDIR', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH', 'OPENCLAW_PROFILE']) {
    const v = env[key];
    if (typeof v === 'string') out[key] = v;
  }
  try {
    const user = os.userInfo();
    out.USER = user.username;
    out.LOGNAME = user.username;
    if (user.shell) out.SHELL = user.shell;
  } catch {
    // No entry in the user database (a container's arbitrary uid): the shell falls back to /bin/sh.
  }
  return out;
}

export interface LoginShellRequest {
  shell: string;
  env: Readonly<Record<string, string>>;
  /** 0 means no limit, as in OpenClaw. */
  timeoutMs: number;
}

export type LoginShellFailure = 'timeout' | 'exit-status' | 'signal' | 'spawn-error' | 'output-too-large';

export type LoginShellOutcome =
  | { ok: true; env: ReadonlyMap<string, string> }
  /** `detail` is an exit status, a signal name or an errno code: never the shell's output. */
  | { ok: false; failure: LoginShellFailure; detail?: string };

/** Runs (or recalls) the login shell for a request; never throws. */
export type LoginShellProbe = (request: LoginShellRequest) => LoginShellOutcome;

/**
 * Runs `SHELL -l -c 'env -0'` synchronously as OpenClaw does (stdin closed, 2 MB of output at most,
 * the timeout in force) and reads its environment. Never throws and never keeps the shell's
 * stderr: a profile may print anything, secrets included. It runs in the home folder, not in ours
 * (OpenClaw's): a profile line that reads its working folder must not read a repository's files.
 */
export function runLoginShell(request: LoginShellRequest): LoginShellOutcome {
  try {
    const r = spawnSync(request.shell, ['-l', '-c', 'env -0'], {
      cwd: shellWorkingFolder(request.env.HOME),
      env: { ...request.env },
      timeout: request.timeoutMs,
      maxBuffer: MAX_OUTPUT_BYTES,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    if (r.error) {
      const code = (r.error as NodeJS.ErrnoException).code;
      if (code === 'ETIMEDOUT') return { ok: false, failure: 'timeout' };
      if (code === 'ENOBUFS') return { ok: false, failure: 'output-too-large' };
      return { ok: false, failure: 'spawn-error', ...(code ? { detail: code } : {}) };
    }
    if (r.status !== 0) {
      return r.status === null
        ? { ok: false, failure: 'signal', ...(r.signal ? { detail: r.signal } : {}) }
        : { ok: false, failure: 'exit-status', detail: String(r.status) };
    }
    return { ok: true, env: parseEnvZero(r.stdout) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    return { ok: false, failure: 'spawn-error', ...(code ? { detail: code } : {}) };
  }
}

/** The shell's working folder: the home it is given when that is a folder, else the root. */
function shellWorkingFolder(home: string | undefined): string {
  try {
    if (home && path.isAbsolute(home) && fs.statSync(home).isDirectory()) return home;
  } catch {
    // A home that does not exist: the root, which always does.
  }
  return path.parse(process.cwd()).root;
}

/** `env -0` output: NUL-separated `KEY=value` entries; values may hold line breaks. */
export function parseEnvZero(output: Buffer | string): Map<string, string> {
  const env = new Map<string, string>();
  for (const part of output.toString('utf8').split('\0')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    env.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return env;
}

// The variables that shape what a profile exports, as OpenClaw keys its own cache.
const STARTUP_KEYS = new Set(['HOME', 'PATH', 'TERM', 'LANG', 'LC_ALL', 'LC_CTYPE', 'USER', 'LOGNAME', 'TMPDIR']);

/**
 * Remembers each login shell's answer, keyed like OpenClaw's own cache (shell, timeout and the
 * start-up variables HOME, PATH, LANG, XDG_*, OPENCLAW_*, …). The language server resolves on every
 * file change; a profile that takes seconds must not run each time. A running gateway likewise
 * reads its shell once per process. `clear()` forgets, for an explicit refresh.
 */
export class LoginShellCache {
  private readonly answers = new Map<string, LoginShellOutcome>();

  constructor(private readonly run: LoginShellProbe = runLoginShell) {}

  readonly probe: LoginShellProbe = (request) => {
    const key = cacheKey(request);
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.run(request);
      this.answers.set(key, answer);
    }
    return answer;
  };

  clear(): void {
    this.answers.clear();
  }

  get size(): number {
    return this.answers.size;
  }
}

function cacheKey(request: LoginShellRequest): string {
  const startup = Object.entries(request.env)
    .filter(([k]) => STARTUP_KEYS.has(k) || k.startsWith('XDG_') || k.startsWith('OPENCLAW_'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Hashed: OPENCLAW_* values may be gateway tokens, which need not sit in a map key.
  return createHash('sha256').update(JSON.stringify([request.shell, request.timeoutMs, startup])).digest('base64');
}
