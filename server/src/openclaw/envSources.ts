import path from 'node:path';
import dotenv from 'dotenv';
import { readTextFile } from './fileRead.js';
import { issue, type SourceIssue } from './issues.js';
import { isRecord } from './authStore.js';

/** Where an environment value came from, in OpenClaw's precedence order (first wins). */
export type EnvOrigin = 'process' | 'cwd-dotenv' | 'state-dotenv' | 'config-env';

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
  configEnv?: unknown;
  configPath?: string;
}

export interface EnvSources {
  values: Map<string, EnvValue>;
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
  if (input.mode === 'shell') {
    for (const [k, v] of Object.entries(input.processEnv)) if (typeof v === 'string') add(k, v, 'process');
    if (input.cwd) {
      const cwdEnv = path.join(input.cwd, '.env');
      if (path.resolve(cwdEnv) !== path.resolve(input.stateEnvFile)) loadDotenvInto(cwdEnv, 'cwd-dotenv', add, issues);
    }
  }
  loadDotenvInto(input.stateEnvFile, 'state-dotenv', add, issues);
  for (const [k, v] of Object.entries(configEnvVars(input.configEnv))) add(k, v, 'config-env', input.configPath);
  return { values, issues };
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
  for (const [k, v] of Object.entries(parsed)) add(k, v, origin, file);
}

/** `env.KEY` and `env.vars.KEY` string values of `openclaw.json` (`shellEnv` is a setting, not a var). */
export function configEnvVars(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(env)) return out;
  if (isRecord(env.vars)) for (const [k, v] of Object.entries(env.vars)) if (typeof v === 'string') out[k] = v;
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string' && !(k in out)) out[k] = v;
  return out;
}

export function envIssue(file: string, message: string): SourceIssue {
  return issue('env/unreadable', 'error', file, message);
}
