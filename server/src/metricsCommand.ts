import fs from 'node:fs';
import path from 'node:path';
import type { OpenClawState } from './openclaw/state.js';
import { failedRunExposition, metricsExposition, runFailed } from './openclaw/output/metrics.js';

/** Exit codes of `openclaw-auth metrics`: written; written but the run could not read the state; nothing written. */
export const METRICS_EXIT = { ok: 0, stateUnreadable: 1, writeFailed: 4 } as const;

/**
 * `openclaw-auth metrics`: loads the state, renders the exposition and writes it to stdout or,
 * with `--textfile`, atomically into node_exporter's textfile folder. When the load itself throws,
 * it still writes the run's time and `openclaw_auth_scrape_error 1`, so Prometheus sees the
 * failure instead of metrics that silently stop changing. Never prints a secret: the exposition
 * holds ids only, and error messages name files, not their content.
 */
export function runMetricsCommand(load: () => OpenClawState, textfile: string | undefined, stderr: (line: string) => void): number {
  let text: string;
  let code: number = METRICS_EXIT.ok;
  try {
    const state = load();
    text = metricsExposition(state);
    if (runFailed(state)) {
      code = METRICS_EXIT.stateUnreadable;
      stderr(state.stateDirExists ? 'cannot read some of the gateway\'s files (see `openclaw-auth status`); openclaw_auth_scrape_error is 1' : `no OpenClaw state folder at ${state.stateDir}; openclaw_auth_scrape_error is 1`);
    }
  } catch (error) {
    text = failedRunExposition(Date.now());
    code = METRICS_EXIT.stateUnreadable;
    stderr(`reading the gateway state failed: ${(error as Error).message ?? String(error)}; openclaw_auth_scrape_error is 1`);
  }
  if (textfile === undefined) {
    process.stdout.write(text);
    return code;
  }
  try {
    writeTextfileAtomically(textfile, text);
  } catch (error) {
    stderr(`cannot write ${textfile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return METRICS_EXIT.writeFailed;
  }
  return code;
}

/**
 * The textfile collector may read the folder at any moment, so the file appears whole or not at all:
 * written under a name it ignores (not `*.prom`) in the same folder, fsynced, then renamed over the
 * target. Readable by everyone, since node_exporter runs as another user; it holds no secret.
 */
export function writeTextfileAtomically(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const fd = fs.openSync(temp, 'w', 0o644);
    try {
      fs.writeFileSync(fd, text, 'utf8');
      fs.fchmodSync(fd, 0o644);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
