/**
 * The 2026.9.6 column's homes: random JSON-era homes turned into what an upgrade to 2026.9.6 leaves
 * (sqliteHome.mjs), on databases the real 2026.9.6 created. The template databases come from two
 * runs of its own `models auth paste-token` in an empty home (main's shared store, and an agent's
 * own database), cached under .cache/peers like the CLI itself.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/runCli.ts';
import { Random } from './random.ts';

export interface SqliteTemplates {
  global: string;
  agent: string;
}

export type SqliteVariant = 'doctor' | 'legacy-main' | 'stranded' | 'cli-written';

const TEMPLATE_TOKEN = `sk-ant-oat01-TEMPLATE${'t'.repeat(90)}`;

function runPeerCommand(peer: { bin: string; nodeBin: string }, home: string, args: string[], input: string, mustSucceed = true): boolean {
  const r = spawnSync(peer.bin, args, {
    // Offline npm: paste-token and order set look up provider plugins on the registry (npm view
    // @openclaw/…); answered at once from no cache, the home never depends on the network.
    env: { PATH: `${peer.nodeBin}:${process.env.PATH ?? ''}`, HOME: home, TZ: 'UTC', NO_COLOR: '1', npm_config_offline: 'true' },
    cwd: home,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0 && mustSucceed) throw new Error(`openclaw ${args.join(' ')} failed (${r.status}): ${(r.stderr ?? '').split('\n').slice(-3).join(' | ')}`);
  return r.status === 0;
}

/** Copies a database the real CLI wrote into a clean single file (its WAL folded in). */
function vacuumInto(nodeBin: string, from: string, to: string): void {
  fs.rmSync(to, { force: true });
  const script = "const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(process.argv[1]); db.prepare('VACUUM INTO ?').run(process.argv[2]); db.close();";
  execFileSync(path.join(nodeBin, 'node'), ['--no-warnings', '-e', script, from, to]);
}

export function ensureSqliteTemplates(peer: { bin: string; nodeBin: string }, version: string): SqliteTemplates {
  const dir = path.join(repoRoot, '.cache', 'peers', `openclaw-${version}-templates`);
  const templates = { global: path.join(dir, 'openclaw.sqlite'), agent: path.join(dir, 'openclaw-agent.sqlite') };
  if (fs.existsSync(templates.global) && fs.existsSync(templates.agent)) return templates;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-template-'));
  try {
    fs.mkdirSync(path.join(home, '.openclaw'), { recursive: true });
    fs.writeFileSync(path.join(home, '.openclaw', 'openclaw.json'), JSON.stringify({ agents: { list: [{ id: 'main', default: true }, { id: 'work' }] } }));
    runPeerCommand(peer, home, ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--agent', 'main'], `${TEMPLATE_TOKEN}\n`);
    runPeerCommand(peer, home, ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--agent', 'work'], `${TEMPLATE_TOKEN}\n`);
    fs.mkdirSync(dir, { recursive: true });
    vacuumInto(peer.nodeBin, path.join(home, '.openclaw', 'state', 'openclaw.sqlite'), templates.global + '.tmp');
    vacuumInto(peer.nodeBin, path.join(home, '.openclaw', 'agents', 'work', 'agent', 'openclaw-agent.sqlite'), templates.agent + '.tmp');
    fs.renameSync(templates.global + '.tmp', templates.global);
    fs.renameSync(templates.agent + '.tmp', templates.agent);
    return templates;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Which upgrade a seed's home gets; drawn from its own stream so the JSON home stays the same. */
export function sqliteVariantFor(seed: number): { variant: SqliteVariant; withMeta: boolean } {
  const r = new Random(seed * 7919 + 2026);
  const roll = r.next();
  const variant: SqliteVariant = roll < 0.5 ? 'doctor' : roll < 0.65 ? 'legacy-main' : roll < 0.82 ? 'stranded' : 'cli-written';
  // doctor writes meta.lastTouchedVersion; a stranded home may never have been touched by 2026.9.
  return { variant, withMeta: variant === 'stranded' ? r.chance(0.5) : true };
}

export function convertToSqlite(peer: { bin: string; nodeBin: string }, templates: SqliteTemplates, home: string, seed: number): SqliteVariant {
  const { variant, withMeta } = sqliteVariantFor(seed);
  return upgradeToSqlite(peer, templates, home, variant, withMeta, seed);
}

/** Turns the JSON home under `home/.openclaw` into `variant` (the bench uses it with 'doctor'). */
export function upgradeToSqlite(peer: { bin: string; nodeBin: string }, templates: SqliteTemplates, home: string, variant: SqliteVariant, withMeta = true, seed = 1): SqliteVariant {
  const stateDir = path.join(home, '.openclaw');
  if (variant === 'cli-written') for (const f of storeFiles(stateDir)) fs.rmSync(f);
  const spec = { stateDir, configPath: path.join(stateDir, 'openclaw.json'), templateGlobal: templates.global, templateAgent: templates.agent, variant: variant === 'cli-written' ? 'doctor' : variant, withMeta };
  execFileSync(path.join(peer.nodeBin, 'node'), ['--no-warnings', path.join(repoRoot, 'test', 'differential', 'sqliteHome.mjs'), JSON.stringify(spec)], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (variant === 'cli-written') writeWithRealCli(peer, home, seed);
  return variant;
}

function storeFiles(stateDir: string): string[] {
  const agents = path.join(stateDir, 'agents');
  if (!fs.existsSync(agents)) return [];
  return fs.readdirSync(agents).flatMap((id) => ['auth-profiles.json', 'auth-state.json'].map((f) => path.join(agents, id, 'agent', f))).filter((f) => fs.existsSync(f));
}

// Providers whose plugins 2026.9.6 bundles (mistral or groq would make it look for a plugin to install).
const CLI_PROVIDERS = ['anthropic', 'openrouter', 'google'] as const;

/**
 * A home whose credentials the real 2026.9.6 wrote itself, as a user would after upgrading: one or
 * two `models auth paste-token` (canary tokens, sometimes `--expires-in`) for the shown agent, and
 * now and then `models auth order set`. Its config (agents, models, env) stays the generated one.
 */
function writeWithRealCli(peer: { bin: string; nodeBin: string }, home: string, seed: number): void {
  const r = new Random(seed * 104729 + 9);
  const config = JSON.parse(fs.readFileSync(path.join(home, '.openclaw', 'openclaw.json'), 'utf8')) as { agents?: { defaults?: { systemAgent?: { agentId?: string } } } };
  const agent = config.agents?.defaults?.systemAgent?.agentId ?? 'main';
  const ids: { provider: string; id: string }[] = [];
  for (let i = 0; i < r.int(1, 2); i++) {
    const provider = r.pick(CLI_PROVIDERS);
    const name = r.pick(['manual', 'work', 'backup']);
    const token = provider === 'anthropic' ? `sk-ant-oat01-CANARY${r.chars('abcdefghijklmnopqrstuvwxyz0123456789', 96)}` : `CANARY${r.chars('abcdefghijklmnopqrstuvwxyz0123456789', 48)}`;
    const expires = r.chance(0.4) ? ['--expires-in', r.pick(['2h', '30d', '20h'])] : [];
    // A refusal (a config it rejects, a token it does not take) leaves the home as it is: still a case.
    if (runPeerCommand(peer, home, ['models', 'auth', 'paste-token', '--provider', provider, '--profile-id', `${provider}:${name}`, '--agent', agent, ...expires], `${token}\n`, false)) ids.push({ provider, id: `${provider}:${name}` });
  }
  const first = ids[0];
  if (first && r.chance(0.4)) {
    const same = ids.filter((x) => x.provider === first.provider).map((x) => x.id);
    runPeerCommand(peer, home, ['models', 'auth', 'order', 'set', '--provider', first.provider, '--agent', agent, ...same.reverse()], '', false);
  }
}
