/**
 * A store with a very large number of providers, each with a profile and an order entry (and the
 * same providers under `models.providers` and `auth.order` in openclaw.json): the engine must stay
 * within a small multiple of JSON.parse of the same files, whatever the count. Looking each
 * provider's entry up by scanning every key made this quadratic (issue 13: 10 000 providers took
 * 11–12 s, 50 000 more than 2 minutes).
 *
 *   node --import tsx bench/status/manyProviders.ts [--sizes 10000,50000] [--runs 5] [--keep-home]
 *
 * Prints, per size, the medians of the engine (bundled as shipped) and of read + JSON.parse, and
 * their ratio. Exits 1 when a ratio is above --max-ratio (default 20), 2 when the bench fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngineBundle } from './engineBundle.ts';
import { formatMs, formatSamples, median } from './stats.ts';
import { timeSync } from './timing.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,50000' },
    runs: { type: 'string', default: '5' },
    'max-ratio': { type: 'string', default: '20' },
    'keep-home': { type: 'boolean', default: false },
  },
});

/** Writes the home and returns the files the baseline reads (the store and the config). */
function writeHome(home: string, providers: number): string[] {
  const agentDir = path.join(home, '.openclaw', 'agents', 'main', 'agent');
  fs.mkdirSync(agentDir, { recursive: true });
  const profiles: Record<string, unknown> = {};
  const order: Record<string, string[]> = {};
  const configured: Record<string, unknown> = {};
  const configOrder: Record<string, string[]> = {};
  for (let i = 0; i < providers; i++) {
    const provider = `prov${i}`;
    profiles[`${provider}:main`] = { type: 'api_key', provider, key: `sk-${provider}-${'k'.repeat(40)}` };
    // Keys written as people do (capitals, blanks): each must be normalised before it matches.
    order[i % 2 === 0 ? provider : ` Prov${i} `] = [`${provider}:main`];
    configured[provider] = { baseUrl: `https://${provider}.invalid/v1`, models: [] };
    configOrder[provider] = [`${provider}:main`];
  }
  const store = path.join(agentDir, 'auth-profiles.json');
  const config = path.join(home, '.openclaw', 'openclaw.json');
  // Pretty-printed, as OpenClaw writes both files.
  fs.writeFileSync(store, JSON.stringify({ version: 1, profiles, order }, null, 2));
  fs.writeFileSync(config, JSON.stringify({ models: { providers: configured }, auth: { order: configOrder } }, null, 2));
  return [store, config];
}

async function main(): Promise<void> {
  const sizes = values.sizes.split(',').map(Number);
  const runs = Math.max(1, Number(values.runs));
  const maxRatio = Number(values['max-ratio']);
  const engine = await loadEngineBundle();
  let failed = false;
  console.log(`many providers: engine as shipped (esbuild bundle) against readFileSync + JSON.parse of the same files; medians of ${runs} interleaved runs after a warm-up`);
  for (const size of sizes) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-bench-providers-'));
    try {
      const files = writeHome(home, size);
      const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
      const engineMs: number[] = [];
      const parseMs: number[] = [];
      let agentProviders = 0;
      // Warm-up of both, then alternate which goes first.
      engine.readAndParse(files);
      agentProviders = engine.loadAndResolve(home).agents[0]?.status.providers.length ?? 0;
      for (let run = 0; run < runs; run++) {
        const first = run % 2 === 0;
        if (first) engineMs.push(timeSync(() => engine.loadAndResolve(home)).timing.wallMs);
        parseMs.push(timeSync(() => engine.readAndParse(files)).timing.wallMs);
        if (!first) engineMs.push(timeSync(() => engine.loadAndResolve(home)).timing.wallMs);
      }
      const ratio = median(engineMs) / median(parseMs);
      const pass = ratio <= maxRatio;
      failed ||= !pass;
      console.log(`\n  ${size} providers (${(bytes / 1048576).toFixed(1)} MiB; ${agentProviders} providers resolved for main)`);
      console.log(`    engine: loadOpenClawState        wall ${formatMs(median(engineMs))}  [${formatSamples(engineMs)}]`);
      console.log(`    baseline: read + JSON.parse      wall ${formatMs(median(parseMs))}  [${formatSamples(parseMs)}]`);
      console.log(`    engine / baseline = ${ratio.toFixed(2)}× (target ≤ ${maxRatio}×): ${pass ? 'PASS' : 'FAIL'}`);
      if (values['keep-home']) console.log(`    home kept at ${home}`);
    } finally {
      if (!values['keep-home']) fs.rmSync(home, { recursive: true, force: true });
    }
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error)?.stack ?? String(error)}`);
  process.exitCode = 2;
});
