import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { cliPath, type CliRun } from '../support/runCli.ts';

/** Runs `openclaw-auth metrics` (the built bundle) for a fake HOME in a clean environment. */
export function runMetrics(home: string, args: string[] = [], extraEnv: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [cliPath, 'metrics', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC', ...extraEnv },
    cwd: home,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;

/** The samples of a text exposition (our own output: no timestamps); throws on a line it cannot read. */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? '';
    LABEL.lastIndex = 0;
    let consumed = 0;
    for (let l = LABEL.exec(body); l; l = LABEL.exec(body)) {
      labels[l[1] as string] = (l[2] as string).replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c));
      consumed = LABEL.lastIndex;
    }
    if (consumed !== body.length) throw new Error(`bad labels in: ${line}`);
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return samples;
}

/** A port nobody listens on right now (the OS picks it); the caller starts its server on it next. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A process this test started, its output kept in a log file for when something fails. */
export interface Started {
  child: ChildProcess;
  log: string;
  exited: Promise<void>;
  stop(): Promise<void>;
}

export function startProcess(command: string, args: string[], logFile: string): Started {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), delay(20_000).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  return { child, log: logFile, exited, stop };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Asks `probe` again every `everyMs` until it returns a value (not undefined) or the deadline passes;
 * the deadline is generous, so a loaded machine only makes the test slower, never red.
 */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 120_000, everyMs = 500): Promise<T> {
  const end = Date.now() + deadlineMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    await delay(everyMs);
  }
}

/** Where Debian's packages put the binaries (scripts/ensure-debian.sh installs them). */
export const BIN = {
  promtool: '/usr/bin/promtool',
  prometheus: '/usr/bin/prometheus',
  nodeExporter: '/usr/bin/prometheus-node-exporter',
};

export const ALERT_RULES = path.resolve(import.meta.dirname, '..', '..', 'contrib', 'prometheus', 'openclaw-auth-alerts.yml');

/** Runs promtool with input on stdin; its verdict is in the exit code and its words in the output. */
export function promtool(args: string[], input?: string): CliRun {
  const r = spawnSync(BIN.promtool, args, { input, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
