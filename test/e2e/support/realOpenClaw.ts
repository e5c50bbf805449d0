import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensurePeer } from '../../differential/peer.ts';

/**
 * Runs the real OpenClaw CLI of `version` (installed into .cache by scripts/ensure-peer.sh) on a
 * state dir, in a clean environment (HOME beside the state dir), as a user at the gateway would.
 * `stdin` feeds `paste-token`.
 */
export function realOpenClaw(version: '2026.6.1' | '2026.9.6', stateDir: string, args: string[], stdin?: string): { code: number; stdout: string } {
  const peer = ensurePeer(version);
  const home = path.dirname(stateDir);
  const result = spawnSync(peer.bin, args, {
    env: { PATH: `${peer.nodeBin}:/usr/bin:/bin`, HOME: home, OPENCLAW_STATE_DIR: stateDir, TZ: 'UTC', NO_COLOR: '1' },
    cwd: home, encoding: 'utf8', timeout: 120_000, ...(stdin !== undefined ? { input: stdin } : {}),
  });
  return { code: result.status ?? -1, stdout: `${result.stdout}${result.stderr}` };
}
