import path from 'node:path';
import type { Hover, Position } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentKind } from '../diagnostics/documentDiagnostics.js';
import { scanEnvText } from '../diagnostics/envLines.js';
import type { ProviderCatalog } from '../openclaw/env/providerCatalog.js';
import type { CandidateSnapshot, EnvOrigin, StatusSnapshot } from '../protocol.js';
import { t } from '../serverL10n.js';

/**
 * On a variable name in an env file OpenClaw reads: which providers read it, whether it is the
 * credential OpenClaw uses for them (for the agent shown), and what comes before this line when
 * it does not count. Names and places only, never the value.
 */
export function envHover(doc: TextDocument, file: string, position: Position, kind: DocumentKind | undefined, snapshot: StatusSnapshot, catalog: ProviderCatalog): Hover | undefined {
  if (kind?.kind !== 'env') return undefined;
  const offset = doc.offsetAt(position);
  const assignment = scanEnvText(doc.getText()).assignments.find((a) => offset >= a.keyStart && offset <= a.keyEnd);
  if (!assignment) return undefined;
  const key = assignment.key;
  const providers = catalog.envLookupProviders().filter((p) => catalog.envCandidates(p).includes(key));
  if (providers.length === 0) return undefined;
  const lines = [t('**{0}**: OpenClaw reads it for {1}.', key, providers.join(', ')), ''];
  const agent = snapshot.agents.find((a) => a.agentId === snapshot.selectedAgentId);
  const found = (agent?.providers ?? []).flatMap((p) => p.candidates.filter((c) => c.kind === 'env' && c.id === key).map((c) => ({ provider: p.provider, candidate: c })));
  if (found.length === 0) lines.push(t('- Agent "{0}" has no credential from it.', snapshot.selectedAgentId));
  for (const { provider, candidate } of found) lines.push(`- ${provider}: ${useWords(candidate)}`);
  const first = found[0]?.candidate;
  if (first) {
    const fromHere = first.file !== undefined && path.resolve(first.file) === path.resolve(file);
    if (fromHere) {
      lines.push(t('- The value is taken from this line.'));
      for (const s of first.shadowed ?? []) lines.push(t('- It hides the value in {0}.', originWords(s.origin, s.file)));
    } else if (first.envOrigin) {
      lines.push(t('- Not this line: OpenClaw takes the value from {0}, which comes first (a variable already set is never replaced).', originWords(first.envOrigin, first.file)));
    }
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') } };
}

function useWords(c: CandidateSnapshot): string {
  switch (c.reason) {
    case 'env-used': return t('used: there is no profile for this provider.');
    case 'env-used-profiles-unusable': return t('used: no profile of this provider is usable.');
    case 'env-fallback': return t('fallback: profiles come first.');
    default: return c.effective ? t('used.') : t('not used.');
  }
}

function originWords(origin: EnvOrigin, file: string | undefined): string {
  switch (origin) {
    case 'process': return t('the process environment');
    case 'login-shell': return t('your login shell');
    case 'config-env': return t('the env block of openclaw.json');
    default: return file ? `\`${file}\`` : origin;
  }
}
