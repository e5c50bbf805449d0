import { Worker } from 'node:worker_threads';
import { bundledCliFile } from '../bundledCli.js';
import type { SourceIssue } from '../openclaw/issues.js';
import { serverLocale } from '../serverL10n.js';
import { editorStoreIssues } from './editorStoreIssues.js';
import type { ExpiryClock } from './expiryIssues.js';
import type { StoreCheckReply, StoreCheckRequest } from './storeCheckMessages.js';
import { STORE_CHECK_ROLE } from './storeCheckWorker.js';

export interface StoreCheckResult {
  /** The first findings, at most the limit asked for. */
  issues: SourceIssue[];
  /** How many findings the text has in all. */
  total: number;
}

/**
 * Checks `auth-profiles.json` buffers in one worker thread (storeCheckWorker.ts, run by the CLI
 * bundle beside the server's), started on first use, so the language server's main thread stays
 * free for requests. Where that bundle is absent (the sources run by tsx), it checks in the calling
 * thread instead.
 */
export class StoreChecker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: StoreCheckResult) => void; reject: (e: Error) => void }>();

  constructor(private readonly workerFile: string | undefined = bundledCliFile()) {}

  check(text: string, file: string, limit: number, clock: ExpiryClock): Promise<StoreCheckResult> {
    if (!this.workerFile) {
      const issues = editorStoreIssues(text, file, clock);
      return Promise.resolve({ issues: issues.slice(0, limit), total: issues.length });
    }
    const id = this.nextId++;
    const request: StoreCheckRequest = { id, text, file, limit, now: clock.now, warnMs: clock.warnMs, locale: serverLocale() };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.started().postMessage(request);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new Error('the store checker stopped'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile as string, { workerData: { role: STORE_CHECK_ROLE } });
    worker.on('message', (reply: StoreCheckReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve({ issues: reply.issues, total: reply.total });
    });
    // A worker that dies fails what it held; the next check starts a new one.
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the store checker exited (${code})`)));
    // The server may exit while a check runs; the worker must not keep it alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
