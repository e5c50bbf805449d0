import * as vscode from 'vscode';

/**
 * What the commands that run a CLI in a terminal share (Setup Token, the doctor's quick fix):
 * waiting for the terminal's shell integration, an execution's exit code, and whether a command
 * is on the extension host's PATH.
 */

/** How long to wait for the terminal's shell integration before falling back to sendText. */
export const SHELL_INTEGRATION_WAIT_MS = 8000;

/** The terminal's shell integration, or undefined when it has none within SHELL_INTEGRATION_WAIT_MS. */
export async function shellIntegrationOf(terminal: vscode.Terminal): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return terminal.shellIntegration;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(undefined);
    }, SHELL_INTEGRATION_WAIT_MS);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((event) => {
      if (event.terminal !== terminal) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(event.shellIntegration);
    });
  });
}

/** The execution's exit code once it ended (undefined when the shell does not report it). */
export function exitCodeOf(execution: vscode.TerminalShellExecution): Promise<number | undefined> {
  return new Promise((resolve) => {
    const listener = vscode.window.onDidEndTerminalShellExecution((event) => {
      if (event.execution !== execution) return;
      listener.dispose();
      resolve(event.exitCode);
    });
  });
}

/** The shell's own answer for "command not found", in every POSIX shell. */
export const COMMAND_NOT_FOUND = 127;

/** Whether an executable of this name is in a folder of the extension host's PATH. */
export async function onPath(name: string): Promise<boolean> {
  const folders = (process.env.PATH ?? '').split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const folder of folders) {
    for (const file of names) {
      try {
        const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(vscode.Uri.file(folder), file));
        if (stat.type & vscode.FileType.File) return true;
      } catch {
        // not there
      }
    }
  }
  return false;
}
