import type { LoadStateOptions } from './openclaw/state.js';
import type { PathEnv } from './openclaw/paths.js';
import type { ServerSettings } from './protocol.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Reads the settings a client sent (initializationOptions or didChangeConfiguration), accepting
 * `{ settings: { openclawAuth: … } }`, `{ openclawAuth: … }` or the bare object, and dropping any
 * field of the wrong type: a bad value means OpenClaw's default, never a failure.
 */
export function parseServerSettings(raw: unknown): ServerSettings {
  let value = raw;
  if (isObject(value) && isObject(value.settings)) value = value.settings;
  if (isObject(value) && isObject(value.openclawAuth)) value = value.openclawAuth;
  if (!isObject(value)) return {};
  const settings: ServerSettings = {};
  if (typeof value.stateDir === 'string' && value.stateDir.trim()) settings.stateDir = value.stateDir.trim();
  if (typeof value.defaultAgent === 'string' && value.defaultAgent.trim()) settings.defaultAgent = value.defaultAgent.trim();
  if (typeof value.warningWindowHours === 'number' && Number.isFinite(value.warningWindowHours) && value.warningWindowHours >= 0) {
    settings.warningWindowHours = value.warningWindowHours;
  }
  if (value.envMode === 'shell' || value.envMode === 'daemon') settings.envMode = value.envMode;
  if (typeof value.trustedWorkspace === 'boolean') settings.trustedWorkspace = value.trustedWorkspace;
  return settings;
}

/**
 * The working folder the engine may read (its `.env`), or none. Only a client that says the
 * workspace is trusted gets it read: one that says nothing (an LSP client that does not know our
 * setting) is treated as Restricted Mode, since a repository's `.env` is its author's to write.
 */
export function trustedWorkingFolder(settings: ServerSettings, cwd: string | undefined): string | undefined {
  return settings.trustedWorkspace === true ? cwd : undefined;
}

/** The engine's load options for these settings (the agent is chosen separately, see statusService). */
export function loadOptionsFor(settings: ServerSettings, env: PathEnv, cwd: string | undefined, now: number): LoadStateOptions {
  return {
    env,
    mode: settings.envMode ?? 'shell',
    now,
    ...(cwd ? { cwd } : {}),
    ...(settings.stateDir ? { stateDir: settings.stateDir } : {}),
    ...(settings.warningWindowHours !== undefined ? { warnMs: Math.round(settings.warningWindowHours * HOUR_MS) } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
