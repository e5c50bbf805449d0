import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentContext } from '../diagnostics/documentDiagnostics.js';
import { LEGACY_AUTH_CODE } from '../diagnostics/legacyAuthDiagnostics.js';
import { authStorePath, legacyAuthFileName, storeFileName } from '../openclaw/paths.js';
import type { LegacyRewrite } from '../openclaw/stores/legacyAuthRewrite.js';
import { t } from '../serverL10n.js';

/**
 * The server-side command of the "rewrite a legacy flat file" quick fixes; `arguments[0]` is the
 * file's URI: an agent's old `auth.json`, or an `auth-profiles.json` in the legacy flat shape.
 */
export const REWRITE_LEGACY_AUTH_COMMAND = 'openclawAuth.server.rewriteLegacyAuth';

type CommandFix = { title: string; command: { title: string; command: string; arguments: unknown[] } };

/**
 * The fixes are commands, not WorkspaceEdits. An edit writing the new store would carry every
 * secret to the client (and into its undo history), create the file with the editor's default mode
 * (0644 under the usual umask) until someone tightens it, could not copy the backup without
 * carrying it too, and would race a gateway migrating the same file. The server writes as OpenClaw
 * does: under its store lock, atomically, 0600 from the first byte.
 *
 * On auth.json: not offered once the agent has an auth-profiles.json (OpenClaw no longer reads
 * auth.json then).
 */
export function legacyAuthFix(uri: string): CommandFix | undefined {
  const file = fileOf(uri, legacyAuthFileName);
  if (!file || fs.existsSync(authStorePath(path.dirname(file)))) return undefined;
  return commandFix(uri, t('Move these profiles into auth-profiles.json (auth.json kept as auth.json.bak)'));
}

/** On an auth-profiles.json in the legacy flat shape: what `openclaw doctor --fix` does to it. */
export function legacyFlatStoreFix(uri: string): CommandFix | undefined {
  if (!fileOf(uri, storeFileName)) return undefined;
  return commandFix(uri, t('Rewrite as {0} like openclaw doctor --fix (a .legacy-flat backup is kept)', '{ "version": 1, "profiles": … }'));
}

function commandFix(uri: string, title: string): CommandFix {
  return { title, command: { title, command: REWRITE_LEGACY_AUTH_COMMAND, arguments: [uri] } };
}

/**
 * The rewrite `arguments[0]` asks for, whatever a client sends: an auth.json only when the resolved
 * state says OpenClaw reads it as an agent's legacy file, an auth-profiles.json only in the flat
 * shape (the writer re-checks under the lock). `openText` is the editor's copy: a file that differs
 * on disk is refused when the rewrite runs (`WriteRefused`).
 */
export function legacyRewriteFor(args: unknown[] | undefined, ctx: DocumentContext, openText: (uri: string) => string | undefined): LegacyRewrite | undefined {
  const uri = args?.[0];
  if (typeof uri !== 'string') return undefined;
  const expectedText = openText(uri);
  const seen = expectedText !== undefined ? { expectedText } : {};
  const flat = fileOf(uri, storeFileName);
  if (flat) return { shape: 'flat-store', agentDir: path.dirname(flat), ...seen };
  const legacy = fileOf(uri, legacyAuthFileName);
  const state = ctx.state;
  if (!legacy || !state?.issues.some((i) => i.code === LEGACY_AUTH_CODE && path.resolve(i.file) === legacy)) return undefined;
  return { shape: 'auth-json', agentDir: path.dirname(legacy), stateDir: state.stateDir, ...seen };
}

function fileOf(uri: string, name: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = path.resolve(fileURLToPath(uri));
    return path.basename(file) === name ? file : undefined;
  } catch {
    return undefined;
  }
}
