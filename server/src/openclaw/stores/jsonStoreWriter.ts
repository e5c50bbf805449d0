import { readTextFile } from '../fileRead.js';
import { words } from '../issues.js';
import { normalizeProviderId } from '../providerIds.js';
import { dropProviderOrder, forgetProfile, isEmptyState, pastedCredential, setProviderOrder } from './storeDocEdits.js';
import { authStatePath, authStorePath } from '../paths.js';
import { isRecord } from './authStore.js';
import { replaceFileAtomically, removeFileDurably } from './atomicFile.js';
import { LockTimeout, withStoreLock, type LockTiming, OPENCLAW_AUTH_STORE_LOCK } from './storeLock.js';
import { parseStoreText } from './storeSource.js';
import { WriteRefused, type CredentialChange, type CredentialStoreWriter, type WriteResult } from './storeWriter.js';

type JsonObject = Record<string, unknown>;

export interface JsonStoreWriterOptions {
  agentId: string;
  agentDir: string;
  /**
   * Where order overrides go: `auth-state.json` (OpenClaw 2026.6.x reads them there, over the
   * store's own) or the store's `order` (2026.3.x has no auth-state.json).
   */
  orderIn: 'auth-state' | 'store';
  /** OpenClaw's lock timing unless a test needs another. */
  lockTiming?: LockTiming;
}

/**
 * Writes one agent's `auth-profiles.json` (and `auth-state.json`) the way OpenClaw ≤ 2026.6.x
 * does: under its `auth-profiles.json.lock`, re-reading inside the lock, changing only what the
 * change names in the parsed document (every field we do not know stays as it was), replacing each
 * file atomically with mode 0600. A store that does not parse as a store is never rewritten.
 */
export class JsonStoreWriter implements CredentialStoreWriter {
  readonly kind = 'json' as const;
  private readonly storeFile: string;
  private readonly stateFile: string;

  constructor(private readonly options: JsonStoreWriterOptions) {
    this.storeFile = authStorePath(options.agentDir);
    this.stateFile = authStatePath(options.agentDir);
  }

  apply(change: CredentialChange): WriteResult {
    try {
      return withStoreLock(this.storeFile, () => this.applyLocked(change), this.options.lockTiming ?? OPENCLAW_AUTH_STORE_LOCK);
    } catch (error) {
      if (error instanceof LockTimeout) throw new WriteRefused('store/locked', words('{0} Nothing was written.', error.words), { file: error.lockPath });
      throw error;
    }
  }

  private applyLocked(change: CredentialChange): WriteResult {
    const store = readStoreDocument(this.storeFile);
    const agent = this.options.agentId;
    switch (change.kind) {
      case 'paste-token': {
        (store.doc.profiles as JsonObject)[change.profileId] = pastedCredential(change);
        store.changed = true;
        return this.finish([store], `Stored ${change.credentialType === 'token' ? 'token' : 'API key'} profile ${change.profileId} for agent ${agent}.`);
      }
      case 'order-set': {
        const ids = [...new Set(change.profileIds.map((id) => id.trim()).filter(Boolean))];
        if (ids.length === 0) throw new WriteRefused('write/empty-order', words('Give at least one profile id for the order.'));
        const provider = normalizeProviderId(change.provider);
        const target = this.options.orderIn === 'store' ? store : readStateDocument(this.stateFile);
        if (target.doc.order !== undefined && !isRecord(target.doc.order)) {
          throw new WriteRefused('write/not-an-object', words('"order" is not an object; fix it first. Nothing was written.'), { file: target.file, path: ['order'] });
        }
        setProviderOrder(target.doc, provider, ids);
        target.changed = true;
        return this.finish([store, target], `Order for ${provider} (agent ${agent}): ${ids.join(', ')}.`);
      }
      case 'order-clear': {
        const provider = normalizeProviderId(change.provider);
        // 2026.6 merges the store's order under auth-state.json's: both must lose the provider.
        const docs = this.options.orderIn === 'store' ? [store] : [store, readStateDocument(this.stateFile)];
        for (const d of docs) d.changed = dropProviderOrder(d.doc, provider) || d.changed;
        return this.finish(docs, `Cleared the order override for ${provider} (agent ${agent}).`);
      }
      case 'remove': {
        const profiles = store.doc.profiles as JsonObject;
        if (!Object.hasOwn(profiles, change.profileId)) {
          throw new WriteRefused('write/unknown-profile', words('Agent {0} has no profile "{1}" in its own store.', agent, change.profileId), { file: this.storeFile, path: ['profiles'] });
        }
        delete profiles[change.profileId];
        store.changed = true;
        const docs = [store];
        if (this.options.orderIn === 'auth-state') {
          const state = readStateDocument(this.stateFile);
          if (state.existed) docs.push(state);
        }
        for (const d of docs) d.changed = forgetProfile(d.doc, change.profileId) || d.changed;
        return this.finish(docs, `Removed profile ${change.profileId} from agent ${agent}.`);
      }
    }
  }

  /** Writes every changed document, the store first (as OpenClaw saves it before auth-state.json). */
  private finish(docs: Document[], summary: string): WriteResult {
    const written: string[] = [];
    for (const d of new Set(docs)) {
      if (!d.changed) continue;
      if (d.removeWhenEmpty && isEmptyState(d.doc)) {
        if (removeFileDurably(d.file)) written.push(d.file);
      } else {
        replaceFileAtomically(d.file, `${JSON.stringify(d.doc, null, 2)}\n`);
        written.push(d.file);
      }
    }
    return { written, summary };
  }
}

interface Document {
  file: string;
  doc: JsonObject;
  existed: boolean;
  changed: boolean;
  /** auth-state.json: OpenClaw deletes it once it holds no order, lastGood or usageStats. */
  removeWhenEmpty?: boolean;
}

/** The store as OpenClaw would load it, or a refusal naming the problem and where it is. */
function readStoreDocument(file: string): Document {
  const read = readTextFile(file);
  if (read.kind === 'missing') return { file, doc: { version: 1, profiles: {} }, existed: false, changed: false };
  if (read.kind === 'unreadable') throw new WriteRefused(read.issue.code, words('{0} Nothing was written.', read.issue.words ?? read.issue.message), { file });
  const parsed = parseStoreText(read.text, file);
  if (!parsed.store) {
    const problem = parsed.issues.find((i) => i.severity === 'error') ?? parsed.issues[0];
    const code = problem?.code ?? 'store/not-a-store';
    const where = problem?.offset !== undefined ? lineAndColumn(read.text, problem.offset) : undefined;
    throw new WriteRefused(code, words('{0} Nothing was written.', problem ? problem.words ?? problem.message : words('This is not a credential store.')), {
      file,
      ...(problem?.path ? { path: problem.path } : {}),
      ...(where ?? {}),
    });
  }
  // parseStoreText accepted it, so it parses and holds a "profiles" object.
  return { file, doc: JSON.parse(read.text) as JsonObject, existed: true, changed: false };
}

function readStateDocument(file: string): Document {
  const read = readTextFile(file, { maxBytes: 16 * 1024 * 1024, oftenMissing: true });
  if (read.kind === 'missing') return { file, doc: { version: 1 }, existed: false, changed: false, removeWhenEmpty: true };
  if (read.kind === 'unreadable') throw new WriteRefused(read.issue.code, words('{0} Nothing was written.', read.issue.words ?? read.issue.message), { file });
  let doc: unknown;
  try {
    doc = JSON.parse(read.text);
  } catch {
    throw new WriteRefused('state/invalid-json', words('auth-state.json is not valid JSON; fix or delete it first. Nothing was written.'), { file });
  }
  if (!isRecord(doc)) throw new WriteRefused('state/not-an-object', words('auth-state.json does not hold an object; fix or delete it first. Nothing was written.'), { file });
  return { file, doc, existed: true, changed: false, removeWhenEmpty: true };
}

/** 1-based line and column of a character offset, for the refusal's location. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
