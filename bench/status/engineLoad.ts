import fs from 'node:fs';
import { loadOpenClawState, type OpenClawState } from '../../server/src/openclaw/state.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import type { StatusSnapshot } from '../../server/src/protocol.ts';

/**
 * What the language server does on every change: read and resolve every agent of the home, then
 * build the snapshot the client renders. The env holds only HOME and TZ, like the CLI benches.
 */
export function loadAndResolve(home: string): { state: OpenClawState; snapshot: StatusSnapshot } {
  const state = loadOpenClawState({ env: { HOME: home, TZ: 'UTC' }, mode: 'shell', cwd: home });
  return { state, snapshot: buildStatusSnapshot(state) };
}

/** The floor no loader can beat: read each store file and JSON.parse it, nothing more. */
export function readAndParse(files: readonly string[]): unknown[] {
  return files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as unknown);
}
