import type { Words } from '../openclaw/issues.js';
import type { CredentialChange, WriteRequestOptions, WriteResult } from '../openclaw/writes.js';

/**
 * One credential write for the writer thread (writeWorker.ts). `change` may hold a pasted secret:
 * it crosses the thread boundary in this message only, and is never logged on either side.
 */
export interface CredentialWriteRequest {
  id: number;
  target: WriteRequestOptions;
  change: CredentialChange;
}

/** A `WriteRefused` as plain data: its code, reason and place survive the thread boundary. */
export interface RefusalData {
  code: string;
  message: string;
  words?: Words;
  location?: { file: string; path?: (string | number)[]; line?: number; column?: number };
}

export type CredentialWriteReply =
  | { id: number; written: WriteResult }
  | { id: number; refused: RefusalData }
  | { id: number; error: string };
