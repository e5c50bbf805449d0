import path from 'node:path';
import { resolveConfigPath, resolveEffectiveHome, resolveStateDir, resolveUserPath, type PathEnv } from '../paths.js';
import type { ProviderCatalog } from './providerCatalog.js';

/** The global env files, in the order their values win (an earlier file's value is kept). */
export interface GlobalEnvFiles {
  /** `<state dir>/.env`: what users call `~/.openclaw/.env`. */
  envFile: string;
  /** `~/.config/openclaw/gateway.env`, unless the state dir was moved. */
  gatewayEnvFile?: string;
  /**
   * `.env` in the folder of `$OPENCLAW_CONFIG_PATH` (or `~/.openclaw` while a legacy state dir is in
   * use), when that is not the state dir: OpenClaw reads it again when it loads the config.
   */
  configDirEnvFile?: string;
}

/**
 * The env files OpenClaw 2026.6 reads: the CLI loads `<state dir>/.env` and `gateway.env` first,
 * then loading the config reads `<config dir>/.env` (the state dir, or the folder of
 * `$OPENCLAW_CONFIG_PATH`) and `gateway.env` again; no file overrides a key already set.
 */
export function resolveEnvFiles(env: PathEnv): GlobalEnvFiles {
  const home = resolveEffectiveHome(env);
  const stateOverride = env.OPENCLAW_STATE_DIR?.trim();
  const configOverride = env.OPENCLAW_CONFIG_PATH?.trim();
  const envFile = path.join(resolveStateDir(env), '.env');
  const configDir = stateOverride
    ? resolveUserPath(stateOverride, env)
    : configOverride
      ? path.dirname(resolveConfigPath(env, ''))
      : path.join(home, '.openclaw');
  const configDirEnvFile = path.join(configDir, '.env');
  const files: GlobalEnvFiles = { envFile };
  const defaultEnvFile = path.join(home, '.openclaw', '.env');
  const movedStateDir = stateOverride !== undefined && path.resolve(envFile) !== path.resolve(defaultEnvFile);
  if (!movedStateDir) files.gatewayEnvFile = path.join(home, '.config', 'openclaw', 'gateway.env');
  if (path.resolve(configDirEnvFile) !== path.resolve(envFile)) files.configDirEnvFile = configDirEnvFile;
  return files;
}

/**
 * OpenClaw 2026.3.13 read one env file: `.env` in `$OPENCLAW_STATE_DIR`, else `~/.openclaw` (not
 * beside `$OPENCLAW_CONFIG_PATH`), and no `gateway.env`.
 */
export function resolveEnvFiles2026_3(env: PathEnv): GlobalEnvFiles {
  const stateOverride = env.OPENCLAW_STATE_DIR?.trim();
  const dir = stateOverride ? resolveUserPath(stateOverride, env) : path.join(resolveEffectiveHome(env), '.openclaw');
  return { envFile: path.join(dir, '.env') };
}

const BLOCKED_PREFIXES = ['ANTHROPIC_API_KEY_', 'OPENAI_API_KEY_', 'OPENCLAW_', 'CLAWHUB_'];
const BLOCKED_SUFFIXES = ['_API_HOST', '_BASE_URL', '_HOMESERVER'];

/**
 * OpenClaw refuses provider keys (and path overrides) from a working folder's `.env`: a repository
 * must not be able to swap the gateway's credentials. Only `~/.openclaw/.env` may carry them.
 */
export function isBlockedWorkspaceDotenvKey(key: string, catalog: ProviderCatalog): boolean {
  const upper = key.toUpperCase();
  if (BLOCKED_PREFIXES.some((p) => upper.startsWith(p)) || BLOCKED_SUFFIXES.some((s) => upper.endsWith(s))) return true;
  return catalog.allEnvVariables().has(upper);
}
