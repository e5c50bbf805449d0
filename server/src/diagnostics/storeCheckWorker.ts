/**
 * The store checker's worker thread: checks `auth-profiles.json` buffers off the language server's
 * main thread. A large store with thousands of findings takes seconds to check, and the server must
 * keep answering hovers and requests meanwhile (issue 13). It runs inside dist/cli.js, which holds
 * the engine already: a bundle of its own would ship the engine a third time (the VSIX has a size limit).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { setServerLocale } from '../serverLocale.js';
import { editorStoreIssues } from './editorStoreIssues.js';
import type { StoreCheckReply, StoreCheckRequest } from './storeCheckMessages.js';

/** What the server passes as workerData, so the CLI bundle knows to serve checks instead of running. */
export const STORE_CHECK_ROLE = 'openclaw-auth-store-check';

export function isStoreCheckWorker(): boolean {
  return !isMainThread && (workerData as { role?: unknown } | null)?.role === STORE_CHECK_ROLE;
}

export function serveStoreChecks(): void {
  parentPort?.on('message', (request: StoreCheckRequest) => {
    let reply: StoreCheckReply;
    try {
      setServerLocale(request.locale);
      const issues = editorStoreIssues(request.text, request.file, { now: request.now, warnMs: request.warnMs });
      // Only what will be shown crosses back: copying 20 000 findings would cost the main thread too.
      reply = { id: request.id, issues: issues.slice(0, request.limit), total: issues.length };
    } catch (error) {
      reply = { id: request.id, error: (error as Error)?.message ?? String(error) };
    }
    parentPort?.postMessage(reply);
  });
}
