import path from 'node:path';
import { getLocation } from 'jsonc-parser';
import { shallowJsonText } from '../openclaw/jsonDepth.js';
import type { Hover, Position } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { storeFileName } from '../openclaw/paths.js';
import type { CandidateSnapshot, CredentialStatus, StatusSnapshot } from '../protocol.js';
import { timeLeftLanguage, timeLeftWords } from '../openclaw/output/timeLeft.js';
import { serverLocale, t } from '../serverL10n.js';

/** Room for the hovered profile id to end in; a longer id is cut, and its hover shows nothing. */
const HOVER_LOOKAHEAD = 4096;

/**
 * On a profile id in an `auth-profiles.json`, what OpenClaw makes of that profile for the agent
 * whose store it is: status, masked label, expiry, whether it is used, in the client's language.
 * Never the secret itself.
 */
export function profileHover(doc: TextDocument, file: string, position: Position, snapshot: StatusSnapshot, now = Date.now()): Hover | undefined {
  if (path.basename(file) !== storeFileName) return undefined;
  const offset = doc.offsetAt(position);
  // getLocation stops at the hovered token, so the text after it is never needed: a hover near
  // the top of a megabyte store costs no more than in a small one.
  const location = getLocation(shallowJsonText(doc.getText().slice(0, offset + HOVER_LOOKAHEAD)), offset);
  const [section, profileId] = location.path;
  if (!location.isAtPropertyKey || location.path.length !== 2 || section !== 'profiles' || typeof profileId !== 'string') return undefined;
  const found = findProfile(snapshot, path.resolve(file), profileId);
  if (!found) return undefined;
  const { agentId, provider, candidate } = found;
  const status = STATUS_WORDS[candidate.status]();
  const lines = [
    candidate.effective ? t('**{0}**: {1} (used first)', profileId, status) : t('**{0}**: {1}', profileId, status),
    '',
    t('- agent: {0}, provider: {1}', agentId, provider),
    t('- credential: {0} `{1}`', candidate.type ?? t('unknown'), candidate.label),
  ];
  if (candidate.expiresAt !== undefined) lines.push(`- ${timeLeftWords(candidate.expiresAt, now, timeLeftLanguage(serverLocale()))} (${new Date(candidate.expiresAt).toISOString()})`);
  if (candidate.unusable) {
    const until = new Date(candidate.unusable.until).toISOString();
    lines.push(candidate.unusable.kind === 'disabled' ? t('- disabled until {0}', until) : t('- in cooldown until {0}', until));
  }
  // The reason is the snapshot's code (the client's tree says it in words).
  lines.push(candidate.rank !== undefined ? t('- why: `{0}` (rank {1})', candidate.reason, candidate.rank) : t('- why: `{0}`', candidate.reason));
  return { contents: { kind: 'markdown', value: lines.join('\n') } };
}

const STATUS_WORDS: Record<CredentialStatus, () => string> = {
  ok: () => t('ok'),
  expiring: () => t('expiring'),
  expired: () => t('expired'),
  missing: () => t('missing'),
  static: () => t('static'),
};

/** The profile as seen by the agent that owns this store (main's store: main, before agents inheriting it). */
function findProfile(snapshot: StatusSnapshot, file: string, profileId: string): { agentId: string; provider: string; candidate: CandidateSnapshot } | undefined {
  const owners = snapshot.agents.filter((a) => a.store.kind === 'json' && path.resolve(a.store.file) === file);
  for (const agent of owners) {
    for (const provider of agent.providers) {
      const candidate = provider.candidates.find((c) => c.kind === 'profile' && c.id === profileId && !c.inheritedFromMain);
      if (candidate) return { agentId: agent.agentId, provider: provider.provider, candidate };
    }
  }
  return undefined;
}
