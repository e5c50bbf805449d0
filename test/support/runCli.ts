import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
/** `OPENCLAW_AUTH_CLI` points at another bundle, so a long run is not changed under it by a rebuild. */
export const cliPath = process.env.OPENCLAW_AUTH_CLI ?? path.join(repoRoot, 'dist', 'cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs our bundled CLI in a clean environment, like run-peer.sh runs OpenClaw: only PATH, HOME, TZ. */
export function runOurCli(home: string, args: string[], extraEnv: Record<string, string> = {}, node = process.execPath): CliRun {
  const r = spawnSync(node, [cliPath, 'status', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC', NO_COLOR: '1', ...extraEnv },
    cwd: home,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
