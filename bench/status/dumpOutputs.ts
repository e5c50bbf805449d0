/**
 * Everything the engine outputs, for many generated homes at a fixed clock, in one file: a
 * performance change to the engine must leave it byte for byte the same. Run it in the checkout
 * before the change and in this one, then compare:
 *
 *   node --import tsx bench/status/dumpOutputs.ts --seeds 150 --out /tmp/before.txt [extra homes…]
 *   cmp /tmp/before.txt /tmp/after.txt
 *
 * Per home (the differential test's generator, seeds 1..N, with and without moved paths, plus any
 * homes named): both rule sets (2026.6.1 and --compat 2026.3), plain and with every agent resolved
 * as explicit; the `--json` document, the text report, the language server's snapshot and every
 * agent's resolved status. Home paths are replaced by `~` so two runs compare equal.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { generateHome } from '../../test/differential/generate.ts';
import { materializeCase, tempHome } from '../../test/support/fakeHome.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { statusJson } from '../../server/src/openclaw/output/statusJson.ts';
import { formatStatusReport } from '../../server/src/openclaw/output/report.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';

const NOW = 1_790_000_000_000;
const { values, positionals } = parseArgs({ options: { seeds: { type: 'string', default: '150' }, out: { type: 'string' } }, allowPositionals: true });
if (!values.out) throw new Error('--out FILE is required');
const seeds = Number(values.seeds);

interface Home {
  home: string;
  env: Record<string, string>;
  generated: boolean;
}

function* homes(): Generator<Home> {
  for (let seed = 1; seed <= seeds; seed++) {
    for (const paths of [false, true]) {
      const home = tempHome('oc-dump-');
      const { env } = materializeCase(generateHome(seed, { paths }), home, NOW);
      yield { home, env, generated: true };
    }
  }
  for (const home of positionals) yield { home, env: {}, generated: false };
}

function dump(home: string, env: Record<string, string>): string[] {
  const out: string[] = [];
  for (const compat of [undefined, '2026.3'] as const) {
    for (const otherAgentsAsExplicit of [false, true]) {
      try {
        const state = loadOpenClawState({ env: { HOME: home, TZ: 'UTC', ...env }, mode: 'shell', cwd: home, now: NOW, otherAgentsAsExplicit, ...(compat ? { compat } : {}) });
        const agent = state.agents.find((a) => a.agentId === state.selectedAgentId);
        if (!agent) throw new Error('no selected agent');
        out.push(JSON.stringify(statusJson(state, agent, false)), formatStatusReport(state, agent), JSON.stringify(buildStatusSnapshot(state)));
        for (const a of state.agents) out.push(JSON.stringify(a.status));
      } catch (error) {
        out.push(`error: ${(error as Error).message}`);
      }
    }
  }
  return out.map((line) => line.replaceAll(home, '~'));
}

const lines: string[] = [];
for (const { home, env, generated } of homes()) {
  try {
    lines.push(...dump(home, env));
  } finally {
    if (generated) fs.rmSync(home, { recursive: true, force: true });
  }
}
fs.writeFileSync(values.out, lines.join('\n') + '\n');
console.log(`${lines.length} records written to ${values.out}`);
