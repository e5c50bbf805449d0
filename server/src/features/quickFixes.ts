import { findNodeAtLocation, getLocation, modify, parseTree, type Edit, type JSONPath, type Node } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { scanEnvText } from '../diagnostics/envLines.js';
import { TIGHTEN_FILE_MODE_COMMAND } from '../diagnostics/fileMode.js';
import { DIAGNOSTIC_SOURCE, type DiagnosticFix } from '../diagnostics/issueDiagnostic.js';
import { isDoctorFixArgs, RUN_DOCTOR_FIX_COMMAND } from '../protocol.js';
import { t } from '../serverL10n.js';
import { appendEnvNameEdit } from './envNameAppend.js';
import { legacyAuthFix, legacyFlatStoreFix } from './legacyAuthCommand.js';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/**
 * One-click fixes for our diagnostics (the `quickfix` code actions). Each works on the document's
 * current text, re-checks that the diagnostic still describes it, and edits as little as it can:
 * no edit ever carries a secret (keys are renamed in place, values left where they are).
 */
export function quickFixes(doc: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    // The client sends the diagnostics back: a code such as "toString" must not reach Object.prototype.
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string' || !Object.hasOwn(FIXES, diagnostic.code)) continue;
    const fix = FIXES[diagnostic.code]!(doc, diagnostic);
    if (!fix) continue;
    out.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      ...(fix.edits ? { edit: { changes: { [doc.uri]: fix.edits } } } : {}),
      ...(fix.command ? { command: fix.command } : {}),
    });
  }
  return out;
}

interface Fix {
  title: string;
  edits?: TextEdit[];
  command?: { title: string; command: string; arguments: unknown[] };
}

type FixMaker = (doc: TextDocument, diagnostic: Diagnostic) => Fix | undefined;

const FIXES: Record<string, FixMaker> = {
  'profile/expires-in-seconds': (doc, d) => {
    const raw = doc.getText(d.range);
    if (!/^\d+(\.\d+)?$/.test(raw)) return undefined;
    return { title: t('Convert "expires" to milliseconds'), edits: [{ range: d.range, newText: String(Math.round(Number(raw) * 1000)) }] };
  },
  'store/order-unknown-profile': (doc, d) => {
    const path = pathAt(doc, d);
    if (path?.[0] !== 'order' || typeof path[2] !== 'number') return undefined;
    const root = parseTree(doc.getText());
    const list = root ? findNodeAtLocation(root, path.slice(0, 2)) : undefined;
    const removal = list?.type === 'array' ? childRemoval(list.children ?? [], path[2]) : undefined;
    return removal ? { title: t('Remove this id from the order'), edits: [rangeDeletion(doc, removal)] } : undefined;
  },
  'profile/id-provider-mismatch': (doc, d) => {
    const path = pathAt(doc, d);
    const id = path?.[1];
    if (path?.[0] !== 'profiles' || typeof id !== 'string' || path[2] !== 'provider' || !id.includes(':')) return undefined;
    const provider = id.slice(0, id.indexOf(':'));
    return { title: t('Set "provider" to "{0}", as the id says', provider), edits: jsonEdits(doc, modify(doc.getText(), path, provider, FORMAT)) };
  },
  'profile/setup-token-as-api-key': (doc, d) => retype(doc, d, 'key', 'token', 'token', t('Store it as a token profile')),
  'profile/oauth-access-token-field': (doc, d) => retype(doc, d, 'accessToken', 'token', 'token', t('Store it as a token profile'), ['refresh']),
  'profile/api-key-as-token': (doc, d) => retype(doc, d, 'token', 'key', 'api_key', t('Store it as an API key profile')),
  'store/unwrapped-profiles': (doc) => {
    const root = parseTree(doc.getText());
    if (root?.type !== 'object') return undefined;
    const start = doc.positionAt(root.offset);
    const end = doc.positionAt(root.offset + root.length);
    return {
      title: t('Wrap the profiles in { "version": 1, "profiles": … }'),
      edits: [{ range: { start, end: start }, newText: '{ "version": 1, "profiles": ' }, { range: { start: end, end }, newText: ' }' }],
    };
  },
  'store/legacy-auth-json': (doc) => legacyAuthFix(doc.uri),
  'store/legacy-flat': (doc) => legacyFlatStoreFix(doc.uri),
  'store/duplicate-key': (doc, d) => {
    // The earlier of the two properties, found by where its name starts.
    const start = doc.offsetAt(d.range.start);
    const root = parseTree(doc.getText());
    const profiles = root ? findNodeAtLocation(root, ['profiles']) : undefined;
    for (const object of [root, profiles]) {
      const properties = object?.type === 'object' ? object.children ?? [] : [];
      const index = properties.findIndex((p) => p.children?.[0]?.offset === start);
      const removal = childRemoval(properties, index);
      const name = properties[index]?.children?.[0]?.value;
      if (removal && typeof name === 'string') return { title: t('Remove this earlier "{0}"', name), edits: [rangeDeletion(doc, removal)] };
    }
    return undefined;
  },
  'env/misspelled-key': (doc, d) => {
    const replacement = (d.data as DiagnosticFix | undefined)?.replacement;
    if (!replacement || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(replacement)) return undefined;
    return { title: t('Rename to {0}', replacement), edits: [{ range: d.range, newText: replacement }] };
  },
  'env/gateway-will-not-see': (doc, d) => {
    const name = (d.data as DiagnosticFix | undefined)?.replacement;
    const append = name ? appendEnvNameEdit(doc, name) : undefined;
    return name && append ? { title: t('Add {0}= to this file', name), edits: [append.edit] } : undefined;
  },
  'env/duplicate-key': (doc, d) => {
    const text = doc.getText();
    const keyStart = doc.offsetAt(d.range.start);
    const assignment = scanEnvText(text).assignments.find((a) => a.keyStart === keyStart);
    if (!assignment) return undefined;
    const from = text.lastIndexOf('\n', assignment.start - 1) + 1;
    const nl = text.indexOf('\n', assignment.end);
    const to = nl < 0 ? text.length : nl + 1;
    return { title: t('Remove this earlier {0} line', assignment.key), edits: [{ range: { start: doc.positionAt(from), end: doc.positionAt(to) }, newText: '' }] };
  },
  'env/value-cut-at-hash': (doc, d) => {
    const value = doc.getText(d.range);
    // Single quotes keep every character as it is; double quotes only when the value has a single quote and nothing dotenv would expand.
    const quote = !value.includes("'") ? "'" : !/["\\]/.test(value) ? '"' : undefined;
    if (!quote) return undefined;
    return {
      title: t('Quote the value'),
      edits: [{ range: { start: d.range.start, end: d.range.start }, newText: quote }, { range: { start: d.range.end, end: d.range.end }, newText: quote }],
    };
  },
  'store/retired-json-needs-migration': (_doc, d) => doctorFix(d),
  'store/retired-json-ignored': (_doc, d) => doctorFix(d),
  'file/readable-by-others': (doc) => ({
    title: t('Make the file readable by you only (chmod 600)'),
    command: { title: 'chmod 600', command: TIGHTEN_FILE_MODE_COMMAND, arguments: [doc.uri] },
  }),
};

/** A stranded auth-profiles.json: the client runs `openclaw doctor --fix` in a terminal for the home the diagnostic names. */
function doctorFix(d: Diagnostic): Fix | undefined {
  const args = (d.data as { doctor?: unknown } | undefined)?.doctor;
  if (!isDoctorFixArgs(args)) return undefined;
  const title = t('Run openclaw doctor --fix in a terminal');
  return { title, command: { title, command: RUN_DOCTOR_FIX_COMMAND, arguments: [args] } };
}

/**
 * A secret stored under the wrong kind: the field is renamed and `type` set, in place (the secret
 * never travels in the edit). `drop` lists fields the new kind has no use for.
 */
function retype(doc: TextDocument, d: Diagnostic, from: string, to: string, type: string, title: string, drop: string[] = []): Fix | undefined {
  const path = pathAt(doc, d);
  const id = path?.[1];
  if (path?.[0] !== 'profiles' || typeof id !== 'string' || path[2] !== from) return undefined;
  const text = doc.getText();
  const root = parseTree(text);
  const profile = root ? findNodeAtLocation(root, ['profiles', id]) : undefined;
  const keyName = findNodeAtLocation(profile ?? { type: 'null', offset: 0, length: 0 }, [from])?.parent?.children?.[0];
  if (!profile || !keyName || findNodeAtLocation(profile, [to])) return undefined;
  const edits: TextEdit[] = [{ range: { start: doc.positionAt(keyName.offset), end: doc.positionAt(keyName.offset + keyName.length) }, newText: JSON.stringify(to) }];
  edits.push(...jsonEdits(doc, modify(text, ['profiles', id, 'type'], type, FORMAT)));
  for (const field of drop) {
    const properties = profile.children ?? [];
    const removal = childRemoval(properties, properties.findIndex((p) => p.children?.[0]?.value === field));
    if (removal) edits.push(rangeDeletion(doc, removal));
  }
  return { title, edits };
}

/**
 * The text to delete to remove one property of an object or element of an array, its separating
 * comma included. Not jsonc-parser's `modify`: its removal may re-print neighbours or the whole
 * document, secrets and all.
 */
function childRemoval(children: Node[], index: number): { start: number; end: number } | undefined {
  const child = children[index];
  if (!child) return undefined;
  const before = children[index - 1];
  if (before) return { start: before.offset + before.length, end: child.offset + child.length };
  const after = children[index + 1];
  return { start: child.offset, end: after ? after.offset : child.offset + child.length };
}

function rangeDeletion(doc: TextDocument, removal: { start: number; end: number }): TextEdit {
  return { range: { start: doc.positionAt(removal.start), end: doc.positionAt(removal.end) }, newText: '' };
}

/** The JSON path of the value the diagnostic starts on, in the current text. */
function pathAt(doc: TextDocument, d: Diagnostic): JSONPath | undefined {
  const offset = doc.offsetAt(d.range.start);
  const location = getLocation(doc.getText(), offset + 1);
  return location.isAtPropertyKey ? undefined : location.path;
}

function jsonEdits(doc: TextDocument, edits: Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content }));
}
