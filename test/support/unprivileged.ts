import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliPath, type CliRun } from './runCli.ts';

/** True when this process is root, which reads files whatever their mode. */
export const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const NOBODY = 65534;

/**
 * Runs our CLI as a user that file permissions apply to. As root (CI) that is uid/gid 65534 via
 * setpriv, with a copy of the CLI and the home made traversable; otherwise this user already is.
 * Callers make the file under test unreadable (chmod 000) before calling.
 */
export function runCliUnprivileged(home: string, args: string[], extraEnv: Record<string, string> = {}): CliRun {
  let command = process.execPath;
  let cli = cliPath;
  let prefix: string[] = [];
  if (runningAsRoot) {
    cli = path.join(home, '.cli', 'cli.js');
    fs.mkdirSync(path.dirname(cli), { recursive: true });
    fs.copyFileSync(cliPath, cli);
    // dist/cli.js is a launcher for the engine bundle beside it (scripts/build.mjs).
    const engine = path.join(path.dirname(cliPath), 'engine.js');
    if (fs.existsSync(engine)) fs.copyFileSync(engine, path.join(path.dirname(cli), 'engine.js'));
    makeTraversable(home);
    prefix = [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath];
    command = 'setpriv';
  }
  const r = spawnSync(command, [...prefix, cli, 'status', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC', NO_COLOR: '1', ...extraEnv },
    cwd: home,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Opens folders (o+rx) and regular files (o+r) to others, except those already mode 000 on purpose. */
function makeTraversable(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    const mode = fs.statSync(p).mode & 0o777;
    if (mode === 0) continue;
    if (entry.isDirectory()) makeTraversable(p);
    else fs.chmodSync(p, mode | 0o444);
  }
}
