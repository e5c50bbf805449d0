import { getLocation, parse, type JSONPath, type Location } from 'jsonc-parser';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentKind } from '../diagnostics/documentDiagnostics.js';
import type { ProviderCatalog } from '../openclaw/env/providerCatalog.js';
import { shallowJsonText } from '../openclaw/jsonDepth.js';
import { isRecord } from '../openclaw/stores/authStore.js';
import { apiKeyCredentialSchema, oauthCredentialSchema, tokenCredentialSchema } from '../openclaw/stores/storeSchema.js';
import { t } from '../serverL10n.js';

/** What completions draw on besides the document: the resolved state's catalogue, profiles and config. */
export interface CompletionSources {
  catalog: ProviderCatalog;
  /** Every profile id of the resolved stores, with its provider (for `auth.order` in openclaw.json). */
  profiles: { id: string; provider: string }[];
  /** The parsed openclaw.json, for the models it declares. */
  config?: Record<string, unknown>;
}

const FIELDS: Record<string, string[]> = {
  api_key: Object.keys(apiKeyCredentialSchema.shape),
  token: Object.keys(tokenCredentialSchema.shape),
  oauth: Object.keys(oauthCredentialSchema.shape),
};

/** Completions at `position` in a store, openclaw.json or an env file; none elsewhere. */
export function completionsAt(doc: TextDocument, position: Position, kind: DocumentKind | undefined, sources: CompletionSources): CompletionItem[] {
  if (!kind) return [];
  const offset = doc.offsetAt(position);
  if (kind.kind === 'env') return envNameCompletions(doc, offset, sources.catalog);
  const text = doc.getText();
  const location = getLocation(text, offset);
  return kind.kind === 'auth-store' ? storeCompletions(doc, text, offset, location, sources) : configCompletions(doc, offset, location, sources);
}

function storeCompletions(doc: TextDocument, text: string, offset: number, location: Location, sources: CompletionSources): CompletionItem[] {
  const p = location.path;
  if (p[0] === 'profiles' && typeof p[1] === 'string' && p.length === 3) {
    const profile = profileObjectAt(text, p[1]);
    if (location.isAtPropertyKey) {
      const type = typeof profile?.type === 'string' ? profile.type : undefined;
      // A typed type may be any string, "constructor" too: only our own three count.
      const fields = type && Object.hasOwn(FIELDS, type) ? FIELDS[type]! : [...new Set(Object.values(FIELDS).flat())];
      return fields.filter((f) => !profile || !(f in profile) || f === p[2]).map((f) => item(doc, offset, location, f, CompletionItemKind.Field, true));
    }
    if (p[2] === 'type') return Object.keys(FIELDS).map((t) => item(doc, offset, location, t, CompletionItemKind.EnumMember));
    if (p[2] === 'provider') return providerIds(sources.catalog).map((id) => item(doc, offset, location, id, CompletionItemKind.Value));
  }
  if (p[0] === 'order' && typeof p[1] === 'string' && typeof p[2] === 'number' && !location.isAtPropertyKey) {
    const provider = p[1];
    const profiles = profileIdsIn(text);
    const own = profiles.filter((id) => id.startsWith(`${provider}:`));
    return (own.length > 0 ? own : profiles).map((id) => item(doc, offset, location, id, CompletionItemKind.Reference));
  }
  return [];
}

function configCompletions(doc: TextDocument, offset: number, location: Location, sources: CompletionSources): CompletionItem[] {
  const p = location.path;
  if (location.isAtPropertyKey) return [];
  if (p[0] === 'auth' && p[1] === 'order' && typeof p[2] === 'string' && typeof p[3] === 'number') {
    const provider = p[2];
    const ids = [...new Set(sources.profiles.filter((x) => x.provider === provider || x.id.startsWith(`${provider}:`)).map((x) => x.id))];
    return ids.map((id) => item(doc, offset, location, id, CompletionItemKind.Reference));
  }
  if (isModelRefPath(p)) return modelRefs(sources).map((ref) => item(doc, offset, location, ref, CompletionItemKind.Value));
  return [];
}

/** `…model` (a string), `…model.primary`, `…model.fallbacks[n]`, `…imageModel.…` in openclaw.json. */
function isModelRefPath(p: JSONPath): boolean {
  const last = p.at(-1);
  const parent = p.at(-2);
  if (last === 'model' || last === 'imageModel') return true;
  if (last === 'primary' && (parent === 'model' || parent === 'imageModel')) return true;
  return typeof last === 'number' && parent === 'fallbacks' && (p.at(-3) === 'model' || p.at(-3) === 'imageModel');
}

/** `provider/model` for every model the config declares and every model OpenClaw's catalogue starts with. */
function modelRefs(sources: CompletionSources): string[] {
  const refs = new Set<string>();
  const providers = isRecord(sources.config?.models) && isRecord(sources.config.models.providers) ? sources.config.models.providers : {};
  for (const [provider, entry] of Object.entries(providers)) {
    const models = isRecord(entry) && Array.isArray(entry.models) ? entry.models : [];
    for (const m of models) if (isRecord(m) && typeof m.id === 'string') refs.add(`${provider}/${m.id}`);
  }
  for (const [provider, models] of Object.entries(sources.catalog.data.startupModels ?? {})) for (const m of models) refs.add(`${provider}/${m}`);
  return [...refs].sort();
}

/** OpenClaw's provider ids: those with env keys, their aliases, and the CLI-backed ones. */
function providerIds(catalog: ProviderCatalog): string[] {
  return [...new Set([...catalog.envLookupProviders(), ...Object.keys(catalog.data.authAliases), ...catalog.data.cliProviders])].sort();
}

/** Env names OpenClaw reads, at the start of a line that has no `=` yet. */
function envNameCompletions(doc: TextDocument, offset: number, catalog: ProviderCatalog): CompletionItem[] {
  const text = doc.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const typed = /^[ \t]*(?:export[ \t]+)?([A-Za-z0-9_]*)$/.exec(text.slice(lineStart, offset));
  if (!typed) return [];
  const start = doc.positionAt(offset - (typed[1]?.length ?? 0));
  const end = doc.positionAt(offset);
  return [...catalog.allEnvVariables()].sort().map((name) => ({
    label: name,
    kind: CompletionItemKind.Variable,
    detail: t('read by OpenClaw'),
    textEdit: { range: { start, end }, newText: `${name}=` },
  }));
}

/**
 * An item replacing the string (or property name) being typed, quotes included, or inserting a quoted
 * one where nothing is typed yet. `key`: a property name, followed by `: `.
 */
function item(doc: TextDocument, offset: number, location: Location, value: string, kind: CompletionItemKind, key = false): CompletionItem {
  const node = location.previousNode;
  const replacing = node && (node.type === 'string' || node.type === 'property') && offset >= node.offset && offset <= node.offset + node.length;
  const range = replacing
    ? { start: doc.positionAt(node.offset), end: doc.positionAt(node.offset + node.length) }
    : { start: doc.positionAt(offset), end: doc.positionAt(offset) };
  const newText = key && !replacing ? `${JSON.stringify(value)}: ` : JSON.stringify(value);
  return { label: value, kind, textEdit: { range, newText }, filterText: JSON.stringify(value) };
}

function profileObjectAt(text: string, id: string): Record<string, unknown> | undefined {
  const root = parseLoosely(text);
  const profiles = isRecord(root) && isRecord(root.profiles) ? root.profiles : undefined;
  const profile = profiles?.[id];
  return isRecord(profile) ? profile : undefined;
}

function profileIdsIn(text: string): string[] {
  const root = parseLoosely(text);
  return isRecord(root) && isRecord(root.profiles) ? Object.keys(root.profiles) : [];
}

/** The buffer as jsonc-parser reads it while being typed (errors tolerated). */
function parseLoosely(text: string): unknown {
  return parse(shallowJsonText(text), [], { allowTrailingComma: true });
}
