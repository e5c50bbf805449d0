import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isBlockedWorkspaceDotenvKey } from '../openclaw/env/envFiles.js';
import type { ProviderCatalog } from '../openclaw/env/providerCatalog.js';
import { suggestEnvKey } from './envKeySpelling.js';
import type { GatewayBlindKey } from '../openclaw/resolve/gatewayBlindKeys.js';
import { scanEnvText } from './envLines.js';
import { findCutValue } from './envValueCut.js';
import { makeDiagnostic } from './issueDiagnostic.js';
import { t } from '../serverL10n.js';

/** Which env file the document is, as the gateway sees it. */
export type EnvFileRole = 'state' | 'gateway' | 'workspace' | 'other';

export interface EnvDiagnosticsContext {
  role: EnvFileRole;
  catalog: ProviderCatalog;
  /** The state `.env` as the user knows it (`~/.openclaw/.env`), named in the advice. */
  stateEnvDisplay: string;
  /** For the state `.env`: provider keys only the editor's environment has (openclaw/resolve/gatewayBlindKeys.ts). */
  gatewayBlind?: readonly GatewayBlindKey[];
}

/** OpenClaw keeps only portable variable names from env files. */
const PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Diagnostics for an env file buffer. Messages name variables and line numbers, never values:
 * a line dotenv skips may well be a pasted secret.
 */
export function diagnoseEnvFile(doc: TextDocument, ctx: EnvDiagnosticsContext): Diagnostic[] {
  const text = doc.getText();
  const { assignments, ignoredLines } = scanEnvText(text);
  const out: Diagnostic[] = [];
  for (const line of ignoredLines) {
    out.push(makeDiagnostic(doc, 'env/ignored-line', 'warning', t('This line is not KEY=value; dotenv, and so OpenClaw, skips it.'), line.start, line.end));
  }
  const lastIndexOf = new Map(assignments.map((a, i) => [a.key, i]));
  assignments.forEach((a, index) => {
    if (!PORTABLE_KEY.test(a.key)) {
      // The name is not repeated: a secret pasted before an `=` reads as a name with dashes.
      out.push(makeDiagnostic(doc, 'env/non-portable-key', 'warning', t('OpenClaw ignores this variable: names must be letters, digits and underscores, not starting with a digit.'), a.keyStart, a.keyEnd));
      return;
    }
    const last = lastIndexOf.get(a.key) ?? index;
    if (last !== index) {
      const line = doc.positionAt(assignments[last]!.keyStart).line + 1;
      out.push(makeDiagnostic(doc, 'env/duplicate-key', 'warning', t('{0} is set again on line {1}; only that later value counts.', a.key, line), a.keyStart, a.keyEnd));
    }
    const meant = ctx.role === 'workspace' ? undefined : suggestEnvKey(a.key, ctx.catalog.allEnvVariables());
    if (meant) {
      out.push(makeDiagnostic(doc, 'env/misspelled-key', 'warning', t('No provider reads {0}; did you mean {1}?', a.key, meant), a.keyStart, a.keyEnd, { replacement: meant }));
    }
    const cut = findCutValue(text, a.keyEnd);
    if (cut) {
      out.push(makeDiagnostic(doc, 'env/value-cut-at-hash', 'warning', t('dotenv ends the value of {0} at its "#": OpenClaw reads only what comes before. Quote the value.', a.key), cut.start, cut.end));
    }
    if (ctx.role === 'workspace' && isBlockedWorkspaceDotenvKey(a.key, ctx.catalog)) {
      out.push(makeDiagnostic(doc, 'env/workspace-key-ignored', 'warning', t('OpenClaw ignores {0} in a working folder\'s .env (a repository may not supply credentials). Put it in {1}.', a.key, ctx.stateEnvDisplay), a.keyStart, a.keyEnd));
    }
  });
  // Judged against the buffer: once the name is written here (even with no value yet), the file supplies it.
  const written = new Set(assignments.map((a) => a.key));
  for (const blind of ctx.role === 'state' ? ctx.gatewayBlind ?? [] : []) {
    if (written.has(blind.variable)) continue;
    out.push(makeDiagnostic(doc, 'env/gateway-will-not-see', 'warning', t('{0} reaches {1} only from this editor\'s environment: the gateway service will not see it (it reads this file, gateway.env and the env block of openclaw.json). Add it here.', blind.variable, blind.providers.join(', ')), 0, 0, { replacement: blind.variable }));
  }
  return out;
}
