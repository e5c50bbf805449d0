import * as vscode from 'vscode';
import { askExpiry, choosePasteDestination, storeToken, type PasteDeps, type PasteTarget } from './pasteToken';
import { selectedAgent } from './statusModel';
import { findSetupToken, OutputTail } from './setupTokenOutput';

/**
 * Setup Token: runs `claude setup-token` in a terminal on the host where the extension runs (it
 * needs a TTY and a browser login). With shell integration the command's own output is read, the
 * token it prints is recognised and the user can store it in one click; the token is then held
 * only until that write, and never shown, logged or put in a notification by us. Without shell
 * integration, or without `claude`, Paste Token is offered instead.
 */

/** How long to wait for the terminal's shell integration before falling back to sendText. */
const SHELL_INTEGRATION_WAIT_MS = 8000;
export const SETUP_TERMINAL_NAME = 'claude setup-token';

export async function setupToken(deps: PasteDeps, pasteCommand: string): Promise<'stored' | 'no-claude' | 'no-shell-integration' | 'no-token' | 'cancelled'> {
  const pasteLabel = vscode.l10n.t('Paste Token');
  const noClaude = async (): Promise<'no-claude'> => {
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('claude is not on the PATH of this host, so claude setup-token cannot run here. Run it where Claude Code is installed, then paste the token.'),
      pasteLabel,
    );
    if (choice === pasteLabel) void vscode.commands.executeCommand(pasteCommand);
    return 'no-claude';
  };
  const terminal = vscode.window.createTerminal({ name: SETUP_TERMINAL_NAME });
  terminal.show();
  const integration = await shellIntegrationOf(terminal);
  if (!integration) {
    // Without shell integration the terminal's own PATH cannot be asked: the extension host's stands in.
    if (!(await onPath('claude'))) {
      terminal.dispose();
      return noClaude();
    }
    terminal.sendText('claude setup-token');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Finish the login in the terminal. When claude setup-token prints the token, copy it and paste it here.'),
      pasteLabel,
    );
    if (choice === pasteLabel) void vscode.commands.executeCommand(pasteCommand, { provider: 'anthropic' });
    return 'no-shell-integration';
  }
  const execution = integration.executeCommand('claude', ['setup-token']);
  const ended = exitCodeOf(execution);
  let token = await tokenFromOutput(execution.read());
  // The shell's own answer: 127 is "command not found" in every POSIX shell.
  if (!token && (await Promise.race([ended, delay(5000)])) === 127) return noClaude();
  if (!token) {
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('No setup-token was recognised in the output of claude setup-token. If it printed one, copy it and paste it here.'),
      pasteLabel,
    );
    if (choice === pasteLabel) void vscode.commands.executeCommand(pasteCommand, { provider: 'anthropic' });
    return 'no-token';
  }
  try {
    const storeLabel = vscode.l10n.t('Store in OpenClaw');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('claude setup-token printed a setup-token. Store it in OpenClaw?'),
      storeLabel,
    );
    if (choice !== storeLabel) return 'cancelled';
    const destination = await choosePasteDestination(deps, renewalTarget(deps));
    if (!destination) return 'cancelled';
    const expiresIn = await askExpiry(vscode.l10n.t('Setup Token'));
    if (expiresIn === undefined) return 'cancelled';
    const outcome = await storeToken(deps, destination, token, expiresIn);
    if (!outcome.ok && outcome.reason) void vscode.window.showErrorMessage(outcome.reason);
    if (!outcome.ok) return 'cancelled';
    // Stored: the token need not stay on screen or in the scroll-back of our terminal.
    terminal.show(false);
    await vscode.commands.executeCommand('workbench.action.terminal.clear');
    return 'stored';
  } finally {
    // Dropped as soon as the write is done or declined.
    token = undefined;
  }
}

/**
 * Where a new setup-token most likely belongs: the Anthropic profile the status bar flags (expired
 * or expiring) for the agent it follows, else a new `anthropic:manual` for an agent to pick.
 */
function renewalTarget(deps: PasteDeps): PasteTarget {
  const snapshot = deps.store.snapshot;
  const agent = snapshot && selectedAgent(snapshot);
  const attention = agent?.attention;
  if (agent && attention?.provider === 'anthropic' && attention.profileId) return { agentId: agent.agentId, provider: 'anthropic', profileId: attention.profileId };
  return { provider: 'anthropic' };
}

/** Reads the command's output until it ends, keeping only a short tail, and returns the token found in it. */
async function tokenFromOutput(stream: AsyncIterable<string>): Promise<string | undefined> {
  const tail = new OutputTail();
  let found: string | undefined;
  for await (const chunk of stream) {
    tail.push(chunk);
    found = findSetupToken(tail.text) ?? found;
  }
  tail.clear();
  return found;
}

/** The execution's exit code once it ended (undefined when the shell does not report it). */
function exitCodeOf(execution: vscode.TerminalShellExecution): Promise<number | undefined> {
  return new Promise((resolve) => {
    const listener = vscode.window.onDidEndTerminalShellExecution((event) => {
      if (event.execution !== execution) return;
      listener.dispose();
      resolve(event.exitCode);
    });
  });
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

async function shellIntegrationOf(terminal: vscode.Terminal): Promise<vscode.TerminalShellIntegration | undefined> {
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

/** Whether an executable of this name is in a folder of the extension host's PATH. */
async function onPath(name: string): Promise<boolean> {
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
