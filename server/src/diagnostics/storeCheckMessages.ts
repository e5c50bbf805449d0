import type { SourceIssue } from '../openclaw/issues.js';

/** One `auth-profiles.json` buffer to check in the worker (storeCheckWorker.ts). */
export interface StoreCheckRequest {
  id: number;
  text: string;
  file: string;
  /** At most this many findings come back; `total` says how many there were. */
  limit: number;
  /** The clock to judge expiry by (the status bar's warning window). */
  now: number;
  warnMs: number;
  /** The client's display language (serverL10n.ts): the worker words its findings in it. */
  locale: string;
}

export type StoreCheckReply =
  | { id: number; issues: SourceIssue[]; total: number }
  | { id: number; error: string };
