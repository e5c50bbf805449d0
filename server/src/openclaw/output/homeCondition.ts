import type { OpenClawState } from '../state.js';

/**
 * Whether the home itself stops the credentials from being read: no state folder, a SQLite home
 * whose stores gave nothing here, or a config OpenClaw refuses to run on. Decided once, here, and
 * carried in the snapshot, so the report, the CLI text, the tree, the status bar and the overview
 * say the same thing about it.
 */
export type HomeCondition = 'noStateDir' | 'sqliteUnread' | 'configRefused';

export function homeConditionOf(state: OpenClawState): HomeCondition | undefined {
  if (!state.stateDirExists) return 'noStateDir';
  if (state.refusals.length > 0) return 'configRefused';
  const anyProfile = state.agents.some((a) => Object.keys(a.store.profiles).length > 0);
  if (state.layout.kind === 'sqlite' && !anyProfile) return 'sqliteUnread';
  return undefined;
}

/** The report's words for it (English, like the rest of the report and the CLI). */
export function homeConditionWords(condition: HomeCondition, state: OpenClawState): string {
  switch (condition) {
    case 'noStateDir': return `No OpenClaw state folder was found at ${state.stateDir}: nothing below is read from disk, it is what OpenClaw would assume.`;
    case 'sqliteUnread': return 'This home uses the SQLite credential store, and no profile could be read from it here (reading the database needs Node 22.5 or later).';
    case 'configRefused': return `OpenClaw refuses this config (${state.configPath}): its own status command prints nothing and exits 1. The problems below say why.`;
  }
}
