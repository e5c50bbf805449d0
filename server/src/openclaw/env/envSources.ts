import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { isRecord } from '../stores/authStore.js';
import { readTextFile } from '../fileRead.js';
import { issue, words, type SourceIssue, type Words } from '../issues.js';
import {
  loginShellExecEnv, loginShellSettings, readEtcShells, resolveLoginShell, shellEnvFacts,
  type LoginShellOutcome, type LoginShellProbe, type ShellEnvFacts,
} from './loginShellEnv.js';

const PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Where an environment value came from, in OpenClaw's precedence order (first wins). `login-shell`
 * is the optional import from `$SHELL -l` (env.shellEnv), which only fills keys still missing.
 */
export type EnvOrigin = 'process' | 'cwd-dotenv' | 'state-dotenv' | 'gateway-env' | 'config-env' | 'login-shell';

export interface EnvValue {
  value: string;
  origin: EnvOrigin;
  /** The file that supplied it, for the file-based origins. */
  file?: string;
  /** Values from later sources that this one shadows (OpenClaw never overrides an existing key). */
  shadowed?: { origin: EnvOrigin; file?: string }[];
}

/**
 * `shell` models `openclaw models status` run from the user's shell: the process env counts.
 * `daemon` models the gateway under systemd/launchd: no shell env, no `.env` of a working folder.
 */
export type EnvMode = 'shell' | 'daemon';

export interface EnvSourcesInput {
  mode: EnvMode;
  processEnv: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  stateEnvFile: string;
  /** `~/.config/openclaw/gateway.env`, read after the state `.env` unless the state dir was moved. */
  gatewayEnvFile?: string;
  /**
   * `.env` beside `$OPENCLAW_CONFIG_PATH` when that is not the state dir: read after the state `.env`
   * and gateway.env when the state `.env` (or a working folder's) exists, else before gateway.env.
   */
  configDirEnvFile?: string;
  /** A working folder's `.env` may not supply these (OpenClaw blocks provider keys there). */
  isBlockedInWorkspaceDotenv?: (key: string) => boolean;
  configEnv?: unknown;
  configPath?: string;
  loginShell?: LoginShellInput;
}

/** How the login-shell import (env.shellEnv) is carried out here. */
export interface LoginShellInput {
  /**
   * Runs the shell. Absent: the engine never starts one and reports the import as `not-run` (pure
   * callers: fuzzing, benches, tests of other rules); the CLI and the language server provide one.
   */
  probe?: LoginShellProbe;
  /** The release's expected keys and rules; 2026.6.1 when absent. */
  facts?: ShellEnvFacts;
  /** In daemon mode, the service's own variables (see daemonServiceEnv); the shell's env starts from them. */
  daemonEnv?: Readonly<Record<string, string>>;
  /** The trusted shells; read from /etc/shells when absent. */
  etcShells?: ReadonlySet<string> | null;
}

/** What became of the login-shell import. */
export interface LoginShellImport {
  /** OpenClaw's `auth.shellEnvFallback.enabled`. */
  enabled: boolean;
  enabledBy?: 'config' | 'env';
  /**
   * `disabled`; `deferred` (OPENCLAW_DEFER_SHELL_ENV_FALLBACK); `nothing-missing` (no shell run:
   * every expected key is set, or in 2026.3 any one is); `not-run` (no probe given); `ran`; `failed`.
   */
  outcome: 'disabled' | 'deferred' | 'nothing-missing' | 'not-run' | 'ran' | 'failed';
  /** The shell run (or that would run), with its timeout. */
  shell?: string;
  timeoutMs?: number;
  /** OpenClaw's `auth.shellEnvFallback.appliedKeys`: keys taken from the shell, in OpenClaw's order. */
  appliedKeys: string[];
}

export interface EnvSources {
  values: Map<string, EnvValue>;
  /** Keys a working folder's `.env` sets that OpenClaw refuses to take from there. */
  blockedWorkspaceKeys: { key: string; file: string }[];
  loginShell: LoginShellImport;
  issues: SourceIssue[];
}

/** Builds the environment the gateway would see, each value tagged with its origin. */
export function collectEnvSources(input: EnvSourcesInput): EnvSources {
  const values = new Map<string, EnvValue>();
  // The gateway's own environment: the same sources but a working folder's .env (see importLoginShellEnv).
  const ownValues = new Map<string, string>();
  const issues: SourceIssue[] = [];
  const add = (key: string, value: string, origin: EnvOrigin, file?: string) => {
    if (origin !== 'cwd-dotenv' && !ownValues.has(key)) ownValues.set(key, value);
    const existing = values.get(key);
    if (existing) {
      (existing.shadowed ??= []).push(file ? { origin, file } : { origin });
      return;
    }
    values.set(key, file ? { value, origin, file } : { value, origin });
  };
  const blockedWorkspaceKeys: EnvSources['blockedWorkspaceKeys'] = [];
  if (input.mode === 'shell') {
    for (const [k, v] of Object.entries(input.processEnv)) if (typeof v === 'string') add(k, v, 'process');
    if (input.cwd) {
      const cwdEnv = path.join(input.cwd, '.env');
      if (path.resolve(cwdEnv) !== path.resolve(input.stateEnvFile)) {
        const blocked = input.isBlockedInWorkspaceDotenv ?? (() => false);
        loadDotenvInto(cwdEnv, 'cwd-dotenv', (k, v, o, f) => (blocked(k) ? blockedWorkspaceKeys.push({ key: k, file: cwdEnv }) : add(k, v, o, f)), issues);
      }
    }
  }
  // OpenClaw's CLI reads the state .env and gateway.env at start only when a working-folder .env or
  // the state .env exists; loading the config then reads the config folder's .env and gateway.env.
  const cwdEnvExists = input.mode === 'shell' && input.cwd !== undefined && fs.existsSync(path.join(input.cwd, '.env'));
  const readAtStart = !input.configDirEnvFile || cwdEnvExists || fs.existsSync(input.stateEnvFile);
  const gateway: [string | undefined, EnvOrigin] = [input.gatewayEnvFile, 'gateway-env'];
  const globalFiles: [string | undefined, EnvOrigin][] = readAtStart
    ? [[input.stateEnvFile, 'state-dotenv'], gateway, [input.configDirEnvFile, 'state-dotenv']]
    : [[input.configDirEnvFile, 'state-dotenv'], gateway];
  for (const [file, origin] of globalFiles) if (file) loadDotenvInto(file, origin, add, issues);
  for (const [k, v] of Object.entries(configEnvVars(input.configEnv))) add(k, v, 'config-env', input.configPath);
  const loginShell = importLoginShellEnv(input, values, ownValues, issues);
  return { values, blockedWorkspaceKeys, loginShell, issues };
}

/**
 * Source 5, last: when enabled, OpenClaw runs the login shell and takes from it the expected keys
 * still unset (2026.6: absent, an empty value counts as set; 2026.3: blank, and only when every
 * expected key is blank). Only values with a non-blank text are taken.
 *
 * The shell starts from the gateway's own environment (`ownValues`: the process env and the user's
 * own files), never from a working folder's `.env`: a repository could otherwise steer the user's
 * profile (a prefix it sources from, XDG_CONFIG_HOME for fish) into running the repository's code.
 * OpenClaw itself passes those values on; docs/differences.md lists this difference.
 */
function importLoginShellEnv(input: EnvSourcesInput, values: Map<string, EnvValue>, ownValues: ReadonlyMap<string, string>, issues: SourceIssue[]): LoginShellImport {
  const facts = input.loginShell?.facts ?? shellEnvFacts['2026.6.1'];
  // OpenClaw's process env at that point decides whether the import runs and which keys it fills.
  const env = gatewayProcessEnv(input, [...values].map(([k, v]) => [k, v.value]));
  const ownEnv = gatewayProcessEnv(input, ownValues);
  const settings = loginShellSettings(env, input.configEnv, facts);
  const base: Pick<LoginShellImport, 'enabled' | 'enabledBy'> = settings.enabledBy ? { enabled: settings.enabled, enabledBy: settings.enabledBy } : { enabled: settings.enabled };
  if (!settings.enabled) return { ...base, outcome: 'disabled', appliedKeys: [] };
  if (settings.deferred) return { ...base, outcome: 'deferred', appliedKeys: [] };
  const isUnset = facts.importsOnlyWhenAllMissing ? (k: string) => !env[k]?.trim() : (k: string) => !Object.hasOwn(env, k);
  const missing = facts.expectedKeys.filter(isUnset);
  if (missing.length === 0 || (facts.importsOnlyWhenAllMissing && missing.length < facts.expectedKeys.length)) {
    return { ...base, outcome: 'nothing-missing', appliedKeys: [] };
  }
  const shell = resolveLoginShell(ownEnv.SHELL, input.loginShell?.etcShells !== undefined ? input.loginShell.etcShells : readEtcShells());
  const where = { ...base, shell, timeoutMs: settings.timeoutMs };
  const probe = input.loginShell?.probe;
  if (!probe) return { ...where, outcome: 'not-run', appliedKeys: [] };
  const outcome = probe({ shell, env: loginShellExecEnv(ownEnv, ownEnv.HOME, facts), timeoutMs: settings.timeoutMs });
  if (!outcome.ok) {
    const enabledIn = settings.enabledBy === 'config' ? input.configPath : values.get('OPENCLAW_LOAD_SHELL_ENV')?.file ?? input.configPath;
    const message = words('OpenClaw\'s login-shell import failed: `{0} -l -c \'env -0\'` {1}. Keys exported only by your shell profile stay missing.', shell, failureWords(outcome, settings.timeoutMs));
    issues.push(issue('env/login-shell-failed', 'warning', enabledIn ?? shell, message, settings.enabledBy === 'config' ? ['env', 'shellEnv', 'enabled'] : undefined));
    return { ...where, outcome: 'failed', appliedKeys: [] };
  }
  const appliedKeys: string[] = [];
  for (const key of missing) {
    const value = outcome.env.get(key);
    if (!value?.trim()) continue;
    const previous = values.get(key);
    // 2026.3 replaces a blank value; 2026.6 only fills absent keys, so there is nothing to shadow.
    const shadowed = previous ? [previous.file ? { origin: previous.origin, file: previous.file } : { origin: previous.origin }, ...(previous.shadowed ?? [])] : [];
    values.set(key, shadowed.length > 0 ? { value, origin: 'login-shell', shadowed } : { value, origin: 'login-shell' });
    appliedKeys.push(key);
  }
  return { ...where, outcome: 'ran', appliedKeys };
}

/** The process env: its own (the service's, for the daemon), then these values where unset. */
function gatewayProcessEnv(input: EnvSourcesInput, values: Iterable<readonly [string, string]>): Record<string, string> {
  const env: Record<string, string> = { ...(input.mode === 'daemon' ? input.loginShell?.daemonEnv : undefined) };
  for (const [k, v] of values) if (!Object.hasOwn(env, k)) env[k] = v;
  return env;
}

function failureWords(outcome: Extract<LoginShellOutcome, { ok: false }>, timeoutMs: number): Words {
  switch (outcome.failure) {
    case 'timeout': return words('did not finish within {0} ms (env.shellEnv.timeoutMs)', timeoutMs);
    case 'exit-status': return words('exited with status {0}', outcome.detail ?? '?');
    case 'signal': return outcome.detail ? words('was stopped by {0}', outcome.detail) : words('was stopped by a signal');
    case 'output-too-large': return words('printed more than 2 MB');
    case 'spawn-error': return outcome.detail ? words('could not be started ({0})', outcome.detail) : words('could not be started');
  }
}

/** Reads an env file with the `dotenv` parser OpenClaw itself uses (export prefixes, quotes, CRLF). */
export function parseDotenvText(text: string): Record<string, string> {
  return dotenv.parse(text);
}

function loadDotenvInto(file: string, origin: EnvOrigin, add: (k: string, v: string, o: EnvOrigin, f?: string) => void, issues: SourceIssue[]): void {
  const read = readTextFile(file, { maxBytes: 1024 * 1024 });
  if (read.kind === 'missing') return;
  if (read.kind === 'unreadable') {
    issues.push(read.issue);
    return;
  }
  const parsed = parseDotenvText(read.text);
  for (const [rawKey, v] of Object.entries(parsed)) {
    // OpenClaw keeps only portable names (letters, digits, underscore, not starting with a digit).
    const k = rawKey.trim();
    if (PORTABLE_KEY.test(k)) add(k, v, origin, file);
  }
}

/** `env.KEY` and `env.vars.KEY` string values of `openclaw.json` (`shellEnv` is a setting, not a var). */
export function configEnvVars(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(env)) return out;
  if (isRecord(env.vars)) for (const [k, v] of Object.entries(env.vars)) if (typeof v === 'string') out[k] = v;
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string' && !(k in out)) out[k] = v;
  return out;
}

