// Run under a Node with node:sqlite: loads a home as the language server does, and prints as JSON
// each agent's storeInForce / migrationRequired from the snapshot, then Open in Store's row
// document for each `agent:profile` asked (masked, and revealed through a one-time RevealKey).
import { RevealKey } from '../../client/src/revealKey.ts';
import { storeRowDocument } from '../../server/src/features/storeRowDocument.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';

const [stateDir = '', ...wanted] = process.argv.slice(2);
const state = loadOpenClawState({ env: { HOME: stateDir, OPENCLAW_STATE_DIR: stateDir }, otherAgentsAsExplicit: true });
const agents = Object.fromEntries(buildStatusSnapshot(state).agents.map((a) => [a.agentId, { storeInForce: a.storeInForce, migrationRequired: a.migrationRequired }]));
const rows = wanted.map((ref) => {
  const cut = ref.indexOf('/');
  const params = { agentId: ref.slice(0, cut), profileId: ref.slice(cut + 1) };
  const masked = storeRowDocument(state, params);
  const key = new RevealKey();
  const sealed = storeRowDocument(state, { ...params, reveal: { publicKey: key.publicKey } });
  const revealed = sealed.found && 'sealed' in sealed ? key.open(sealed.sealed) : undefined;
  return { ref, masked, sealed, revealed };
});
process.stdout.write(JSON.stringify({ agents, rows }));
