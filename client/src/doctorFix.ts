import * as vscode from 'vscode';
import { isDoctorFixArgs } from '../../server/src/protocol';
import type { ServerConnection } from './serverConnection';
import { COMMAND_NOT_FOUND, exitCodeOf, onPath, shellIntegrationOf } from './terminalShell';

/**
 * The quick fix on a stranded `auth-profiles.json` (the server's `store/retired-json-*`
 * diagnostics): runs `openclaw doctor --fix` in a terminal of the host where the extension runs,
 * for the home the diagnostic names. The doctor does much more than import the file (plugins,
 * other state) and may take minutes, so a modal says so first; it may ask questions, so it runs
 * where the user can answer. When it ends, the status is read again.
 */

export const DOCTOR_TERMINAL_NAME = 'OpenClaw doctor';
/** OpenClaw's page on the doctor: offered when there is no `openclaw` to run here. */
export const DOCTOR_DOCS_URL = 'https://docs.openclaw.ai/cli/doctor';

export type DoctorFixOutcome = 'started' | 'no-openclaw' | 'cancelled' | 'invalid';

export async function runDoctorFix(deps: { connection: ServerConnection }, arg: unknown): Promise<DoctorFixOutcome> {
  if (!isDoctorFixArgs(arg)) return 'invalid';
  // The server finds OpenClaw the same way (openclawOnPath.ts): the extension host's PATH, which the terminal inherits.
  if (!(await onPath('openclaw'))) {
    noOpenClaw();
    return 'no-openclaw';
  }
  const run = vscode.l10n.t('Run doctor --fix');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Run openclaw doctor --fix on {0}?', arg.stateDir),
    {
      modal: true,
      detail: vscode.l10n.t('It imports {0} into OpenClaw\'s SQLite store, and also repairs plugins and other state of this OpenClaw. It may take several minutes and ask questions in the terminal.', arg.file),
    },
    run,
  );
  if (choice !== run) return 'cancelled';
  const terminal = vscode.window.createTerminal({ name: DOCTOR_TERMINAL_NAME, cwd: vscode.Uri.joinPath(vscode.Uri.file(arg.stateDir), '..').fsPath, env: arg.env });
  terminal.show();
  void followDoctor(deps, terminal);
  return 'started';
}

/** Starts the doctor in `terminal` and reads the status again once it is over. */
async function followDoctor(deps: { connection: ServerConnection }, terminal: vscode.Terminal): Promise<void> {
  const integration = await shellIntegrationOf(terminal);
  if (integration) {
    const code = await exitCodeOf(integration.executeCommand('openclaw', ['doctor', '--fix']));
    // The terminal's shell may have a PATH of its own (its profile) that lacks what the extension host found.
    if (code === COMMAND_NOT_FOUND) noOpenClaw();
  } else {
    // Without shell integration the end of the command cannot be seen: the end of the terminal stands in.
    terminal.sendText('openclaw doctor --fix');
    await new Promise<void>((resolve) => {
      const listener = vscode.window.onDidCloseTerminal((closed) => {
        if (closed !== terminal) return;
        listener.dispose();
        resolve();
      });
    });
  }
  await deps.connection.refresh().catch(() => undefined);
}

function noOpenClaw(): void {
  const docs = vscode.l10n.t('Open the doctor docs');
  void vscode.window.showWarningMessage(
    vscode.l10n.t('openclaw is not on the PATH of this host, so openclaw doctor --fix cannot run here. Run it where the OpenClaw gateway is installed.'),
    docs,
  ).then((choice) => {
    if (choice === docs) void vscode.env.openExternal(vscode.Uri.parse(DOCTOR_DOCS_URL));
  });
}
