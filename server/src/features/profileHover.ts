import path from 'node:path';
import { getLocation } from 'jsonc-parser';
import { shallowJsonText } from '../openclaw/jsonDepth.js';
import type { Hover, Position } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { storeFileName } from '../openclaw/paths.js';
import type { CandidateSnapshot, StatusSnapshot } from '../protocol.js';
import { timeLeftWords } from '../openclaw/output/timeLeft.js';

/** Room for the hovered profile id to end in; a longer id is cut, and its hover shows nothing. */
const HOVER_LOOKAHEAD = 4096;

/**
 * On a profile id in an `auth-profiles.json`, what OpenClaw makes of that profile for the agent
 * whose store it is: status, masked label, expiry, whether it is used. Never the secret itself.
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
  const lines = [
    `**${profileId}**: ${candidate.status}${candidate.effective ? ' (used first)' : ''}`,
    '',
    `- agent: ${agentId}, provider: ${provider}`,
    `- credential: ${candidate.type ?? 'unknown'} \`${candidate.label}\``,
  ];
  if (candidate.expiresAt !== undefined) lines.push(`- ${timeLeftWords(candidate.expiresAt, now)} (${new Date(candidate.expiresAt).toISOString()})`);
  if (candidate.unusable) lines.push(`- ${candidate.unusable.kind} until ${new Date(candidate.unusable.until).toISOString()}`);
  lines.push(`- why: ${candidate.reason}${candidate.rank !== undefined ? ` (rank ${candidate.rank})` : ''}`);
  return { contents: { kind: 'markdown', value: lines.join('\n') } };
}

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
