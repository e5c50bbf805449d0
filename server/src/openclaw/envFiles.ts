import path from 'node:path';
import { resolveConfigPath, resolveEffectiveHome, resolveUserPath, type PathEnv } from './paths.js';
import type { ProviderCatalog } from './providerCatalog.js';

/**
 * The env files the gateway reads at start: `<config dir>/.env` (the state dir, or the folder of
 * `$OPENCLAW_CONFIG_PATH`), then `~/.config/openclaw/gateway.env` unless the state dir was moved.
 */
export function resolveEnvFiles(env: PathEnv): { envFile: string; gatewayEnvFile?: string } {
  const home = resolveEffectiveHome(env);
  const stateOverride = env.OPENCLAW_STATE_DIR?.trim();
  const configOverride = env.OPENCLAW_CONFIG_PATH?.trim();
  const configDir = stateOverride
    ? resolveUserPath(stateOverride, env)
    : configOverride
      ? path.dirname(resolveConfigPath(env, ''))
      : path.join(home, '.openclaw');
  const envFile = path.join(configDir, '.env');
  const defaultEnvFile = path.join(home, '.openclaw', '.env');
  const movedStateDir = stateOverride !== undefined && path.resolve(envFile) !== path.resolve(defaultEnvFile);
  return movedStateDir ? { envFile } : { envFile, gatewayEnvFile: path.join(home, '.config', 'openclaw', 'gateway.env') };
}

/**
 * OpenClaw 2026.3.13 read one env file: `.env` in `$OPENCLAW_STATE_DIR`, else `~/.openclaw` (not
 * beside `$OPENCLAW_CONFIG_PATH`), and no `gateway.env`.
 */
export function resolveEnvFiles2026_3(env: PathEnv): { envFile: string; gatewayEnvFile?: string } {
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
