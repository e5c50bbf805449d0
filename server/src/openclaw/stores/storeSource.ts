import { coerceAuthState, coerceAuthStore, detectStoreShape, mergeAuthState, type CoercedStore, type StoreShape } from './authStore.js';
import type { AuthStore } from '../credential.js';
import { readTextFile } from '../fileRead.js';
import { issue, words, type SourceIssue } from '../issues.js';
import { locateJsonIssues } from '../jsonLocate.js';
import { checkStoreContent } from './storeChecks.js';
import { authStatePath, authStorePath } from '../paths.js';
import { keepShapeAlive } from '../keepShapeAlive.js';

/**
 * One agent's credential store as read from one place. JSON files (up to OpenClaw 2026.6.1) and
 * SQLite rows (2026.6.5 on) hold the same JSON; resolution only ever sees `store`.
 */
export interface StoreSnapshot {
  kind: 'json' | 'sqlite';
  /** What to show the user: the file, or `database#row`. */
  location: string;
  /** The file to open for editing (the JSON store, or the SQLite database). */
  file: string;
  /** SQLite only: an agent's own database, or the shared store of the global database (`auth.sharedStore`). */
  sqliteStore?: 'agent-db' | 'state-db';
  exists: boolean;
  /** Undefined when nothing usable was found (missing, unreadable, not a store). */
  store?: AuthStore;
  shape?: StoreShape;
  rejected?: CoercedStore['rejected'];
  issues: SourceIssue[];
  mtimeMs?: number;
}

export interface CredentialStoreSource {
  readonly kind: StoreSnapshot['kind'];
  load(): StoreSnapshot;
}

/** `<agentDir>/auth-profiles.json`, with order overrides from `auth-state.json` merged over it. */
export class JsonFileStoreSource implements CredentialStoreSource {
  readonly kind = 'json' as const;
  /** `readsAuthState`: OpenClaw 2026.3 has no `auth-state.json`; order lives in the store only. */
  constructor(private readonly agentDir: string, private readonly readsAuthState = true) {
    keepShapeAlive(this);
  }

  load(): StoreSnapshot {
    const file = authStorePath(this.agentDir);
    const snapshot = parseStoreFile(file);
    if (snapshot.store && this.readsAuthState) {
      const state = readStateFile(authStatePath(this.agentDir), snapshot.issues);
      if (state) snapshot.store = mergeAuthState(snapshot.store, state);
    }
    return snapshot;
  }
}

/** Reads and interprets one `auth-profiles.json`; every problem becomes an issue with its location. */
export function parseStoreFile(file: string): StoreSnapshot {
  const base: StoreSnapshot = { kind: 'json', location: file, file, exists: false, issues: [] };
  const read = readTextFile(file);
  if (read.kind === 'missing') return base;
  if (read.kind === 'unreadable') return { ...base, exists: true, issues: [read.issue] };
  const result = parseStoreText(read.text, file);
  return { ...base, ...result, exists: true, mtimeMs: read.mtimeMs };
}

/** Interprets store JSON text exactly as OpenClaw loads it, plus our own findings. Never throws. */
export function parseStoreText(text: string, file: string): Pick<StoreSnapshot, 'store' | 'shape' | 'rejected' | 'issues'> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const issues = [issue('store/invalid-json', 'error', file, words('auth-profiles.json is not valid JSON: OpenClaw silently treats this agent as having no profiles.'))];
    return { issues: locateJsonIssues(text, issues) };
  }
  return interpretStoreJson(raw, text, file);
}

/** The part shared by the JSON file and the SQLite row: the JSON is already parsed. */
export function interpretStoreJson(raw: unknown, text: string | undefined, file: string): Pick<StoreSnapshot, 'store' | 'shape' | 'rejected' | 'issues'> {
  const shape = detectStoreShape(raw);
  const coerced = coerceAuthStore(raw);
  const issues: SourceIssue[] = [];
  if (!coerced) {
    if (shape === 'legacy-flat') issues.push(issue('store/legacy-flat', 'error', file, words('This is the legacy flat shape ({ "provider": { "apiKey": … } }). OpenClaw no longer reads it at run time; `openclaw doctor --fix` rewrites it as { "version": 1, "profiles": { "<provider>:default": … } }.')));
    else if (shape === 'unwrapped') issues.push(issue('store/unwrapped-profiles', 'error', file, words('Profiles are at the top level. OpenClaw only reads them inside { "version": 1, "profiles": { … } }, so it sees no profiles at all.')));
    else issues.push(issue('store/not-a-store', 'error', file, words('This file has no "profiles" object, so OpenClaw reads no profiles from it.')));
    return { shape, issues: text === undefined ? issues : locateJsonIssues(text, issues) };
  }
  for (const r of coerced.rejected) {
    const message =
      r.reason === 'invalid_type'
        ? words('Profile "{0}" has a "type" OpenClaw does not know; it is ignored. Use "api_key", "token" or "oauth".', r.profileId)
        : r.reason === 'missing_provider'
          ? words('Profile "{0}" has no "provider"; OpenClaw ignores it.', r.profileId)
          : r.reason === 'reserved_id'
            ? words('The profile id "{0}" is a name JavaScript reserves; OpenClaw loses this profile when it loads the file. Rename it to "<provider>:<name>".', r.profileId)
            : words('Profile "{0}" is not an object; OpenClaw ignores it.', r.profileId);
    issues.push(issue(`store/${r.reason.replace('_', '-')}`, 'error', file, message, ['profiles', r.profileId]));
  }
  issues.push(...checkStoreContent(raw, file, new Set(coerced.rejected.map((r) => r.profileId))));
  return { store: coerced.store, shape, rejected: coerced.rejected, issues: text === undefined ? issues : locateJsonIssues(text, issues) };
}

function readStateFile(file: string, issues: SourceIssue[]): ReturnType<typeof coerceAuthState> | undefined {
  const read = readTextFile(file, { maxBytes: 16 * 1024 * 1024, oftenMissing: true });
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'unreadable') {
    issues.push(read.issue);
    return undefined;
  }
  try {
    return coerceAuthState(JSON.parse(read.text));
  } catch {
    issues.push(issue('state/invalid-json', 'warning', file, words('auth-state.json is not valid JSON: OpenClaw ignores the order overrides in it.')));
    return undefined;
  }
}
