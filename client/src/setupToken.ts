import * as vscode from 'vscode';
import { askExpiry, choosePasteDestination, storeToken, type PasteDeps, type PasteTarget } from './pasteToken';
import { selectedAgent } from './statusModel';
import { findSetupToken, OutputTail } from './setupTokenOutput';
import { COMMAND_NOT_FOUND, exitCodeOf, onPath, shellIntegrationOf } from './terminalShell';

/**
 * Setup Token: runs `claude setup-token` in a terminal on the host where the extension runs (it
 * needs a TTY and a browser login). With shell integration the command's own output is read, the
 * token it prints is recognised and the user can store it in one click; the token is then held
 * only until that write, and never shown, logged or put in a notification by us. Without shell
 * integration, or without `claude`, Paste Token is offered instead.
 */

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
  if (!token && (await Promise.race([ended, delay(5000)])) === COMMAND_NOT_FOUND) return noClaude();
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

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}
