import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveEnvFiles } from '../openclaw/env/envFiles.js';
import { shortenHomePath, storeFileName } from '../openclaw/paths.js';
import { DEFAULT_WARN_MS } from '../openclaw/expiry.js';
import { statusRules } from '../openclaw/rules/rules.js';
import type { OpenClawState } from '../openclaw/state.js';
import { diagnoseConfig } from './configDiagnostics.js';
import { diagnoseEnvFile, type EnvFileRole } from './envDiagnostics.js';
import { diagnoseLegacyAuth } from './legacyAuthDiagnostics.js';
import { gatewayBlindKeys } from '../openclaw/resolve/gatewayBlindKeys.js';
import { diagnoseAuthStore } from './storeDiagnostics.js';

/** What an open file is to OpenClaw; `undefined` when OpenClaw never reads it. */
export type DocumentKind = { kind: 'auth-store' } | { kind: 'config' } | { kind: 'env'; role: EnvFileRole };

export interface DocumentContext {
  /** The last resolved state: which files are the config and env files, and file-level findings. */
  state?: OpenClawState;
  /** Absolute paths of the workspace folders (a `.env` at their root is a working folder's `.env`). */
  workspaceFolders: readonly string[];
}

/** Recognises the files OpenClaw reads by their path, wherever the state dir is. */
export function classifyDocument(file: string, ctx: DocumentContext): DocumentKind | undefined {
  const resolved = path.resolve(file);
  const name = path.basename(resolved);
  if (name === storeFileName) return { kind: 'auth-store' };
  if (name === 'openclaw.json' || (ctx.state && resolved === path.resolve(ctx.state.configPath))) return { kind: 'config' };
  const envFiles = ctx.state ? resolveEnvFiles(ctx.state.pathEnv) : undefined;
  const isFile = (candidate: string | undefined) => candidate !== undefined && resolved === path.resolve(candidate);
  if (isFile(envFiles?.envFile) || isFile(envFiles?.configDirEnvFile)) return { kind: 'env', role: 'state' };
  if (name === 'gateway.env' || isFile(envFiles?.gatewayEnvFile)) return { kind: 'env', role: 'gateway' };
  if (name === '.env' && ctx.workspaceFolders.some((w) => path.resolve(w) === path.dirname(resolved))) return { kind: 'env', role: 'workspace' };
  return undefined;
}

/** Expiry is judged by the clock of the check and the status bar's warning window. */
export function expiryClock(ctx: DocumentContext): { now: number; warnMs: number } {
  return { now: Date.now(), warnMs: ctx.state?.warnMs ?? DEFAULT_WARN_MS };
}

/** Diagnostics for one open document (its unsaved text), or none for files OpenClaw does not read. */
export function diagnoseDocument(doc: TextDocument, file: string, ctx: DocumentContext): Diagnostic[] {
  const kind = classifyDocument(file, ctx);
  // An agent's old auth.json is no document kind of its own: only the state knows OpenClaw reads it.
  if (!kind) return diagnoseLegacyAuth(doc, path.resolve(file), ctx.state?.issues ?? []);
  switch (kind.kind) {
    case 'auth-store':
      return diagnoseAuthStore(doc, path.resolve(file), ctx.state, expiryClock(ctx));
    case 'config':
      return diagnoseConfig(doc, file, ctx.state);
    case 'env':
      return diagnoseEnvFile(doc, {
        role: kind.role,
        catalog: ctx.state?.rules.catalog ?? statusRules(undefined).catalog,
        stateEnvDisplay: ctx.state ? shortenHomePath(ctx.state.envFile, ctx.state.pathEnv) : '~/.openclaw/.env',
        ...(ctx.state && kind.role === 'state' ? { gatewayBlind: gatewayBlindKeys(ctx.state) } : {}),
      });
  }
}
