import * as vscode from 'vscode';
import type { StatusSnapshot } from '../../server/src/protocol';
import { viewStateOf, type ViewState } from './statusModel';

/** Context key read by `viewsWelcome` in package.json to pick the empty tree's message. */
export const VIEW_STATE_CONTEXT_KEY = 'openclawAuth.viewState';

/**
 * The last snapshot the server sent: the single source the status bar, the tree and the commands
 * render from. Keeps the welcome-content context key in step with it.
 */
export class SnapshotStore implements vscode.Disposable {
  private current: StatusSnapshot | undefined;
  private startFailed = false;
  private readonly changed = new vscode.EventEmitter<StatusSnapshot | undefined>();
  /** Fires after every new snapshot (and when the server could not start). */
  readonly onDidChange = this.changed.event;
  private firstSnapshot: (() => void) | undefined;
  /** Resolves once the first snapshot (or a start failure) arrived. */
  readonly ready = new Promise<void>((resolve) => { this.firstSnapshot = resolve; });

  constructor() {
    void this.publishViewState();
  }

  get snapshot(): StatusSnapshot | undefined {
    return this.current;
  }

  get viewState(): ViewState {
    return viewStateOf(this.current, this.startFailed);
  }

  update(snapshot: StatusSnapshot): void {
    this.current = snapshot;
    this.startFailed = false;
    this.settle();
  }

  /** The server did not start: the tree shows the error welcome instead of "loading" forever. */
  markStartFailed(): void {
    this.startFailed = true;
    this.settle();
  }

  /** Back to "loading" while the server restarts (for example after the workspace became trusted). */
  reset(): void {
    this.current = undefined;
    this.startFailed = false;
    void this.publishViewState();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private settle(): void {
    void this.publishViewState();
    this.changed.fire(this.current);
    this.firstSnapshot?.();
    this.firstSnapshot = undefined;
  }

  private publishViewState(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', VIEW_STATE_CONTEXT_KEY, this.viewState);
  }
}
