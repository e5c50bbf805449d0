import path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceIssue } from '../openclaw/issues.js';
import { resolveStateDir, type PathEnv } from '../openclaw/paths.js';
import { FIRST_SQLITE_VERSION } from '../openclaw/rules/layout.js';
import { rulesOfRelease } from '../openclaw/rules/detectRules.js';
import type { DoctorFixArgs } from '../protocol.js';
import { t } from '../serverL10n.js';
import { makeDiagnostic } from './issueDiagnostic.js';

/** The engine's findings about a credential file SQLite-era OpenClaw no longer reads. */
export const STRANDED_STORE_CODES = ['store/retired-json-needs-migration', 'store/retired-json-ignored'] as const;

/** What the diagnostic needs from the resolved state: the home it belongs to and who last wrote it. */
export interface StrandedStoreContext {
  stateDir: string;
  pathEnv: PathEnv;
  lastTouchedVersion?: string;
}

/**
 * The diagnostic on a stranded `auth-profiles.json`, in the client's language: which release reads
 * what instead, what it does with this file, and that `openclaw doctor --fix` imports it (the quick
 * fix runs it, with the arguments in `data.doctor`). Placed on the `profiles` key, the part that no
 * longer counts, else on the first line.
 */
export function strandedStoreDiagnostic(doc: TextDocument, issue: SourceIssue, ctx: StrandedStoreContext): Diagnostic {
  const release = ctx.lastTouchedVersion && rulesOfRelease(ctx.lastTouchedVersion) === '2026.9' ? ctx.lastTouchedVersion : `${FIRST_SQLITE_VERSION}+`;
  const name = path.basename(issue.file);
  const refused = issue.code === 'store/retired-json-needs-migration';
  const message = refused
    ? t('OpenClaw {0} keeps credentials in SQLite and no longer reads this {1}. This agent has none there, so OpenClaw refuses its credentials (AUTH_PROFILE_MIGRATION_REQUIRED: `openclaw models status` and the gateway stop) until you run `openclaw doctor --fix`, which imports this file.', release, name)
    : t('OpenClaw {0} keeps credentials in SQLite and ignores this {1}: this agent\'s SQLite store already has profiles, so nothing here is used. `openclaw doctor --fix` imports the profiles the store lacks (it keeps the stored ones) and archives this file.', release, name);
  const { start, end } = anchor(doc);
  const diagnostic = makeDiagnostic(doc, issue.code, refused ? 'error' : 'warning', message, start, end);
  diagnostic.data = { doctor: doctorFixArgs(ctx.stateDir, ctx.pathEnv, issue.file) };
  return diagnostic;
}

/** The `profiles` key when there is one, else the first line's text (a flat or broken file). */
function anchor(doc: TextDocument): { start: number; end: number } {
  const text = doc.getText();
  const root = parseTree(text);
  const key = root ? findNodeAtLocation(root, ['profiles'])?.parent?.children?.[0] : undefined;
  if (key) return { start: key.offset, end: key.offset + key.length };
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  const lead = firstLine.length - firstLine.trimStart().length;
  return { start: lead, end: firstLine.trimEnd().length };
}

/**
 * Where and how `doctor --fix` must run to repair this home: in its parent folder, with
 * `OPENCLAW_STATE_DIR` naming it unless it is where OpenClaw looks by default (then removed, so a
 * variable inherited from the editor cannot send OpenClaw elsewhere).
 */
export function doctorFixArgs(stateDir: string, env: PathEnv, file: string): DoctorFixArgs {
  const resolved = path.resolve(stateDir);
  const byDefault = resolveStateDir({ ...env, OPENCLAW_STATE_DIR: undefined });
  return { stateDir: resolved, env: { OPENCLAW_STATE_DIR: byDefault === resolved ? null : resolved }, file };
}
