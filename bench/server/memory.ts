/**
 * Memory of the language server on a large OpenClaw home (200 agents × 50 profiles), against a bare
 * Node process that only JSON.parses the same files, measured in the same run on the same Node.
 * Usage: npm run bench:server [-- --agents 200 --profiles 50]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RefreshRequest, StatusRequest } from '../../server/src/protocol.ts';
import { LspServer, serverPath } from '../../test/lsp/lspServer.ts';

const { values } = parseArgs({ options: { agents: { type: 'string', default: '200' }, profiles: { type: 'string', default: '50' } } });
const AGENTS = Number(values.agents);
const PROFILES = Number(values.profiles);
const PROVIDERS = ['anthropic', 'openai', 'google', 'openrouter', 'mistral'];

/** Writes the home: openclaw.json listing every agent, and one store per agent with a mix of credential types. */
function generateHome(home: string): string[] {
  const stateDir = path.join(home, '.openclaw');
  const files: string[] = [];
  const list = Array.from({ length: AGENTS }, (_, i) => ({ id: i === 0 ? 'main' : `agent-${i}`, ...(i === 0 ? { default: true } : {}) }));
  const config = path.join(stateDir, 'openclaw.json');
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(config, JSON.stringify({ agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai/gpt-5'] } }, list } }, null, 2));
  files.push(config);
  const now = Date.now();
  for (const { id } of list) {
    const profiles: Record<string, unknown> = {};
    for (let p = 0; p < PROFILES; p++) {
      const provider = PROVIDERS[p % PROVIDERS.length]!;
      const secret = `${id}-${p}-${'s'.repeat(90)}`;
      const kind = p % 3;
      profiles[`${provider}:p${p}`] =
        kind === 0 ? { type: 'api_key', provider, key: `sk-${secret}` }
          : kind === 1 ? { type: 'token', provider, token: `sk-ant-oat01-${secret}`, expires: now + (p + 1) * 3600e3 }
            : { type: 'oauth', provider, access: `acc-${secret}`, refresh: `ref-${secret}`, expires: now + (p + 1) * 86400e3, email: `${id}@example.com` };
    }
    const store = path.join(stateDir, 'agents', id, 'agent', 'auth-profiles.json');
    fs.mkdirSync(path.dirname(store), { recursive: true });
    fs.writeFileSync(store, JSON.stringify({ version: 1, profiles }, null, 2));
    files.push(store);
  }
  return files;
}

function rssKiB(pid: number | 'self'): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** A Node process that reads and parses the same files, keeps them, and reports its own RSS. */
function baselineRss(files: string[]): Promise<{ rss: number; hwm: number }> {
  const script = `
    const fs = require('node:fs');
    const kept = JSON.parse(process.argv[1]).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
    setTimeout(() => {
      const s = fs.readFileSync('/proc/self/status', 'utf8');
      const f = (n) => Number(new RegExp('^' + n + ':\\\\s+(\\\\d+) kB', 'm').exec(s)[1]);
      process.stdout.write(JSON.stringify({ rss: f('VmRSS'), hwm: f('VmHWM'), parsed: kept.length }));
    }, 500);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(files)]);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`baseline exited ${code}`))));
  });
}

async function main(): Promise<void> {
  if (!fs.existsSync(serverPath)) throw new Error('dist/server.js is missing: run `node scripts/build.mjs` first');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-bench-server-'));
  try {
    const t0 = performance.now();
    const files = generateHome(home);
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    console.log(`home: ${AGENTS} agents × ${PROFILES} profiles, ${files.length} files, ${(bytes / 1048576).toFixed(1)} MiB (generated in ${(performance.now() - t0).toFixed(0)} ms)`);

    const server = LspServer.start({ HOME: home, OPENCLAW_STATE_DIR: path.join(home, '.openclaw') }, home);
    try {
      const t1 = performance.now();
      await server.initialize(home);
      const snapshot = await server.connection.sendRequest(StatusRequest.type);
      const firstMs = performance.now() - t1;
      const t2 = performance.now();
      await server.connection.sendRequest(RefreshRequest.type);
      const refreshMs = performance.now() - t2;
      const profiles = snapshot.agents.reduce((n, a) => n + a.providers.reduce((m, p) => m + p.candidates.filter((c) => c.kind === 'profile').length, 0), 0);
      if (snapshot.agents.length !== AGENTS) throw new Error(`expected ${AGENTS} agents, got ${snapshot.agents.length}`);
      await new Promise((r) => setTimeout(r, 500));
      const serverMem = rssKiB(server.pid);
      const baseline = await baselineRss(files);
      const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
      console.log(`server: first status ${firstMs.toFixed(0)} ms, refresh ${refreshMs.toFixed(0)} ms, ${snapshot.agents.length} agents, ${profiles} profile candidates`);
      console.log(`server RSS ${mib(serverMem.rss)} (peak ${mib(serverMem.hwm)})`);
      console.log(`bare Node JSON.parse of the same files: RSS ${mib(baseline.rss)} (peak ${mib(baseline.hwm)})`);
      console.log(`ratio server/bare: RSS ${(serverMem.rss / baseline.rss).toFixed(2)}×, peak ${(serverMem.hwm / baseline.hwm).toFixed(2)}×  (node ${process.version})`);
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
