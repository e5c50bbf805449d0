import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/e2e/support/paths.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const cacheDir = path.join(repoRoot, '.cache');
export const resultsDir = path.join(repoRoot, 'test-results');
/** Where scripts/package-vsix.sh writes the VSIX the tests install. */
export const vsixPath = path.join(cacheDir, 'openclaw-auth.vsix');
export const chromiumPath = '/usr/bin/chromium';

/** Runs one of the repository's ensure-*.sh scripts and returns the path it prints (its last line). */
export function ensure(script: 'ensure-node24.sh' | 'ensure-code-server.sh'): string {
  const out = execFileSync('bash', [path.join(repoRoot, 'scripts', script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const last = out.trim().split('\n').pop() ?? '';
  if (!fs.existsSync(last)) throw new Error(`${script} printed '${last}', which does not exist`);
  return last;
}

/** A fresh folder under .cache/e2e for one run's user data, extensions, logs and homes. */
export function freshRunDir(name: string): string {
  const base = path.join(cacheDir, 'e2e');
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `${name}-`));
}
