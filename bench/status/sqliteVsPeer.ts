// `status --check` on a SQLite home (the realistic home as 2026.9.6's doctor --fix leaves it):
// ours against the real OpenClaw 2026.9.6 on the same home, ratio printed (target: ours ≥ 20×).
//   node scripts/build.mjs && node --import tsx bench/status/sqliteVsPeer.ts [--runs 5] [--no-fail]
import { parseArgs } from 'node:util';
import { compareCliWithPeer } from './cliVsPeer.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'no-fail': { type: 'boolean', default: false } } });
const TARGET = 20;
async function main(): Promise<void> {
  const r = await compareCliWithPeer({ runs: Number(values.runs), peerVersion: '2026.9.6', sqlite: true });
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`status --check on a SQLite home, ${r.runs} runs each (after one warm-up)`);
  console.log(`  ours (Node 24):       median ${r.oursMedianMs.toFixed(0)} ms  [${fmt(r.oursMs)}]  exit ${r.oursCheck}`);
  console.log(`  openclaw ${r.peerVersion}: median ${r.theirsMedianMs.toFixed(0)} ms  [${fmt(r.theirsMs)}]  exit ${r.theirsCheck}`);
  console.log(`  ratio: ours is ${r.speedup.toFixed(1)}× faster (target ≥ ${TARGET}×)${r.speedup >= TARGET ? '' : '  MISSED'}`);
  if (r.oursCheck !== r.theirsCheck) console.log(`  note: the exit codes differ (ours ${r.oursCheck}, theirs ${r.theirsCheck})`);
  process.exitCode = r.speedup >= TARGET || values['no-fail'] ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
