import path from 'node:path';
import dotenv from 'dotenv';
import { readTextFile } from './fileRead.js';
import type { SourceIssue } from './issues.js';

const PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
import { isRecord } from './authStore.js';

/** Where an environment value came from, in OpenClaw's precedence order (first wins). */
export type EnvOrigin = 'process' | 'cwd-dotenv' | 'state-dotenv' | 'gateway-env' | 'config-env';

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
  /** A working folder's `.env` may not supply these (OpenClaw blocks provider keys there). */
  isBlockedInWorkspaceDotenv?: (key: string) => boolean;
  configEnv?: unknown;
  configPath?: string;
}

export interface EnvSources {
  values: Map<string, EnvValue>;
  /** Keys a working folder's `.env` sets that OpenClaw refuses to take from there. */
  blockedWorkspaceKeys: { key: string; file: string }[];
  issues: SourceIssue[];
}

/** Builds the environment the gateway would see, each value tagged with its origin. */
export function collectEnvSources(input: EnvSourcesInput): EnvSources {
  const values = new Map<string, EnvValue>();
  const issues: SourceIssue[] = [];
  const add = (key: string, value: string, origin: EnvOrigin, file?: string) => {
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
  loadDotenvInto(input.stateEnvFile, 'state-dotenv', add, issues);
  if (input.gatewayEnvFile) loadDotenvInto(input.gatewayEnvFile, 'gateway-env', add, issues);
  for (const [k, v] of Object.entries(configEnvVars(input.configEnv))) add(k, v, 'config-env', input.configPath);
  return { values, blockedWorkspaceKeys, issues };
}

/** Reads an env file with the `dotenv` parser OpenClaw itself uses (export prefixes, quotes, CRLF). */
export function parseDotenvText(text: string): Record<string, string> {
  return dotenv.parse(text);
}

function loadDotenvInto(file: string, origin: EnvOrigin, add: (k: string, v: string, o: EnvOrigin, f?: string) => void, issues: SourceIssue[]): void {
  const read = readTextFile(file, 1024 * 1024);
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

