import * as vscode from 'vscode';
import {
  WRITE_REFUSED_ERROR, type AgentSnapshot, type CredentialWriteResult, type WriteRefusedData,
} from '../../server/src/protocol';
import { loadedSnapshot, pickProvider, pickWriteAgent } from './credentialPicks';
import type { ProfileTreeNode } from './profileTree';
import type { ServerConnection } from './serverConnection';
import type { SnapshotStore } from './snapshotStore';

/**
 * Paste Token (`openclaw models auth paste-token`): agent, provider, profile id, the token in a
 * password box, an optional expiry; the server validates and writes. The token is held in one local
 * variable until the request is sent, and is never put in a message, a label or the log.
 */

export interface PasteTarget {
  agentId?: string;
  provider?: string;
  profileId?: string;
}

export interface PasteDeps {
  connection: ServerConnection;
  store: SnapshotStore;
}

/** Where the command was started from: a tree node (provider or profile), an explicit target, or nothing. */
export function pasteTargetOf(arg: unknown): PasteTarget {
  const node = arg as ProfileTreeNode | undefined;
  if (node?.kind === 'provider') return { agentId: node.agent.agentId, provider: node.provider.provider };
  if (node?.kind === 'candidate' && node.candidate.kind === 'profile') {
    return { agentId: node.agent.agentId, provider: node.provider.provider, profileId: node.candidate.id };
  }
  if (node?.kind === 'agent') return { agentId: node.agent.agentId };
  if (typeof arg === 'object' && arg !== null) {
    const t = arg as Record<string, unknown>;
    return {
      ...(typeof t.agentId === 'string' ? { agentId: t.agentId } : {}),
      ...(typeof t.provider === 'string' ? { provider: t.provider } : {}),
      ...(typeof t.profileId === 'string' ? { profileId: t.profileId } : {}),
    };
  }
  return {};
}

/** Agent, provider and profile id, asked for whatever the target leaves open. */
export async function choosePasteDestination(deps: PasteDeps, target: PasteTarget): Promise<{ agent: AgentSnapshot; provider: string; profileId: string } | undefined> {
  const snapshot = loadedSnapshot(deps.store);
  if (!snapshot) return undefined;
  const title = vscode.l10n.t('Paste Token');
  // An agent that is gone since the target was made (a stale tooltip link) is asked for instead.
  const agent = snapshot.agents.find((a) => a.agentId === target.agentId) ?? (await pickWriteAgent(snapshot, title));
  if (!agent) return undefined;
  const provider = target.provider ?? (await pickProvider(snapshot, agent, title));
  if (!provider) return undefined;
  const profileId = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Profile id for the token in agent {0}. An existing profile with this id is replaced.', agent.agentId),
    value: target.profileId ?? `${provider}:manual`,
    validateInput: (value) => (/^\S+$/.test(value.trim()) ? undefined : vscode.l10n.t('A profile id is one word, such as {0}.', `${provider}:manual`)),
    ignoreFocusOut: true,
  });
  if (profileId === undefined) return undefined;
  return { agent, provider, profileId: profileId.trim() };
}

/** The expiry question (`--expires-in`): empty means the token has no stored expiry. */
export async function askExpiry(title: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Optional: when the token expires, counted from now (for example 365d or 12h). Leave empty if unknown.'),
    placeHolder: '365d',
    validateInput: (text) => (text.trim() === '' || /^(\d+(\.\d+)?(ms|s|m|h|d)?|(\d+(\.\d+)?(ms|s|m|h|d))+)$/i.test(text.trim()) ? undefined : vscode.l10n.t('Write a duration such as 365d, 12h or 90m.')),
    ignoreFocusOut: true,
  });
  return value?.trim();
}

/** The command. Returns the write's summary (tests read it), undefined when cancelled. */
export async function pasteToken(deps: PasteDeps, arg?: unknown): Promise<string | undefined> {
  const destination = await choosePasteDestination(deps, pasteTargetOf(arg));
  if (!destination) return undefined;
  const title = vscode.l10n.t('Paste Token');
  let reason: string | undefined;
  let expiresIn: string | undefined;
  for (;;) {
    const token = await vscode.window.showInputBox({
      title,
      password: true,
      ignoreFocusOut: true,
      prompt: reason ?? vscode.l10n.t('Paste the token for {0} (a setup-token from claude setup-token, or an API key). It is written to agent {1}\'s store and never shown.', destination.profileId, destination.agent.agentId),
      validateInput: (text) => tokenInputProblem(text),
    });
    if (token === undefined) return undefined;
    // Asked once: a retry after a refused token keeps the expiry already given.
    expiresIn ??= await askExpiry(title);
    if (expiresIn === undefined) return undefined;
    const result = await storeToken(deps, destination, token, expiresIn);
    if (result.ok) return result.summary;
    if (!result.retry) return undefined;
    reason = result.reason;
  }
}

/** What the password box can tell before anything is sent (the server checks the rest). */
function tokenInputProblem(text: string): string | undefined {
  if (text.trim() === '') return vscode.l10n.t('Paste the token.');
  if (/[\r\n]/.test(text.trim())) return vscode.l10n.t('The token holds a line break: it was cut or wrapped when copied.');
  return undefined;
}

type StoreOutcome = { ok: true; summary: string } | { ok: false; retry: boolean; reason?: string };

/**
 * Sends the one write request that carries the token, then forgets it. A refusal of the token itself
 * (too short, wrong kind) is returned for another try; any other failure is shown.
 */
export async function storeToken(
  deps: PasteDeps,
  destination: { agent: AgentSnapshot; provider: string; profileId: string },
  token: string,
  expiresIn: string,
): Promise<StoreOutcome> {
  let result: CredentialWriteResult;
  try {
    result = await deps.connection.pasteToken({
      agentId: destination.agent.agentId,
      provider: destination.provider,
      profileId: destination.profileId,
      token,
      ...(expiresIn ? { expiresIn } : {}),
    });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal?.data?.code.startsWith('secret/')) return { ok: false, retry: true, reason: vscode.l10n.t('Not stored: {0} Paste it again, or press Escape.', refusal.message) };
    void vscode.window.showErrorMessage(vscode.l10n.t('OpenClaw Auth: the token was not stored. {0}', refusal?.message ?? messageOf(error)));
    return { ok: false, retry: false };
  }
  void vscode.window.showInformationMessage(result.summary);
  return { ok: true, summary: result.summary };
}

/** A write the server refused, with its code and reason (never a secret). */
export function refusalOf(error: unknown): { message: string; data?: WriteRefusedData } | undefined {
  const e = error as { code?: unknown; message?: unknown; data?: unknown } | undefined;
  if (!e || e.code !== WRITE_REFUSED_ERROR || typeof e.message !== 'string') return undefined;
  return { message: e.message, ...(e.data && typeof e.data === 'object' ? { data: e.data as WriteRefusedData } : {}) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
