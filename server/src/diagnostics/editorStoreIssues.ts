import type { SourceIssue } from '../openclaw/issues.js';
import { interpretStoreJson, parseStoreText } from '../openclaw/stores/storeSource.js';
import { expiryIssues, type ExpiryClock } from './expiryIssues.js';
import { locateForEditor } from './valueRanges.js';

/**
 * What the editor shows for an `auth-profiles.json` buffer: the engine's findings, plus the
 * credentials that are expired or expiring by `clock`, each finding about a value on that value.
 * Runs in the store-check worker (storeCheckWorker.ts) and, for small callers, in-thread.
 */
export function editorStoreIssues(text: string, file: string, clock: ExpiryClock): SourceIssue[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Not JSON: the engine points at the syntax error.
    return parseStoreText(text, file).issues;
  }
  // The engine's findings unlocated (no text given), then all of them located in one pass.
  const interpreted = interpretStoreJson(raw, undefined, file);
  const expiring = interpreted.store ? expiryIssues(interpreted.store, file, clock) : [];
  return locateForEditor(text, [...interpreted.issues, ...expiring], file);
}
