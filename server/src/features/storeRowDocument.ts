import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { maskStoreRow } from '../openclaw/output/maskedStoreRow.js';
import { agentSqlitePath, DEFAULT_AGENT_ID } from '../openclaw/paths.js';
import type { OpenClawState } from '../openclaw/state.js';
import { readStoreRowText, storeCellOf } from '../openclaw/stores/sqliteRowText.js';
import type { SqliteStoreLocation } from '../openclaw/stores/sqliteSource.js';
import type { StoreRowDocument, StoreRowParams } from '../protocol.js';
import { sealText } from '../revealSeal.js';

/**
 * Open in Store for a profile kept in SQLite: the JSON row it is read from, as a document the
 * editor shows read-only, with the profile's key selected. Read afresh and untouched (status never
 * writes); secrets masked with the engine's mask unless `reveal` asks, then sealed to the client.
 */
export function storeRowDocument(state: OpenClawState, params: StoreRowParams): StoreRowDocument {
  const agent = state.agents.find((a) => a.agentId === params.agentId);
  if (!agent) return { found: false, reason: 'not-found' };
  const main = state.agents.find((a) => a.agentId === DEFAULT_AGENT_ID);
  const inherited = agent.inheritedFromMain.includes(params.profileId);
  const owner = inherited ? (main ?? agent) : agent;
  const kind = owner.source.sqliteStore;
  if (owner.source.kind !== 'sqlite' || !kind) return { found: false, reason: 'not-sqlite' };
  // Main's own database lies over the shared store for main itself (state.ts), so a profile there
  // is the one in force; agents that inherit main's profiles read the shared store alone.
  const places: SqliteStoreLocation[] = kind === 'state-db' && !inherited && owner.agentId === DEFAULT_AGENT_ID
    ? [{ kind: 'agent-db', database: agentSqlitePath(owner.agentDir) }, { kind, database: owner.source.file }]
    : [{ kind, database: owner.source.file }];
  let unreadable: string | undefined;
  for (const place of places) {
    const read = readStoreRowText(place);
    if (read.kind === 'failed') unreadable ??= read.issue.message;
    if (read.kind !== 'ok' || read.value === undefined) continue;
    const row = parseRow(read.value);
    if (!holdsProfile(row, params.profileId)) continue;
    const text = `${JSON.stringify(params.reveal ? row : maskStoreRow(row), null, 2)}\n`;
    const cell = storeCellOf(place);
    const base = { found: true as const, database: place.database, row: `${cell.table}#${cell.key}`, selection: profileKeyRange(text, params.profileId) };
    return params.reveal ? { ...base, sealed: sealText(text, params.reveal.publicKey) } : { ...base, text };
  }
  return unreadable ? { found: false, reason: 'unreadable', message: unreadable } : { found: false, reason: 'not-found' };
}

function parseRow(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function holdsProfile(row: unknown, profileId: string): boolean {
  const profiles = typeof row === 'object' && row !== null ? (row as { profiles?: unknown }).profiles : undefined;
  return typeof profiles === 'object' && profiles !== null && Object.prototype.hasOwnProperty.call(profiles, profileId);
}

/** The range of `"<profileId>"`, the property name under `profiles`, in the text shown. */
function profileKeyRange(text: string, profileId: string): Range {
  const root = parseTree(text);
  const key = root ? findNodeAtLocation(root, ['profiles', profileId])?.parent?.children?.[0] : undefined;
  const doc = TextDocument.create('untitled:row', 'json', 0, text);
  const start = key?.offset ?? 0;
  return { start: doc.positionAt(start), end: doc.positionAt(start + (key?.length ?? 0)) };
}
