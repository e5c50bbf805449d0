import { locateJsonIssues } from '../openclaw/jsonLocate.js';
import type { SourceIssue } from '../openclaw/issues.js';
import { parseStoreText } from '../openclaw/stores/storeSource.js';
import { expiryIssues, type ExpiryClock } from './expiryIssues.js';
import { pointAtValues } from './valueRanges.js';

/**
 * What the editor shows for an `auth-profiles.json` buffer: the engine's findings, plus the
 * credentials that are expired or expiring by `clock`, each finding about a value on that value.
 * Runs in the store-check worker (storeCheckWorker.ts) and, for small callers, in-thread.
 */
export function editorStoreIssues(text: string, file: string, clock: ExpiryClock): SourceIssue[] {
  const parsed = parseStoreText(text, file);
  const expiring = parsed.store ? locateJsonIssues(text, expiryIssues(parsed.store, file, clock)) : [];
  return pointAtValues(text, [...parsed.issues, ...expiring]);
}
