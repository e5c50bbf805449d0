import { spawnSync } from 'node:child_process';
import { parseOpenClawVersion } from './openclaw/rules/detectRules.js';

/**
 * The release of the `openclaw` on PATH (`openclaw --version`, run once, 3 s at most), or undefined
 * when there is none or it does not answer. Only the version line is read; nothing else is passed on.
 */
export function openclawVersionOnPath(env: NodeJS.ProcessEnv): string | undefined {
  const r = spawnSync('openclaw', ['--version'], { env, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.error || r.status !== 0) return undefined;
  return parseOpenClawVersion(r.stdout ?? '');
}
