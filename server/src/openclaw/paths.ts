import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

/** The environment variables that move OpenClaw's files; everything else in the env is ignored here. */
export type PathEnv = Readonly<Record<string, string | undefined>>;

export const DEFAULT_AGENT_ID = 'main';
const STATE_DIRNAME = '.openclaw';
/** OpenClaw still falls back to the pre-rename state folder when `.openclaw` does not exist. */
const LEGACY_STATE_DIRNAMES = ['.clawdbot'];

function trimmed(value: string | undefined): string | undefined {
  const t = value?.trim();
  return t ? t : undefined;
}

/** The OS home as OpenClaw sees it: `$HOME`, else the account's home directory. */
function osHome(env: PathEnv): string {
  return trimmed(env.HOME) ?? trimmed(env.USERPROFILE) ?? os.homedir();
}

/** `$OPENCLAW_HOME` (with `~` expanded) replaces the OS home for every OpenClaw path. */
export function resolveEffectiveHome(env: PathEnv): string {
  const explicit = trimmed(env.OPENCLAW_HOME);
  if (!explicit) return path.resolve(osHome(env));
  return path.resolve(explicit.replace(/^~(?=$|[\\/])/, osHome(env)));
}

/** Expands a leading `~` against the effective home and makes the path absolute. */
export function resolveUserPath(input: string, env: PathEnv): string {
  const t = input.trim();
  if (!t) return t;
  if (t.startsWith('~')) return path.resolve(t.replace(/^~(?=$|[\\/])/, resolveEffectiveHome(env)));
  return path.resolve(t);
}

/** `$OPENCLAW_STATE_DIR`, else `<home>/.openclaw` (or the legacy `.clawdbot` when only that exists). */
export function resolveStateDir(env: PathEnv): string {
  const override = trimmed(env.OPENCLAW_STATE_DIR);
  if (override) return resolveUserPath(override, env);
  const home = resolveEffectiveHome(env);
  const next = path.join(home, STATE_DIRNAME);
  if (exists(next)) return next;
  for (const legacy of LEGACY_STATE_DIRNAMES) {
    const candidate = path.join(home, legacy);
    if (exists(candidate)) return candidate;
  }
  return next;
}

/** `$OPENCLAW_CONFIG_PATH`, else `<state>/openclaw.json`. */
export function resolveConfigPath(env: PathEnv, stateDir: string): string {
  const override = trimmed(env.OPENCLAW_CONFIG_PATH);
  return override ? resolveUserPath(override, env) : path.join(stateDir, 'openclaw.json');
}

/** An agent override from the environment (`OPENCLAW_AGENT_DIR`, then `PI_CODING_AGENT_DIR`). */
export function resolveEnvAgentDirOverride(env: PathEnv): string | undefined {
  const override = trimmed(env.OPENCLAW_AGENT_DIR) ?? trimmed(env.PI_CODING_AGENT_DIR);
  return override ? resolveUserPath(override, env) : undefined;
}

/** OpenClaw's agent id normalisation: lower case, invalid characters to `-`, at most 64. */
export function normalizeAgentId(value: string | undefined): string {
  const t = (value ?? '').trim();
  if (!t) return DEFAULT_AGENT_ID;
  const lower = t.toLowerCase();
  if (/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(t)) return lower;
  return lower.replace(/[^a-z0-9_-]+/g, '-').replace(/^-+/, '').replace(/-+$/, '').slice(0, 64) || DEFAULT_AGENT_ID;
}

/** `<state>/agents/<id>/agent`, unless the config gives the agent its own `agentDir`. */
export function defaultAgentDir(stateDir: string, agentId: string): string {
  return path.join(stateDir, 'agents', normalizeAgentId(agentId), 'agent');
}

export const storeFileName = 'auth-profiles.json';
export const stateFileName = 'auth-state.json';
export const legacyAuthFileName = 'auth.json';
export const agentSqliteFileName = 'openclaw-agent.sqlite';

export function authStorePath(agentDir: string): string {
  return path.join(agentDir, storeFileName);
}
export function authStatePath(agentDir: string): string {
  return path.join(agentDir, stateFileName);
}
export function legacyAuthPath(agentDir: string): string {
  return path.join(agentDir, legacyAuthFileName);
}
export function agentSqlitePath(agentDir: string): string {
  return path.join(agentDir, agentSqliteFileName);
}
export function globalSqlitePath(stateDir: string): string {
  return path.join(stateDir, 'state', 'openclaw.sqlite');
}
export function stateEnvPath(stateDir: string): string {
  return path.join(stateDir, '.env');
}
export function legacyOAuthPath(stateDir: string): string {
  return path.join(stateDir, 'credentials', 'oauth.json');
}

/** Shows a path the way OpenClaw does: the effective home replaced by `~`, or by `$OPENCLAW_HOME` when that is set. */
export function shortenHomePath(p: string, env: PathEnv): string {
  const home = resolveEffectiveHome(env);
  const prefix = trimmed(env.OPENCLAW_HOME) ? '$OPENCLAW_HOME' : '~';
  if (p === home) return prefix;
  if (p.startsWith(home + path.sep)) return prefix + p.slice(home.length);
  return p;
}

/** Agent folders present on disk under `<state>/agents/`, whether configured or not. */
export function listAgentIdsOnDisk(stateDir: string): string[] {
  try {
    return fs
      .readdirSync(path.join(stateDir, 'agents'), { withFileTypes: true })
      .filter((d) => d.isDirectory() || d.isSymbolicLink())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

function exists(p: string): boolean {
  try {
    return fs.existsSync(p);
  } catch {
    return false;
  }
}
