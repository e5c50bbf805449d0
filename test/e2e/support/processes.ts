import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/** A process started in its own process group, so that stopping it also stops everything it started. */
export interface GroupProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs` if anything is left. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/** Groups started and not yet stopped: killed when this process ends, however it ends. */
const runningGroups = new Set<number>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // A detached group outlives its parent: a test file that crashes or is cancelled must not leave
  // a code-server behind holding a port and half a gigabyte.
  process.on('exit', () => {
    for (const pgid of runningGroups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
  }
}

/** Starts `command` detached (a new process group), its output appended to `logFile`. */
export function startGroup(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string }): GroupProcess {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  installExitHooks();
  if (child.pid !== undefined) runningGroups.add(child.pid);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', () => resolve('spawn-error'));
  });
  let stopping: Promise<void> | undefined;
  const signalGroup = (signal: NodeJS.Signals): boolean => {
    if (child.pid === undefined) return false;
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false; // the group is already gone
    }
  };
  const stop = (graceMs = 5000): Promise<void> => {
    stopping ??= (async () => {
      if (!signalGroup('SIGTERM')) return;
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
      await Promise.race([exited, timer]);
      // Children of the leader may outlive it: make sure nothing of the group survives.
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (child.pid !== undefined && livingGroupMembers(child.pid).length > 0) {
        signalGroup('SIGKILL');
        const deadline = Date.now() + 3000;
        while (livingGroupMembers(child.pid).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (child.pid !== undefined) runningGroups.delete(child.pid);
    })();
    return stopping;
  };
  return { child, exited, stop };
}

/**
 * Pids of the processes in process group `pgid` that are still running. Zombies (exited, waiting
 * for a parent to reap them) do not count: they hold no port, file or memory.
 */
export function livingGroupMembers(pgid: number): number[] {
  const living: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, , pgrp] = fields;
    if (Number(pgrp) === pgid && state !== 'Z') living.push(Number(entry));
  }
  return living;
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
