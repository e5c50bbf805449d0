/**
 * The OpenClaw Auth language server: LSP wiring only. Resolution lives in statusService.ts, file
 * checks in diagnostics/, editor features in features/, OpenClaw's rules in openclaw/.
 * Runs over IPC from the extension, or `node dist/server.js --stdio` for any LSP client.
 */
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, CodeLensRefreshRequest, createConnection, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CredentialWrites } from './credentialWrites.js';
import { DocumentChecks } from './documentChecks.js';
import { classifyDocument } from './diagnostics/documentDiagnostics.js';
import { statusRules } from './openclaw/rules/rules.js';
import { setServerLocale } from './serverL10n.js';
import { TIGHTEN_FILE_MODE_COMMAND } from './diagnostics/fileMode.js';
import { profileHover } from './features/profileHover.js';
import { completionsAt } from './features/completions.js';
import { envHover } from './features/envHover.js';
import { expiryLenses } from './features/expiryLenses.js';
import { quickFixes } from './features/quickFixes.js';
import { runTightenCommand } from './features/tightenCommand.js';
import { legacyRewriteFor, REWRITE_LEGACY_AUTH_COMMAND } from './features/legacyAuthCommand.js';
import { locateCredential } from './features/locateCredential.js';
import { storeRowDocument } from './features/storeRowDocument.js';
import { StoreRowRequest } from './protocol.js';
import { stateEnvKey } from './features/stateEnvKey.js';
import { UnknownAgentError } from './openclaw/state.js';
import {
  AuthOrderClearRequest, AuthOrderGetRequest, AuthOrderSetRequest, LocateCredentialRequest, PasteTokenRequest, RefreshRequest,
  RemoveProfileRequest, StateEnvKeyRequest, StatusChangedNotification, StatusReportRequest, StatusRequest, type ServerSettings,
} from './protocol.js';
import { parseServerSettings } from './settings.js';
import { StatusService } from './statusService.js';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let workspaceFolders: string[] = [];
let initialSettings: ServerSettings = {};
let codeLensRefresh = false;
// Checked after a quiet time, large stores in a worker thread: typing never blocks requests.
const checksContext = () => {
  const state = service.state();
  return { workspaceFolders, ...(state ? { state } : {}) };
};
const checks = new DocumentChecks({
  context: checksContext,
  publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
  log: (message) => connection.console.log(message),
});

const service = new StatusService({
  notify: (snapshot) => {
    void connection.sendNotification(StatusChangedNotification.type, snapshot);
    // Which file is the config or the state .env, and file-level findings, may have changed;
    // a threshold crossed changes the expiry diagnostics and lenses.
    for (const doc of documents.all()) validate(doc);
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type);
  },
  log: (message) => connection.console.log(message),
});

connection.onInitialize((params): InitializeResult => {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folders.map(filePathOf).filter((p): p is string => p !== undefined);
  initialSettings = parseServerSettings(params.initializationOptions);
  codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  setServerLocale(params.locale);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      completionProvider: { triggerCharacters: ['"'] },
      codeLensProvider: {},
      executeCommandProvider: { commands: [TIGHTEN_FILE_MODE_COMMAND, REWRITE_LEGACY_AUTH_COMMAND] },
    },
    serverInfo: { name: 'openclaw-auth' },
  };
});

connection.onInitialized(() => {
  service.configure(initialSettings, workspaceFolders[0]);
});

connection.onDidChangeConfiguration((change) => {
  // A notification without settings (pull-model clients) keeps the current ones and re-reads the files.
  const settings = change.settings === null || change.settings === undefined ? service.currentSettings() : parseServerSettings(change);
  service.configure(settings, workspaceFolders[0]);
});

// Every write goes through the engine's applyCredentialChange in a worker thread, one at a time,
// then the state is re-read and sent; a write waiting for OpenClaw's lock never blocks requests.
const writes = new CredentialWrites(service, (message) => connection.console.log(message));
connection.onRequest(PasteTokenRequest.type, (params) => writes.pasteToken(params));
connection.onRequest(AuthOrderGetRequest.type, (scope) => writes.orderGet(scope));
connection.onRequest(AuthOrderSetRequest.type, (params) => writes.orderSet(params));
connection.onRequest(AuthOrderClearRequest.type, (scope) => writes.orderClear(scope));
connection.onRequest(RemoveProfileRequest.type, (params) => writes.removeProfile(params));

connection.onRequest(StatusRequest.type, () => service.current());
connection.onRequest(RefreshRequest.type, () => service.refresh());

connection.onRequest(StatusReportRequest.type, (params) => {
  try {
    return service.report(params?.agentId);
  } catch (error) {
    if (error instanceof UnknownAgentError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
    throw internalError('build the status report', error);
  }
});

connection.onRequest(LocateCredentialRequest.type, (ref) => {
  try {
    service.current();
    const state = service.state();
    return state ? locateCredential(state, ref) : { found: false, reason: 'not-found' };
  } catch (error) {
    throw internalError('locate the credential', error);
  }
});

connection.onRequest(StoreRowRequest.type, (params) => {
  try {
    service.current();
    const state = service.state();
    return state ? storeRowDocument(state, params) : { found: false, reason: 'not-found' };
  } catch (error) {
    throw internalError('read the store row', error);
  }
});

connection.onRequest(StateEnvKeyRequest.type, ({ variable }) => {
  try {
    service.current();
    const state = service.state();
    if (!state) return { added: false, reason: 'no-state-dir' };
    return stateEnvKey(state, variable, (file) => documents.all().find((d) => filePathOf(d.uri) === file));
  } catch (error) {
    throw internalError('prepare the state .env', error);
  }
});

connection.onHover((params) => {
  const doc = documents.get(params.textDocument.uri);
  const file = doc ? filePathOf(doc.uri) : undefined;
  if (!doc || !file) return null;
  try {
    const snapshot = service.current();
    const ctx = checksContext();
    return profileHover(doc, file, params.position, snapshot)
      ?? envHover(doc, file, params.position, classifyDocument(file, ctx), snapshot, ctx.state?.rules.catalog ?? statusRules(undefined).catalog)
      ?? null;
  } catch (error) {
    connection.console.log(`Hover failed: ${(error as Error).message}`);
    return null;
  }
});

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? quickFixes(doc, params.context.diagnostics) : [];
});

connection.onCompletion((params) => {
  const doc = documents.get(params.textDocument.uri);
  const file = doc ? filePathOf(doc.uri) : undefined;
  if (!doc || !file) return [];
  const ctx = checksContext();
  const state = ctx.state;
  return completionsAt(doc, params.position, classifyDocument(file, ctx), {
    catalog: state?.rules.catalog ?? statusRules(undefined).catalog,
    profiles: state ? state.agents.flatMap((a) => Object.entries(a.store.profiles).map(([id, p]) => ({ id, provider: p.provider }))) : [],
    ...(state ? { config: state.config.config.raw } : {}),
  });
});

connection.onCodeLens((params) => {
  const doc = documents.get(params.textDocument.uri);
  const file = doc ? filePathOf(doc.uri) : undefined;
  if (!doc || !file || classifyDocument(file, checksContext())?.kind !== 'auth-store') return [];
  return expiryLenses(doc, file, Date.now(), service.state());
});

connection.onExecuteCommand((params) => {
  if (params.command === REWRITE_LEGACY_AUTH_COMMAND) return writes.rewriteLegacy(legacyRewriteFor(params.arguments, checksContext(), (uri) => documents.get(uri)?.getText()));
  if (params.command !== TIGHTEN_FILE_MODE_COMMAND) return;
  const file = runTightenCommand(params.arguments, checksContext());
  const doc = file ? documents.get(params.arguments?.[0] as string) : undefined;
  if (doc) validate(doc);
});

documents.onDidChangeContent((event) => validate(event.document));
documents.onDidClose((event) => {
  checks.forget(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onShutdown(() => {
  service.dispose();
  checks.dispose();
  writes.dispose();
});

documents.listen(connection);
connection.listen();

/** Publishes the diagnostics of one open document, computed from its unsaved text (soon, not now). */
function validate(doc: TextDocument): void {
  const file = filePathOf(doc.uri);
  if (file) checks.schedule(doc, file);
}

function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Our own failure: the client gets a message to show, the log keeps the detail (no secret in either). */
function internalError(what: string, error: unknown): ResponseError<void> {
  const message = `Could not ${what}: ${(error as Error)?.message ?? String(error)}`;
  connection.console.log(message);
  return new ResponseError(ErrorCodes.InternalError, message);
}
