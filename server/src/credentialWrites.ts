/**
 * The language server's write requests (Paste Token, Auth Order, Remove Profile): each becomes one
 * `CredentialChange` applied through the engine's `applyCredentialChange` with the server's current
 * settings, one at a time in a worker thread (credentialWriter/), then the state is re-read and
 * published at once. A pasted secret lives here and in the writer's request message only for the
 * duration of the write; no log line or result ever carries it.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { CredentialWriteQueue } from './credentialWriter/writeQueue.js';
import { WriteRefused, type CredentialChange, type WriteResult } from './openclaw/stores/storeWriter.js';
import type { LegacyRewrite } from './openclaw/stores/legacyAuthRewrite.js';
import { readAuthOrder } from './openclaw/writes.js';
import { checkPastedSecret, expiresAtFromNow, parseExpiresIn } from './openclaw/pasteInput.js';
import {
  WRITE_REFUSED_ERROR, type AuthOrderInfo, type AuthOrderScope, type CredentialWriteResult, type PasteTokenParams,
  type StatusSnapshot, type WriteRefusedData,
} from './protocol.js';
import type { StatusService } from './statusService.js';
import { issueMessage } from './serverL10n.js';
import { words } from './openclaw/issues.js';

export class CredentialWrites {
  constructor(
    private readonly service: StatusService,
    private readonly log: (message: string) => void,
    private readonly clock: () => number = Date.now,
    private readonly queue = new CredentialWriteQueue(),
  ) {}

  async pasteToken(params: PasteTokenParams): Promise<CredentialWriteResult> {
    const provider = requiredText(params?.provider, 'provider');
    const profileId = params.profileId?.trim() || `${provider}:manual`;
    return this.write(params.agentId, () => pastedTokenChange(provider, profileId, params, this.clock()));
  }

  orderGet(scope: AuthOrderScope): AuthOrderInfo {
    const provider = requiredText(scope?.provider, 'provider');
    const target = this.service.writeTarget(scope.agentId);
    try {
      const read = readAuthOrder(target, provider);
      const agentId = target.agentId ?? this.service.current().defaultAgentId;
      const info: AuthOrderInfo = { agentId, provider, source: read.source, effective: read.effective, profiles: profilesOf(this.service.current(), agentId, provider, read.effective) };
      if (read.order) info.order = read.order;
      return info;
    } catch (error) {
      throw this.responseError('read the auth order', error);
    }
  }

  async orderSet(scope: AuthOrderScope & { profileIds: string[] }): Promise<CredentialWriteResult> {
    const provider = requiredText(scope?.provider, 'provider');
    const ids = Array.isArray(scope.profileIds) ? scope.profileIds.filter((id): id is string => typeof id === 'string' && id.trim() !== '') : [];
    if (ids.length === 0) throw new ResponseError(ErrorCodes.InvalidParams, 'Give at least one profile id for the order, or clear it.');
    return this.write(scope.agentId, () => ({ kind: 'order-set', provider, profileIds: ids }));
  }

  async orderClear(scope: AuthOrderScope): Promise<CredentialWriteResult> {
    const provider = requiredText(scope?.provider, 'provider');
    return this.write(scope.agentId, () => ({ kind: 'order-clear', provider }));
  }

  async removeProfile(params: { agentId?: string; profileId: string }): Promise<CredentialWriteResult> {
    const profileId = requiredText(params?.profileId, 'profileId');
    return this.write(params.agentId, () => ({ kind: 'remove', profileId }));
  }

  /**
   * A legacy file's rewrite that a quick fix's command asks for (none when the command's arguments
   * name no such file): queued with the other writes, refusals as for the requests, then re-read
   * and published.
   */
  async rewriteLegacy(rewrite: LegacyRewrite | undefined): Promise<CredentialWriteResult | undefined> {
    if (!rewrite) return undefined;
    return this.published('apply the quick fix', () => this.queue.rewriteLegacy(rewrite));
  }

  /** Stops the writer thread; a write under way finishes first. */
  dispose(): void {
    this.queue.dispose();
  }

  /** Builds the change (validation may refuse at once), queues it, then re-reads and publishes. */
  private write(agentId: string | undefined, change: () => CredentialChange): Promise<CredentialWriteResult> {
    return this.published('write the credential change', () => this.queue.apply(() => this.service.writeTarget(agentId), change()));
  }

  /** Runs `queued` (a throw or refusal becomes the error the client shows), then logs, re-reads and publishes. */
  private async published(what: string, queued: () => Promise<WriteResult>): Promise<CredentialWriteResult> {
    let result: WriteResult;
    try {
      result = await queued();
    } catch (error) {
      throw this.responseError(what, error);
    }
    this.log(result.summary);
    return { summary: result.summary, written: result.written, snapshot: this.service.afterWrite() };
  }

  /** A refusal keeps its code and reason (in the client's language); anything else is our failure, logged by its message only. */
  private responseError(what: string, error: unknown): ResponseError<WriteRefusedData | void> {
    if (error instanceof WriteRefused) {
      const data: WriteRefusedData = { code: error.code, ...(error.location ? { file: error.location.file } : {}) };
      return new ResponseError(WRITE_REFUSED_ERROR, issueMessage(error), data);
    }
    const message = `Could not ${what}: ${(error as Error)?.message ?? String(error)}`;
    this.log(message);
    return new ResponseError(ErrorCodes.InternalError, message);
  }
}

/**
 * The `paste-token` change for a pasted secret, or a refusal with the reason (codes `secret/…` for
 * the secret itself, `paste/expires-in` for the duration). Checked as the CLI's paste-token checks.
 */
function pastedTokenChange(provider: string, profileId: string, params: PasteTokenParams, now: number): CredentialChange {
  const checked = checkPastedSecret(provider, typeof params.token === 'string' ? params.token : '');
  if (!checked.ok) throw new WriteRefused(checked.code, checked.words);
  let expires: number | undefined;
  if (typeof params.expiresIn === 'string' && params.expiresIn.trim()) {
    const duration = parseExpiresIn(params.expiresIn);
    expires = duration === undefined ? undefined : expiresAtFromNow(duration, now);
    if (expires === undefined) throw new WriteRefused('paste/expires-in', words('The expiry is not a duration such as 365d, 12h or 1h30m.'));
  }
  return { kind: 'paste-token', provider, profileId, secret: checked.secret, credentialType: checked.credentialType, ...(expires !== undefined ? { expires } : {}) };
}

function requiredText(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new ResponseError(ErrorCodes.InvalidParams, `Missing ${name}.`);
  return value.trim();
}

/** The provider's profile ids the agent sees: the effective order first, then the rest as the tree lists them. */
function profilesOf(snapshot: StatusSnapshot, agentId: string, provider: string, effective: string[]): string[] {
  const agent = snapshot.agents.find((a) => a.agentId === agentId);
  const ids = agent?.providers.find((p) => p.provider === provider)?.candidates.filter((c) => c.kind === 'profile').map((c) => c.id) ?? [];
  return [...new Set([...effective, ...ids])];
}
