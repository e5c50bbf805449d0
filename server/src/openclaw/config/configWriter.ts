import { isDeepStrictEqual } from 'node:util';
import JSON5 from 'json5';
import { applyEdits, createScanner, modify, parseTree, SyntaxKind, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { readTextFile } from '../fileRead.js';
import { words } from '../issues.js';
import { catalogs } from '../env/providerCatalog.js';
import { isRecord } from '../stores/authStore.js';
import { replaceFileAtomically, writeTargetOf } from '../stores/atomicFile.js';
import { withStoreLock, type LockTiming } from '../stores/storeLock.js';
import { WriteRefused } from '../stores/storeWriter.js';

/** `auth.profiles.<id>` in openclaw.json: routing metadata, never a secret. */
export interface AuthProfileEntry {
  provider: string;
  mode: 'token' | 'api_key' | 'oauth';
}

/** OpenClaw's `CONFIG_MUTATION_LOCK_OPTIONS` for `openclaw.json.lock`: 80 retries, ×1.2 from 25 to 250 ms. */
const CONFIG_LOCK: LockTiming = { retries: 80, factor: 1.2, minTimeoutMs: 25, maxTimeoutMs: 250, randomize: true, staleMs: 30_000 };

/** A config change checked ahead of the store write; `commit` makes it (re-reading the file) and names what it wrote. */
export interface ConfigPlan {
  commit(): string[];
}

/**
 * Prepares what `openclaw models auth paste-token` does to openclaw.json after the store write:
 * `auth.profiles.<id> = {provider, mode}` and, when `auth.order` lists the provider, the profile
 * first in that list. Refuses up front (before any store is touched) when the file cannot be
 * updated without losing something: it does not parse, or it has comments in JSON5 syntax the
 * comment-keeping editor cannot place an edit in.
 */
export function planAuthProfileEntry(configPath: string, profileId: string, entry: AuthProfileEntry): ConfigPlan {
  editedConfigText(configPath, profileId, entry);
  return {
    commit: () =>
      withStoreLock(configPath, () => {
        const edit = editedConfigText(configPath, profileId, entry);
        if (!edit.changed) return [];
        const written: string[] = [];
        if (edit.before !== undefined) {
          // OpenClaw keeps the previous file as openclaw.json.bak beside it.
          replaceFileAtomically(`${writeTargetOf(configPath)}.bak`, edit.before);
          written.push(`${configPath}.bak`);
        }
        replaceFileAtomically(configPath, edit.after);
        written.push(configPath);
        return written;
      }, CONFIG_LOCK),
  };
}

interface ConfigEdit {
  before: string | undefined;
  after: string;
  changed: boolean;
}

function editedConfigText(configPath: string, profileId: string, entry: AuthProfileEntry): ConfigEdit {
  const read = readTextFile(configPath, { maxBytes: 16 * 1024 * 1024 });
  if (read.kind === 'unreadable') throw new WriteRefused(read.issue.code, words('{0} Nothing was written.', read.issue.words ?? read.issue.message), { file: configPath });
  const before = read.kind === 'ok' ? read.text : undefined;
  const text = before ?? '';
  let current: Record<string, unknown> = {};
  if (text.trim()) {
    let parsed: unknown;
    try {
      parsed = JSON5.parse(text);
    } catch (error) {
      const e = error as { lineNumber?: number; columnNumber?: number };
      throw new WriteRefused('config/invalid-json5', words('openclaw.json is not valid JSON5; OpenClaw refuses to change it too. Fix it first; nothing was written.'), {
        file: configPath,
        ...(e.lineNumber ? { line: e.lineNumber, column: e.columnNumber ?? 1 } : {}),
      });
    }
    if (!isRecord(parsed)) throw new WriteRefused('config/not-an-object', words('openclaw.json must hold an object; nothing was written.'), { file: configPath });
    current = parsed;
  }
  const changes = authProfileChanges(current, profileId, entry);
  if (changes.length === 0) return { before, after: text, changed: false };
  const expected = applyChanges(structuredClone(current), changes);
  const after = editText(text, changes, expected, configPath, profileId, entry);
  return { before, after, changed: true };
}

type Change = { path: string[]; value: unknown };

/** OpenClaw's `applyAuthProfileConfig`, as the list of paths it sets (`undefined` removes). */
function authProfileChanges(config: Record<string, unknown>, profileId: string, entry: AuthProfileEntry): Change[] {
  const catalog = catalogs['2026.6.1'];
  const auth = isRecord(config.auth) ? config.auth : {};
  const profiles = isRecord(auth.profiles) ? auth.profiles : {};
  const authKey = catalog.authProviderId(entry.provider);
  const changes: Change[] = [];
  const wanted = { provider: entry.provider, mode: entry.mode };
  if (!isDeepStrictEqual(profiles[profileId], wanted)) changes.push({ path: ['auth', 'profiles', profileId], value: wanted });

  const order = isRecord(auth.order) ? auth.order : undefined;
  const orderKeys = Object.keys(order ?? {}).filter((p) => catalog.authProviderId(p) === authKey);
  const others = Object.entries(profiles).filter(([id, p]) => id !== profileId && isRecord(p) && typeof p.provider === 'string' && catalog.authProviderId(p.provider) === authKey);
  let next: string[] | undefined;
  if (orderKeys.length > 0) {
    const existing = [...new Set(orderKeys.flatMap((k) => (Array.isArray(order?.[k]) ? (order[k] as unknown[]).filter((x): x is string => typeof x === 'string') : [])))];
    next = [profileId, ...existing.filter((id) => id !== profileId)];
  } else if (others.some(([, p]) => isRecord(p) && p.mode !== entry.mode)) {
    // Profiles of mixed modes for one provider: OpenClaw writes an order with the new one first.
    next = [profileId, ...others.map(([id]) => id)];
  }
  if (next) {
    for (const k of orderKeys) if (k !== authKey) changes.push({ path: ['auth', 'order', k], value: undefined });
    if (!isDeepStrictEqual(order?.[authKey], next)) changes.push({ path: ['auth', 'order', authKey], value: next });
  }
  return changes;
}

function applyChanges(config: Record<string, unknown>, changes: Change[]): Record<string, unknown> {
  for (const { path, value } of changes) {
    let node = config;
    for (const key of path.slice(0, -1)) {
      if (!isRecord(node[key])) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const last = path[path.length - 1] as string;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return config;
}

/**
 * The new text. JSONC (JSON with comments and trailing commas, the usual openclaw.json) is edited
 * in place with jsonc-parser, so comments and layout stay; the result is checked to mean exactly
 * the intended config. Other JSON5 (unquoted keys, single quotes…) without comments is rewritten as
 * JSON, as OpenClaw itself writes it. JSON5 with comments is refused rather than losing them.
 */
function editText(text: string, changes: Change[], expected: Record<string, unknown>, configPath: string, profileId: string, entry: AuthProfileEntry): string {
  if (!text.trim()) return `${JSON.stringify(expected, null, 2)}\n`;
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length === 0) {
    const formatting = formattingOf(text);
    let out = text;
    for (const { path, value } of changes) out = applyEdits(out, modify(out, path, value, { formattingOptions: formatting }));
    let reparsed: unknown;
    try {
      reparsed = JSON5.parse(out);
    } catch {
      reparsed = undefined;
    }
    if (isDeepStrictEqual(reparsed, expected)) return out;
  } else if (!hasComments(text)) {
    return `${JSON.stringify(expected, null, 2)}\n`;
  }
  throw new WriteRefused(
    'config/comments-would-be-lost',
    words('openclaw.json has comments in JSON5 syntax this tool cannot edit without losing them. Add "{0}": { provider: "{1}", mode: "{2}" } under auth.profiles by hand, then run this again; nothing was written.', profileId, entry.provider, entry.mode),
    { file: configPath },
  );
}

/** Indentation and line ends as the file already has them. */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}

/**
 * Whether a JSON5 text holds a comment. jsonc-parser's scanner knows double-quoted strings only: a
 * single-quoted string holding `//` or `/*` is counted as a comment too, which errs on the safe side.
 */
function hasComments(text: string): boolean {
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) return true;
  }
  return text.includes("'") && (text.includes('//') || text.includes('/*'));
}
