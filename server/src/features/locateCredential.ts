import { pathToFileURL } from 'node:url';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { shallowJsonText } from '../openclaw/jsonDepth.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readTextFile } from '../openclaw/fileRead.js';
import { DEFAULT_AGENT_ID } from '../openclaw/paths.js';
import type { OpenClawState } from '../openclaw/state.js';
import type { CredentialLocation, CredentialRef } from '../protocol.js';
import { findEnvAssignment } from '../diagnostics/envLines.js';

/**
 * Where a credential is written on disk now, so the client can open the file there: the profile's
 * property in `auth-profiles.json`, the variable's line in an env file, the `apiKey` in openclaw.json.
 * Credentials in SQLite or in the process environment have no place to open.
 */
export function locateCredential(state: OpenClawState, ref: CredentialRef): CredentialLocation {
  switch (ref.kind) {
    case 'profile':
      return locateProfile(state, ref.agentId, ref.profileId);
    case 'env':
      return ref.file ? locateEnvVariable(ref.file, ref.variable) : { found: false, reason: 'process-env' };
    case 'config-key':
      return locateConfigKey(state.configPath, ref.provider);
  }
}

/**
 * `models.providers.<p>.apiKey` in openclaw.json. The file is JSON5: when unquoted keys defeat the
 * JSON parser, fall back to the first `apiKey` inside the provider's object (before any nested one).
 */
function locateConfigKey(file: string, provider: string): CredentialLocation {
  const located = locateJsonPath(file, ['models', 'providers', provider, 'apiKey']);
  if (located.found || located.reason !== 'not-found') return located;
  const read = readTextFile(file);
  if (read.kind !== 'ok') return { found: false, reason: 'no-file' };
  const name = provider.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|[\\s{,])["']?${name}["']?\\s*:\\s*\\{[^{}]*?(["']?apiKey["']?)\\s*:`).exec(read.text);
  if (!match?.[1]) return located;
  const start = match.index + match[0].lastIndexOf(match[1]);
  return found(file, read.text, start, start + match[1].length);
}

function locateProfile(state: OpenClawState, agentId: string, profileId: string): CredentialLocation {
  const agent = state.agents.find((a) => a.agentId === agentId);
  if (!agent) return { found: false, reason: 'not-found' };
  // Profiles a non-main agent inherits live in main's store.
  const owner = agent.inheritedFromMain.includes(profileId) ? (state.agents.find((a) => a.agentId === DEFAULT_AGENT_ID) ?? agent) : agent;
  if (owner.source.kind === 'sqlite') return { found: false, reason: 'sqlite' };
  return locateJsonPath(owner.source.file, ['profiles', profileId]);
}

/** The whole `"key": value` property at `jsonPath`, read from disk (JSON with comments tolerated). */
export function locateJsonPath(file: string, jsonPath: string[]): CredentialLocation {
  const read = readTextFile(file);
  if (read.kind !== 'ok') return { found: false, reason: 'no-file' };
  const root = parseTree(shallowJsonText(read.text), [], { allowTrailingComma: true });
  const node = root ? findNodeAtLocation(root, jsonPath) : undefined;
  if (!node) return { found: false, reason: 'not-found' };
  const property: Node = node.parent?.type === 'property' ? node.parent : node;
  return found(file, read.text, property.offset, property.offset + property.length);
}

/** The line that assigns `variable` (the last one, as dotenv keeps the last assignment). */
export function locateEnvVariable(file: string, variable: string): CredentialLocation {
  const read = readTextFile(file, { maxBytes: 1024 * 1024 });
  if (read.kind !== 'ok') return { found: false, reason: 'no-file' };
  const line = findEnvAssignment(read.text, variable);
  if (!line) return { found: false, reason: 'not-found' };
  return found(file, read.text, line.start, line.end);
}

function found(file: string, text: string, start: number, end: number): CredentialLocation {
  const doc = TextDocument.create('file:///x', 'plaintext', 0, text);
  return { found: true, uri: pathToFileURL(file).toString(), range: { start: doc.positionAt(start), end: doc.positionAt(end) } };
}
