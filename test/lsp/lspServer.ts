import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, ExitNotification,
  InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader,
  StreamMessageWriter, type NotificationType, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { StatusRequest } from '../../server/src/protocol.ts';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
/** `OPENCLAW_AUTH_SERVER` points at another bundle (as OPENCLAW_AUTH_CLI does for the CLI). */
export const serverPath = process.env.OPENCLAW_AUTH_SERVER ?? path.join(repoRoot, 'dist', 'server.js');

/**
 * The bundled language server as an editor runs it (`node dist/server.js --stdio`), spoken to over
 * real pipes. Every byte the server writes is kept, so tests can prove no secret ever left it.
 */
export class LspServer {
  private stdout = '';
  private stderrText = '';
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];
  private readonly listeners = new Map<string, Set<(params: unknown) => void>>();
  readonly connection: ProtocolConnection;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString('utf8');
    });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.listen();
    this.on(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.poke();
    });
  }

  /** Starts the server with exactly `env` (no variable of the test runner leaks in), under `node` (e.g. one with node:sqlite). */
  static start(env: Record<string, string>, cwd: string, node = process.execPath): LspServer {
    const child = spawn(node, [serverPath, '--stdio'], { env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env }, cwd });
    return new LspServer(child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Everything the server has written to stdout so far (LSP frames) and to stderr. */
  allOutput(): string {
    return this.stdout + this.stderrText;
  }

  /** `locale`: the client's display language, as VS Code sends it (the server's words follow it). */
  async initialize(workspaceFolder: string, settings: Record<string, unknown> = {}, locale?: string): Promise<void> {
    const uri = pathToFileURL(workspaceFolder).toString();
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(workspaceFolder) }],
      capabilities: {},
      initializationOptions: { settings: { openclawAuth: settings } },
      ...(locale ? { locale } : {}),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Calls `handler` for every notification of `type` (any number of listeners per method). */
  on<P>(type: NotificationType<P>, handler: (params: P) => void): { dispose(): void } {
    let handlers = this.listeners.get(type.method);
    if (!handlers) {
      const set = new Set<(params: unknown) => void>();
      handlers = set;
      this.listeners.set(type.method, set);
      // vscode-jsonrpc keeps one handler per method: fan out from it.
      this.connection.onNotification(type, (params: P) => {
        for (const h of [...set]) h(params);
      });
    }
    const entry = handler as (params: unknown) => void;
    handlers.add(entry);
    return { dispose: () => handlers.delete(entry) };
  }

  /** Resolves with the first notification of `type` for which `accept` holds (sent after this call). */
  nextNotification<P>(type: NotificationType<P>, accept: (params: P) => boolean = () => true, timeoutMs = 10_000): Promise<P> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`no ${type.method} matching within ${timeoutMs} ms`));
      }, timeoutMs);
      const subscription = this.on(type, (params: P) => {
        if (!accept(params)) return;
        clearTimeout(timer);
        subscription.dispose();
        resolve(params);
      });
    });
  }

  async open(file: string, text: string, languageId = 'json'): Promise<string> {
    const uri = pathToFileURL(file).toString();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The latest diagnostics published for `uri` that satisfy `accept` (waits for them). */
  async diagnosticsFor(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const ready = () => {
      const p = this.diagnostics.get(uri);
      return p !== undefined && accept(p);
    };
    if (!ready()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        this.waiters.push({ check: ready, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    }
    return this.diagnostics.get(uri)!;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone: nothing to shut down.
    }
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }
}

/** A server on the fake `home` (state folder `home/.openclaw`), initialised, its first status resolved. */
export async function startOnHome(home: string, env: Record<string, string> = {}, locale?: string): Promise<LspServer> {
  const server = LspServer.start({ HOME: home, OPENCLAW_STATE_DIR: path.join(home, '.openclaw'), ...env }, home);
  await server.initialize(home, {}, locale);
  await server.connection.sendRequest(StatusRequest.type);
  return server;
}

/** Stops the server, fails if `canary` ever crossed the pipe (when given), and removes the home. */
export async function stopAndClean(server: LspServer, home: string, canary?: string): Promise<void> {
  await server.stop();
  fs.rmSync(home, { recursive: true, force: true });
  const output = server.allOutput();
  const at = canary ? output.indexOf(canary) : -1;
  // Where it leaked, by the message's method, never the secret itself.
  assert.ok(at < 0, `a secret crossed the pipe, in: ${/"method":"([^"]+)"/.exec(output.slice(Math.max(0, output.lastIndexOf('Content-Length', at)), at))?.[1] ?? 'a response'}`);
}
