import fs from 'node:fs';
import { loadOpenClawState, type OpenClawState } from '../../server/src/openclaw/state.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import { JsonFileStoreSource, type StoreSnapshot } from '../../server/src/openclaw/stores/storeSource.ts';
import type { StatusSnapshot } from '../../server/src/protocol.ts';

/** Reads every agent of the home and resolves its status, with only HOME and TZ in the env like the CLI benches. */
export function loadAndResolve(home: string): OpenClawState {
  return loadOpenClawState({ env: { HOME: home, TZ: 'UTC' }, mode: 'shell', cwd: home });
}

/** What the language server sends the client after each change, built from a resolved state. */
export function snapshotOf(state: OpenClawState): StatusSnapshot {
  return buildStatusSnapshot(state);
}

/** The floor no loader can beat: read each store file and JSON.parse it, nothing more. */
export function readAndParse(files: readonly string[]): unknown[] {
  return files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as unknown);
}

/** The engine's store loading alone (read, parse, coerce, content checks, schema), to split the engine's time. */
export function loadStoresOnly(agentDirs: readonly string[]): StoreSnapshot[] {
  return agentDirs.map((dir) => new JsonFileStoreSource(dir).load());
}
