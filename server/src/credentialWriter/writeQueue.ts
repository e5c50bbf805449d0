import { Worker } from 'node:worker_threads';
import { bundledCliFile } from '../bundledCli.js';
import type { LegacyRewrite } from '../openclaw/stores/legacyAuthRewrite.js';
import { WriteRefused, type CredentialChange, type WriteRequestOptions, type WriteResult } from '../openclaw/writes.js';
import type { CredentialWriteReply, CredentialWriteRequest, WriteJob } from './writeMessages.js';
import { CREDENTIAL_WRITE_ROLE, runWriteJob } from './writeWorker.js';

interface InFlight {
  id: number;
  worker: Worker;
  resolve: (result: WriteResult) => void;
  reject: (error: Error) => void;
}

/**
 * Runs the language server's credential writes one at a time, in the order asked, in a worker
 * thread (writeWorker.ts, run by the CLI bundle beside the server's), so a write waiting for
 * OpenClaw's lock never holds up the main thread. Where that bundle is absent (the sources run by
 * tsx), each write runs in the calling thread instead, still in order.
 */
export class CredentialWriteQueue {
  private worker: Worker | undefined;
  private inFlight: InFlight | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly workerFile: string | undefined = bundledCliFile()) {}

  /**
   * Applies `change` once every write queued before it has finished. `target` is read when the
   * write starts (settings may change while it waits). Rejects with `WriteRefused` as the engine
   * threw it, or an Error when the write could not run.
   */
  apply(target: () => WriteRequestOptions, change: CredentialChange): Promise<WriteResult> {
    return this.enqueue(() => ({ kind: 'change', target: target(), change }));
  }

  /** A legacy file's rewrite (a quick fix), queued with the other writes: it takes the same store lock. */
  rewriteLegacy(rewrite: LegacyRewrite): Promise<WriteResult> {
    return this.enqueue(() => ({ kind: 'legacy-rewrite', rewrite }));
  }

  private enqueue(job: () => WriteJob): Promise<WriteResult> {
    const run = () => this.run(job());
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** No write starts after this; one under way finishes (a lock is never left held), then the worker stops. */
  dispose(): void {
    this.disposed = true;
    if (!this.inFlight) this.stopWorker();
  }

  private run(job: WriteJob): Promise<WriteResult> {
    if (this.disposed) return Promise.reject(new Error('The language server is shutting down; nothing was written.'));
    if (!this.workerFile) return new Promise((resolve) => resolve(runWriteJob(job)));
    return new Promise<WriteResult>((resolve, reject) => {
      const id = this.nextId++;
      const worker = this.started();
      this.inFlight = { id, worker, resolve, reject };
      // Busy, the worker keeps the server alive until the write is done; idle, it never does.
      worker.ref();
      const request: CredentialWriteRequest = { id, job: job.kind === 'change' ? { ...job, target: { ...job.target, env: { ...job.target.env } } } : job };
      worker.postMessage(request);
    }).finally(() => {
      this.worker?.unref();
      if (this.disposed) this.stopWorker();
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile as string, { workerData: { role: CREDENTIAL_WRITE_ROLE } });
    worker.on('message', (reply: CredentialWriteReply) => {
      const waiting = this.inFlight;
      if (!waiting || waiting.id !== reply.id) return;
      this.inFlight = undefined;
      if ('written' in reply) waiting.resolve(reply.written);
      else if ('refused' in reply) waiting.reject(new WriteRefused(reply.refused.code, reply.refused.words ?? reply.refused.message, reply.refused.location));
      else waiting.reject(new Error(reply.error));
    });
    // A worker that dies fails the write it held; the next write starts a new one.
    const lost = (detail: string) => {
      if (this.worker === worker) this.worker = undefined;
      // Its 'error' and 'exit' both arrive, the second perhaps after the next write started elsewhere.
      const waiting = this.inFlight;
      if (waiting?.worker !== worker) return;
      this.inFlight = undefined;
      waiting.reject(new Error(`The credential writer stopped before the write finished (${detail}). The files hold their old or their new content; check them, then try again.`));
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
