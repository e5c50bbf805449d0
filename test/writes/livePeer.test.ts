import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensurePeer } from '../differential/peer.ts';
import { cliPath } from '../support/runCli.ts';

/**
 * Each write of our CLI, then what the real OpenClaw reads back from the same home: `openclaw
 * models status --json` and `openclaw models auth order get` of 2026.6.1 (and, for the store's own
 * order, 2026.3.13). The home carries on from write to write, as a user's does.
 */
const CANARY = 'CANARYlive5e3a';
const SETUP_TOKEN = `sk-ant-oat01-${CANARY}${'s'.repeat(80)}TAILtail`;
const API_KEY = `sk-ant-api03-${CANARY}${'k'.repeat(80)}KEYSkeys`;
const DAY = 86_400_000;

let peer: { bin: string; nodeBin: string };
let peer2026_3: { bin: string; nodeBin: string };
let home: string;

before(() => {
  peer = ensurePeer('2026.6.1');
  peer2026_3 = ensurePeer('2026.3.13');
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-live-writes-'));
  fs.mkdirSync(path.join(home, '.openclaw'), { recursive: true });
  // A home set up by OpenClaw 2026.6.1 (its onboarding stamps the config), with two agents.
  fs.writeFileSync(
    path.join(home, '.openclaw', 'openclaw.json'),
    `// set up by hand\n${JSON.stringify({
      meta: { lastTouchedVersion: '2026.6.1' },
      agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } }, list: [{ id: 'main', default: true }, { id: 'work' }] },
    }, null, 2)}\n`,
  );
});
after(() => {
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

function ours(args: string[], input = ''): string {
  const r = spawnSync(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC' }, cwd: home, input, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.includes(CANARY) && !r.stderr.includes(CANARY), 'our output never holds the token');
  return r.stdout;
}

function openclaw(p: { bin: string; nodeBin: string }, args: string[]): string {
  const r = spawnSync(p.bin, args, {
    env: { PATH: `${p.nodeBin}:${process.env.PATH ?? ''}`, HOME: home, TZ: 'UTC', NO_COLOR: '1' },
    cwd: home,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `openclaw ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

interface PeerStatus {
  auth: {
    providers: { provider: string; profiles: { labels: string[] } }[];
    oauth: { profiles: { profileId: string; type: string; status: string; expiresAt?: number }[] };
  };
}

function realStatus(agent?: string): PeerStatus {
  const out = openclaw(peer, ['models', 'status', '--json', ...(agent ? ['--agent', agent] : [])]);
  return JSON.parse(out.slice(out.indexOf('{'))) as PeerStatus;
}

const labelsOf = (s: PeerStatus, provider: string) => s.auth.providers.find((p) => p.provider === provider)?.profiles.labels ?? [];
const realOrder = (agent?: string) => /^Order override: (.*)$/m.exec(openclaw(peer, ['models', 'auth', 'order', 'get', '--provider', 'anthropic', ...(agent ? ['--agent', agent] : [])]))?.[1];

describe('our CLI writes, the real OpenClaw reads them', () => {
  it('paste-token (setup-token, --expires-in 365d): models status shows the token profile, ok, expiring in a year', () => {
    const before = Date.now();
    ours(['paste-token', '--provider', 'anthropic', '--expires-in', '365d'], `${SETUP_TOKEN}\n`);
    const status = realStatus();
    assert.ok(labelsOf(status, 'anthropic').includes('anthropic:manual=token:sk-ant-o...TAILtail'), JSON.stringify(labelsOf(status, 'anthropic')));
    const profile = status.auth.oauth.profiles.find((p) => p.profileId === 'anthropic:manual');
    assert.equal(profile?.type, 'token');
    assert.equal(profile?.status, 'ok');
    if (profile?.expiresAt !== undefined) assert.ok(Math.abs(profile.expiresAt - (before + 365 * DAY)) < 120_000);
    // The comment survived, and OpenClaw reads the auth.profiles entry we added.
    assert.match(fs.readFileSync(path.join(home, '.openclaw', 'openclaw.json'), 'utf8'), /^\/\/ set up by hand/);
  });

  it('paste-token --agent work of an API key: an api_key profile in that agent\'s store', () => {
    ours(['paste-token', '--provider', 'anthropic', '--agent', 'work', '--profile-id', 'anthropic:work'], API_KEY);
    const labels = labelsOf(realStatus('work'), 'anthropic');
    assert.ok(labels.includes('anthropic:work=sk-ant-a...KEYSkeys'), JSON.stringify(labels));
  });

  it('order set --agent work: order get reads the override from auth-state.json', () => {
    ours(['order', 'set', '--provider', 'anthropic', '--agent', 'work', 'anthropic:work', 'anthropic:manual']);
    assert.equal(realOrder('work'), 'anthropic:work, anthropic:manual');
    assert.equal(realOrder(), '(none)', "main's order untouched");
    // Our own order get agrees, and says where the override lives.
    const got = JSON.parse(ours(['order', 'get', '--provider', 'anthropic', '--agent', 'work', '--json']));
    assert.deepEqual([got.order, got.source], [['anthropic:work', 'anthropic:manual'], 'auth-state']);
  });

  it('order clear --agent work: no override left', () => {
    ours(['order', 'clear', '--provider', 'anthropic', '--agent', 'work']);
    assert.equal(realOrder('work'), '(none)');
    // What is left is openclaw.json's auth.order, which paste-token started (as OpenClaw's does) when
    // the provider got profiles of two modes (token, api_key): OpenClaw's order get shows store overrides only.
    const got = JSON.parse(ours(['order', 'get', '--provider', 'anthropic', '--agent', 'work', '--json']));
    assert.deepEqual([got.order, got.source], [['anthropic:work', 'anthropic:manual'], 'config']);
  });

  it("order set --compat 2026.3: OpenClaw 2026.3.13 reads the store's own order", () => {
    ours(['order', 'set', '--provider', 'anthropic', '--compat', '2026.3', 'anthropic:manual']);
    const out = openclaw(peer2026_3, ['models', 'auth', 'order', 'get', '--provider', 'anthropic']);
    assert.match(out, /^Order override: anthropic:manual$/m);
  });

  it('remove: the profile is gone from models status, the other agent keeps its own', () => {
    ours(['remove', '--profile-id', 'anthropic:manual']);
    const main = realStatus();
    assert.ok(!labelsOf(main, 'anthropic').some((l) => l.startsWith('anthropic:manual=')), JSON.stringify(labelsOf(main, 'anthropic')));
    assert.ok(!main.auth.oauth.profiles.some((p) => p.profileId === 'anthropic:manual'));
    assert.ok(labelsOf(realStatus('work'), 'anthropic').includes('anthropic:work=sk-ant-a...KEYSkeys'));
  });
});
