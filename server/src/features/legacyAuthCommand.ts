import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentContext } from '../diagnostics/documentDiagnostics.js';
import { LEGACY_AUTH_CODE } from '../diagnostics/legacyAuthDiagnostics.js';
import { authStorePath, legacyAuthFileName } from '../openclaw/paths.js';
import { rewriteLegacyAuthJson, type LegacyAuthRewriteResult } from '../openclaw/stores/legacyAuthRewrite.js';
import { t } from '../serverL10n.js';

/** The server-side command of the `store/legacy-auth-json` quick fix; `arguments[0]` is auth.json's URI. */
export const REWRITE_LEGACY_AUTH_COMMAND = 'openclawAuth.server.rewriteLegacyAuth';

/**
 * The quick fix on an open legacy auth.json: a command, not a WorkspaceEdit. An edit creating
 * auth-profiles.json would carry every secret to the client (and into its undo history), create
 * the file with the editor's default mode (0644 under the usual umask) until someone tightens it,
 * and race a gateway migrating the same file. The server writes it as OpenClaw would: under
 * OpenClaw's store lock, atomically, 0600 from the first byte. Not offered once the agent has an
 * auth-profiles.json: OpenClaw no longer reads auth.json then.
 */
export function legacyAuthFix(uri: string): { title: string; command: { title: string; command: string; arguments: unknown[] } } | undefined {
  const file = legacyFileOf(uri);
  if (!file || fs.existsSync(authStorePath(path.dirname(file)))) return undefined;
  const title = t('Move these profiles into auth-profiles.json (auth.json kept as auth.json.bak)');
  return { title, command: { title, command: REWRITE_LEGACY_AUTH_COMMAND, arguments: [uri] } };
}

/**
 * Runs the rewrite for `arguments[0]`, whatever a client sends, only on a file the resolved state
 * says OpenClaw reads as an agent's legacy auth.json. Throws `WriteRefused` when it will not write.
 */
export function runLegacyAuthCommand(args: unknown[] | undefined, ctx: DocumentContext): LegacyAuthRewriteResult | undefined {
  const uri = args?.[0];
  const file = typeof uri === 'string' ? legacyFileOf(uri) : undefined;
  const state = ctx.state;
  if (!file || !state?.issues.some((i) => i.code === LEGACY_AUTH_CODE && path.resolve(i.file) === file)) return undefined;
  return rewriteLegacyAuthJson(path.dirname(file), state.stateDir);
}

function legacyFileOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = path.resolve(fileURLToPath(uri));
    return path.basename(file) === legacyAuthFileName ? file : undefined;
  } catch {
    return undefined;
  }
}
