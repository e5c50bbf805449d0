/*
 * Changed by the JSON-store writer (issue 8): `WriteRefused.location` may also carry `line` and
 * `column` (1-based), so the CLI can say where an unparsable store breaks. Optional; nothing else changed.
 */
import { formatWords, type Words } from '../issues.js';

/**
 * The write side of a credential store: one interface for the JSON-file era (OpenClaw ≤ 2026.6.x,
 * `auth-profiles.json` under OpenClaw's own `.lock`) and the SQLite era (2026.6.5+, one
 * `BEGIN IMMEDIATE` transaction). The CLI (`paste-token`, `order`, `remove`) and the language
 * server's write requests go through `CredentialStoreWriter.apply` and nothing else, so both
 * surfaces write exactly what the real `openclaw models auth …` writes for the detected release.
 *
 * Nothing here ever puts a secret into an error message, a summary or a log line.
 */

/** A change to one agent's credentials, in the shapes of OpenClaw's own write commands. */
export type CredentialChange =
  /**
   * `models auth paste-token --provider P [--profile-id ID] [--expires-in D]`: a `token` profile
   * (setup-tokens, `sk-ant-oat01-…`), or an `api_key` profile when the pasted secret is an API key
   * (`sk-ant-api03-…`). `expires` is an absolute millisecond timestamp, computed by the caller.
   */
  | { kind: 'paste-token'; provider: string; profileId: string; secret: string; credentialType: 'token' | 'api_key'; expires?: number }
  /** `models auth order set --provider P IDS...`: an order override for the provider. */
  | { kind: 'order-set'; provider: string; profileIds: string[] }
  /** `models auth order clear --provider P`: drops the override. */
  | { kind: 'order-clear'; provider: string }
  /** Removes one profile, and its id from every order, `lastGood` and `usageStats`. */
  | { kind: 'remove'; profileId: string };

/** What a write changed, for the user and the tests. Never carries a secret. */
export interface WriteResult {
  /** Files (or `database#row`) written, in the order they were written. */
  written: string[];
  /** One sentence for the user, e.g. `Stored token profile anthropic:manual for agent work.` */
  summary: string;
}

/** Why a write was not made. `code` is stable (documented with the CLI); the message has no secret. */
export class WriteRefused extends Error {
  /** The reason as words (issues.ts), for the editor's language; `message` is it in English, as the CLI prints it. */
  readonly words?: Words;

  constructor(
    readonly code: string,
    message: string | Words,
    /** The file (and, when known, the JSON path and 1-based line/column) whose content stopped the write. */
    readonly location?: { file: string; path?: (string | number)[]; line?: number; column?: number },
  ) {
    super(typeof message === 'string' ? message : formatWords(message));
    if (typeof message !== 'string') this.words = message;
    this.name = 'WriteRefused';
  }
}

/** One agent's store, writable. Implementations: the JSON file writer and the SQLite writer. */
export interface CredentialStoreWriter {
  readonly kind: 'json' | 'sqlite';
  /**
   * Applies the change atomically under OpenClaw's own lock (JSON) or transaction (SQLite):
   * re-reads the current content inside the lock, changes only what the change names, keeps every
   * field it does not know, and never leaves a torn store. Throws `WriteRefused` for input it will
   * not write (a store it cannot parse is never rewritten).
   */
  apply(change: CredentialChange): WriteResult;
}
