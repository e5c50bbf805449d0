import * as vscode from 'vscode';
import type { EnvMode, ServerSettings } from '../../server/src/protocol';

/** The configuration section every setting of this extension lives under. */
export const CONFIG_SECTION = 'openclawAuth';

/** Typed view of the `openclawAuth.*` settings (declared in package.json `contributes.configuration`). */
export interface ClientSettings {
  stateDir: string;
  defaultAgent: string;
  warningWindowHours: number;
  statusBarVisible: boolean;
  envMode: EnvMode;
}

/** Reads the current settings; a value of the wrong type falls back to its declared default. */
export function readSettings(): ClientSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const hours = config.get<unknown>('warningWindowHours');
  const envMode = config.get<unknown>('envMode');
  return {
    stateDir: stringSetting(config.get<unknown>('stateDir')),
    defaultAgent: stringSetting(config.get<unknown>('defaultAgent')),
    warningWindowHours: typeof hours === 'number' && Number.isFinite(hours) && hours >= 0 ? hours : 24,
    statusBarVisible: config.get<unknown>('statusBar.visible') !== false,
    envMode: envMode === 'daemon' ? 'daemon' : 'shell',
  };
}

/**
 * What the server receives in `initializationOptions.settings`. Empty strings are left out so the
 * server applies OpenClaw's own defaults. Trust is always sent, true or false: in Restricted Mode
 * the server is told not to read the workspace (a working folder's `.env` could hold anything the
 * workspace author put there), and a server told nothing assumes Restricted Mode.
 */
export function serverSettings(settings: ClientSettings, trustedWorkspace: boolean): ServerSettings & { trustedWorkspace: boolean } {
  return {
    ...(settings.stateDir ? { stateDir: settings.stateDir } : {}),
    ...(settings.defaultAgent ? { defaultAgent: settings.defaultAgent } : {}),
    warningWindowHours: settings.warningWindowHours,
    envMode: settings.envMode,
    trustedWorkspace,
  };
}

/** True when a configuration change touches any of our settings. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(CONFIG_SECTION);
}

/**
 * Stores the agent the status bar follows, in the workspace when the user already chose one there
 * (so the choice is not silently shadowed by it), else globally.
 */
export async function storeDefaultAgent(agentId: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const inWorkspace = config.inspect<string>('defaultAgent')?.workspaceValue !== undefined;
  await config.update('defaultAgent', agentId, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}

function stringSetting(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
