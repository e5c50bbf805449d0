import path from 'node:path';
import { parseTree } from 'jsonc-parser';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { expiryWords } from '../diagnostics/timeWords.js';
import { looksLikeSeconds } from '../openclaw/expiry.js';
import { shallowJsonText } from '../openclaw/jsonDepth.js';
import type { OpenClawState } from '../openclaw/state.js';
import { t } from '../serverL10n.js';

/** The client's Paste Token command (client/src/writeCommands.ts); takes `{ agentId, provider, profileId }`. */
export const PASTE_TOKEN_COMMAND = 'openclawAuth.pasteToken';

/**
 * Above each token / OAuth profile of an `auth-profiles.json` buffer that has an expiry: how long
 * it has left ("expires in 3 h", "expired 2 d ago", by `now`), and Paste Token to replace it in the
 * agent that owns this store. Never a secret: ids and times only.
 */
export function expiryLenses(doc: TextDocument, file: string, now: number, state: OpenClawState | undefined): CodeLens[] {
  const root = parseTree(shallowJsonText(doc.getText()), [], { allowTrailingComma: true });
  const profiles = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'profiles')?.children?.[1] : undefined;
  if (profiles?.type !== 'object') return [];
  const owner = state?.agents.find((a) => a.source.kind === 'json' && path.resolve(a.source.file) === path.resolve(file));
  const lenses: CodeLens[] = [];
  for (const property of profiles.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || typeof key.value !== 'string' || value?.type !== 'object') continue;
    const field = (name: string) => value.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1]?.value as unknown;
    const type = field('type') ?? field('mode');
    const expires = field('expires');
    if ((type !== 'token' && type !== 'oauth') || typeof expires !== 'number' || !Number.isFinite(expires) || expires <= 0 || looksLikeSeconds(expires)) continue;
    const range = { start: doc.positionAt(key.offset), end: doc.positionAt(key.offset + key.length) };
    const provider = typeof field('provider') === 'string' ? (field('provider') as string) : key.value.split(':')[0];
    lenses.push({ range, command: { title: expiryWords(expires, now), command: '' } });
    lenses.push({
      range,
      command: {
        title: t('Paste Token'),
        command: PASTE_TOKEN_COMMAND,
        arguments: [{ ...(owner ? { agentId: owner.agentId } : {}), ...(provider ? { provider } : {}), profileId: key.value }],
      },
    });
  }
  return lenses;
}
