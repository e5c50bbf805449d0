/**
 * Activation only: start the language server, then wire the status bar, the tree and the commands
 * to the snapshots it sends. Everything with logic lives in its own module.
 *
 * Activation events (package.json): `onStartupFinished`, because the status-bar expiry indicator
 * is the main value and must show without opening any file; `onView:openclawAuth.profiles`; the
 * commands activate implicitly.
 */
import * as vscode from 'vscode';
import { RUN_DOCTOR_FIX_COMMAND, type StatusSnapshot } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { STORE_ROW_REVEALED_SCHEME, STORE_ROW_SCHEME, StoreRowDocuments } from './storeRowDocuments';
import { runDoctorFix } from './doctorFix';
import { ProfileOrderDragController } from './profileOrderDrag';
import { bindTreeMessage, PROFILE_VIEW_ID, ProfileTreeProvider } from './profileTree';
import { OVERVIEW_COMMAND, OverviewPanel } from './overviewPanel';
import { ServerConnection } from './serverConnection';
import { SnapshotStore } from './snapshotStore';
import { StatusBar } from './statusBar';
import { REPORT_SCHEME, StatusReportDocuments } from './statusReportDocument';
import { registerWriteCommands } from './writeCommands';

/** What `activate` returns: used by the extension-host tests, not a public API. */
export interface OpenClawAuthApi {
  /** Resolves once the first snapshot arrived (or the server failed to start). */
  ready: Promise<void>;
  snapshot(): StatusSnapshot | undefined;
  /** Fires on every new snapshot. */
  onDidChangeSnapshot: vscode.Event<StatusSnapshot | undefined>;
  profileTree: ProfileTreeProvider;
  statusBarText(): string;
  statusBarTooltip(): string;
  statusBarVisible(): boolean;
  /** The tree's drag and drop (sets the auth order). */
  profileDrag: ProfileOrderDragController;
}

let connection: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): OpenClawAuthApi {
  const output = vscode.window.createOutputChannel('OpenClaw Auth', { log: true });
  const store = new SnapshotStore();
  const reports = new StatusReportDocuments();
  const tree = new ProfileTreeProvider(store);
  const statusBar = new StatusBar(store);
  connection = new ServerConnection(context, store, output);
  const server = connection;
  const drag = new ProfileOrderDragController(server);
  const rows = new StoreRowDocuments(server);
  const treeView = vscode.window.createTreeView(PROFILE_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, dragAndDropController: drag });

  context.subscriptions.push(
    output, store, reports, tree, statusBar,
    treeView, bindTreeMessage(treeView, store),
    vscode.commands.registerCommand(OVERVIEW_COMMAND, () => void OverviewPanel.show(context.extensionUri, store)),
    // The quick fix on a stranded auth-profiles.json; its arguments come from the server's diagnostic.
    vscode.commands.registerCommand(RUN_DOCTOR_FIX_COMMAND, (arg?: unknown) => runDoctorFix({ connection: server }, arg)),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    rows,
    vscode.workspace.registerTextDocumentContentProvider(STORE_ROW_SCHEME, rows),
    vscode.workspace.registerTextDocumentContentProvider(STORE_ROW_REVEALED_SCHEME, rows),
    ...registerCommands({ connection: server, store, reports, rows }),
    ...registerWriteCommands({ connection: server, store }),
    // Trust widens what the server may read (a working folder's .env): start it again with it.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void server.restart()),
  );
  void server.start();

  return {
    ready: store.ready,
    snapshot: () => store.snapshot,
    onDidChangeSnapshot: store.onDidChange,
    profileTree: tree,
    statusBarText: () => statusBar.text,
    statusBarTooltip: () => statusBar.tooltipMarkdown,
    statusBarVisible: () => statusBar.visible,
    profileDrag: drag,
  };
}

export async function deactivate(): Promise<void> {
  await connection?.dispose();
  connection = undefined;
}
