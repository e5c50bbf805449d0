import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import {
  AuthOrderClearRequest, AuthOrderGetRequest, AuthOrderSetRequest, LocateCredentialRequest, PasteTokenRequest, RefreshRequest,
  RemoveProfileRequest, StateEnvKeyRequest, StatusChangedNotification, StatusReportRequest, StatusRequest,
  type AuthOrderInfo, type AuthOrderScope, type CredentialLocation, type CredentialRef, type CredentialWriteResult,
  type PasteTokenParams, type ServerSettings, type StateEnvKeyResult, type StatusReport, type StatusSnapshot,
} from '../../server/src/protocol';
import { StoreRowRequest, type StoreRowDocument, type StoreRowParams } from '../../server/src/protocol';
import { affectsSettings, readSettings, serverSettings } from './config';
import type { SnapshotStore } from './snapshotStore';

/**
 * The files the server validates: every agent's store, the OpenClaw config, and env files.
 * `scheme: 'file'` only: the server reads the real files next to them, never a virtual document.
 */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', pattern: '**/auth-profiles.json' },
  { scheme: 'file', pattern: '**/openclaw.json' },
  { scheme: 'file', pattern: '**/.env' },
  { scheme: 'file', pattern: '**/*.env' },
];

/**
 * Owns the language client: starts the bundled server (dist/server.js) over IPC, feeds every
 * snapshot into the store, and offers the custom requests to the commands. Restarted when the
 * workspace becomes trusted, because trust changes what the server may read.
 */
export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: SnapshotStore,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Starts the server and loads the first snapshot. Failures are logged and shown in the tree. */
  async start(): Promise<void> {
    const client = this.createClient();
    this.client = client;
    this.subscriptions.push(
      client.onNotification(StatusChangedNotification.type, (snapshot) => this.store.update(snapshot)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsSettings(event) && client.isRunning()) void client.sendNotification(DidChangeConfigurationNotification.type, { settings: settingsPayload() });
      }),
    );
    let started = false;
    this.subscriptions.push(client.onDidChangeState((event) => {
      // After the language client restarted a crashed server: ask, rather than rely on the new
      // server announcing its first state (today's server does, the protocol does not promise it).
      if (started && event.newState === State.Running) void this.loadSnapshot(client);
    }));
    try {
      await client.start();
      started = true;
      this.store.update(await client.sendRequest(StatusRequest.type));
    } catch (error) {
      this.output.error(`Language server did not start: ${errorText(error)}`);
      this.store.markStartFailed();
    }
  }

  private async loadSnapshot(client: LanguageClient): Promise<void> {
    try {
      this.store.update(await client.sendRequest(StatusRequest.type));
    } catch (error) {
      this.output.error(`Status request failed: ${errorText(error)}`);
    }
  }

  /** Stops and starts again with fresh start options (trust, working folder). */
  async restart(): Promise<void> {
    await this.stopClient();
    this.store.reset();
    await this.start();
  }

  async refresh(): Promise<StatusSnapshot> {
    const snapshot = await this.running().sendRequest(RefreshRequest.type);
    this.store.update(snapshot);
    return snapshot;
  }

  statusReport(agentId?: string): Promise<StatusReport> {
    return this.running().sendRequest(StatusReportRequest.type, agentId ? { agentId } : {});
  }

  locateCredential(ref: CredentialRef): Promise<CredentialLocation> {
    return this.running().sendRequest(LocateCredentialRequest.type, ref);
  }

  /** Where `NAME=` goes in the state .env (names only; the server may create the file, mode 0600). */
  stateEnvKey(variable: string): Promise<StateEnvKeyResult> {
    return this.running().sendRequest(StateEnvKeyRequest.type, { variable });
  }

  /** The SQLite row holding a profile: masked, or sealed to `reveal.publicKey` (never in clear on the wire). */
  storeRow(params: StoreRowParams): Promise<StoreRowDocument> {
    return this.running().sendRequest(StoreRowRequest.type, params);
  }

  /** The one request that carries a secret: sent once; the answer carries none. */
  pasteToken(params: PasteTokenParams): Promise<CredentialWriteResult> {
    return this.write(this.running().sendRequest(PasteTokenRequest.type, params));
  }

  authOrder(scope: AuthOrderScope): Promise<AuthOrderInfo> {
    return this.running().sendRequest(AuthOrderGetRequest.type, scope);
  }

  setAuthOrder(scope: AuthOrderScope, profileIds: string[]): Promise<CredentialWriteResult> {
    return this.write(this.running().sendRequest(AuthOrderSetRequest.type, { ...scope, profileIds }));
  }

  clearAuthOrder(scope: AuthOrderScope): Promise<CredentialWriteResult> {
    return this.write(this.running().sendRequest(AuthOrderClearRequest.type, scope));
  }

  removeProfile(agentId: string, profileId: string): Promise<CredentialWriteResult> {
    return this.write(this.running().sendRequest(RemoveProfileRequest.type, { agentId, profileId }));
  }

  /** A write's answer carries the server's re-read: shown at once (the notification may follow it). */
  private async write(request: Promise<CredentialWriteResult>): Promise<CredentialWriteResult> {
    const result = await request;
    this.store.update(result.snapshot);
    return result;
  }

  async dispose(): Promise<void> {
    await this.stopClient();
  }

  private running(): LanguageClient {
    if (!this.client || !this.client.isRunning()) throw new Error(vscode.l10n.t('The OpenClaw Auth language server is not running.'));
    return this.client;
  }

  private async stopClient(): Promise<void> {
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions = [];
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) await client.stop();
    await client?.dispose();
  }

  private createClient(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.js');
    const options = { cwd: this.serverWorkingFolder() };
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options },
      debug: { module, transport: TransportKind.ipc, options: { ...options, execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      // A function, so a restart sends the settings and trust of that moment.
      initializationOptions: () => ({ settings: serverSettings(readSettings(), vscode.workspace.isTrusted) }),
      // No `synchronize.configurationSection`: it would send the raw section without the workspace
      // trust, and the server replaces all its settings on each change. start() sends ours instead.
      outputChannel: this.output,
    };
    return new LanguageClient('openclawAuth', 'OpenClaw Auth', serverOptions, clientOptions);
  }

  /**
   * The server's working folder is where OpenClaw would find a working folder's `.env` in shell
   * mode. Trusted: the first workspace folder, like a gateway started from a terminal there.
   * Restricted Mode, or no folder: the extension's own folder, which never holds a `.env` (vsce
   * refuses to package one), so nothing from the workspace is read.
   */
  private serverWorkingFolder(): string {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    return vscode.workspace.isTrusted && folder ? folder.uri.fsPath : this.context.extensionPath;
  }
}

/** What the server receives on every settings change: the same object as at initialisation. */
function settingsPayload(): { openclawAuth: ServerSettings } {
  return { openclawAuth: serverSettings(readSettings(), vscode.workspace.isTrusted) };
}

/** An error's message without its stack (messages from our server never carry secrets). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
