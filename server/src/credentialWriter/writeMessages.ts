import type { Words } from '../openclaw/issues.js';
import type { LegacyRewrite } from '../openclaw/stores/legacyAuthRewrite.js';
import type { CredentialChange, WriteRequestOptions, WriteResult } from '../openclaw/writes.js';

/**
 * One write for the writer thread (writeWorker.ts): a credential change to a store, or a legacy
 * file's rewrite (a quick fix). A pasted secret in `change`, or the editor's text of a legacy file,
 * crosses the thread boundary in this message only, and is never logged on either side.
 */
export type WriteJob =
  | { kind: 'change'; target: WriteRequestOptions; change: CredentialChange }
  | { kind: 'legacy-rewrite'; rewrite: LegacyRewrite };

export interface CredentialWriteRequest {
  id: number;
  job: WriteJob;
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
