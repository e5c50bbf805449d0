import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../support/runCli.ts';

/** Installs (once, into .cache) and locates Node 24 and the real OpenClaw CLI of a given version. */
export function ensurePeer(version: string): { bin: string; nodeBin: string } {
  const script = path.join(repoRoot, 'scripts', 'ensure-peer.sh');
  const bin = execFileSync('bash', [script, version], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop() ?? '';
  const nodeBin = execFileSync('bash', [path.join(repoRoot, 'scripts', 'ensure-node24.sh')], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  return { bin, nodeBin };
}

export interface PeerRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `openclaw models status ARGS` in a clean env (only PATH, HOME, TZ), as run-peer.sh does. */
export function runPeer(peer: { bin: string; nodeBin: string }, home: string, args: string[], extraEnv: Record<string, string>): Promise<PeerRun> {
  return new Promise((resolve) => {
    const child = spawn(peer.bin, ['models', 'status', ...args], {
      env: { PATH: `${peer.nodeBin}:${process.env.PATH ?? ''}`, HOME: home, TZ: 'UTC', NO_COLOR: '1', ...extraEnv },
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
