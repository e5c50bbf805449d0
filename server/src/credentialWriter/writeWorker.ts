/**
 * The credential writer's worker thread: applies the language server's writes off its main thread.
 * A write may wait up to about a minute for OpenClaw's busy lock (`auth-profiles.json.lock`, or
 * the SQLite state lock and busy timeout), and the server must keep answering hovers, diagnostics
 * and status meanwhile. It runs inside dist/cli.js, which holds the engine's writers already.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runLegacyRewrite } from '../openclaw/stores/legacyAuthRewrite.js';
import { applyCredentialChange, WriteRefused, type WriteResult } from '../openclaw/writes.js';
import type { CredentialWriteReply, CredentialWriteRequest, WriteJob } from './writeMessages.js';

/** What the server passes as workerData, so the CLI bundle knows to serve writes instead of running. */
export const CREDENTIAL_WRITE_ROLE = 'openclaw-auth-credential-write';

export function isCredentialWriteWorker(): boolean {
  return !isMainThread && (workerData as { role?: unknown } | null)?.role === CREDENTIAL_WRITE_ROLE;
}

export function serveCredentialWrites(): void {
  parentPort?.on('message', (request: CredentialWriteRequest) => {
    parentPort?.postMessage(applyAsReply(request));
  });
}

/** The write's outcome as a message; a refusal keeps its code, reason and place. */
export function applyAsReply(request: CredentialWriteRequest): CredentialWriteReply {
  try {
    return { id: request.id, written: runWriteJob(request.job) };
  } catch (error) {
    if (error instanceof WriteRefused) {
      return { id: request.id, refused: { code: error.code, message: error.message, ...(error.words ? { words: error.words } : {}), ...(error.location ? { location: error.location } : {}) } };
    }
    return { id: request.id, error: (error as Error)?.message ?? String(error) };
  }
}

/** Runs one job where it is called: the worker's body, and the queue's in-thread fallback. */
export function runWriteJob(job: WriteJob): WriteResult {
  if (job.kind === 'legacy-rewrite') {
    const { written, summary } = runLegacyRewrite(job.rewrite);
    return { written, summary };
  }
  return applyCredentialChange(job.target, job.change);
}
