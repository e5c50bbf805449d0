/**
 * Ours against the live OpenClaw on homes that use the login-shell import (env.shellEnv): the same
 * fake HOME, the same env, `models status --json --check` and `openclaw-auth status --json --check`,
 * compared on what the import decides (appliedKeys, each provider's env source and masked value,
 * missing providers, the exit code). Needs the installed peers and a few seconds per home, so it
 * runs only with OPENCLAW_LIVE_PEER=1:
 *
 *   OPENCLAW_LIVE_PEER=1 node --import tsx --test test/unit/loginShellPeer.test.ts
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ensurePeer, runPeer } from '../differential/peer.ts';
import { repoRoot, runOurCli } from '../support/runCli.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const live = process.env.OPENCLAW_LIVE_PEER === '1';
const KEY = `sk-ant-api03-${'P'.repeat(40)}`;
const MODEL = { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6', models: { 'openai/gpt-5.4': {} } } } };
const ENABLED = { ...MODEL, env: { shellEnv: { enabled: true } } };
const PROFILE = `export ANTHROPIC_API_KEY=${KEY}\nexport OPENAI_API_KEY=sk-proj-${'O'.repeat(40)}\nexport TELEGRAM_BOT_TOKEN=123:abc\n`;

interface Home {
  name: string;
  files: (home: string) => Record<string, string | object>;
  env?: (home: string) => Record<string, string>;
  peer?: string;
  compat?: string;
}

const homes: Home[] = [
  { name: 'enabled in openclaw.json, /bin/sh reads ~/.profile', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE }) },
  { name: 'disabled', files: () => ({ '.openclaw/openclaw.json': MODEL, '.profile': PROFILE }) },
  { name: 'OPENCLAW_LOAD_SHELL_ENV=1 in ~/.openclaw/.env', files: () => ({ '.openclaw/openclaw.json': MODEL, '.openclaw/.env': 'OPENCLAW_LOAD_SHELL_ENV=1\n', '.profile': PROFILE }) },
  { name: 'key already in ~/.openclaw/.env, the others from the shell', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.openclaw/.env': 'ANTHROPIC_API_KEY=sk-ant-api03-from-dotenv-xxxxxxxxxxxx\n', '.profile': PROFILE }) },
  { name: 'empty key in the process env', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE }), env: () => ({ ANTHROPIC_API_KEY: '' }) },
  { name: 'SHELL=/bin/bash reads ~/.bash_profile', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE, '.bash_profile': `export ANTHROPIC_API_KEY=${KEY}bash\n` }), env: () => ({ SHELL: '/bin/bash' }) },
  { name: 'an unlisted SHELL falls back to /bin/sh', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE, '.bash_profile': `export ANTHROPIC_API_KEY=${KEY}bash\n` }), env: () => ({ SHELL: '/bin/../bin/bash' }) },
  { name: 'BASH_ENV is stripped', files: () => ({ '.openclaw/openclaw.json': ENABLED, 'bash-env': PROFILE }), env: (h) => ({ SHELL: '/bin/bash', BASH_ENV: `${h}/bash-env` }) },
  { name: 'deferred', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE }), env: () => ({ OPENCLAW_DEFER_SHELL_ENV_FALLBACK: '1' }) },
  { name: 'a profile that fails', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': `${PROFILE}exit 3\n` }) },
  { name: 'a profile slower than env.shellEnv.timeoutMs', files: () => ({ '.openclaw/openclaw.json': { ...MODEL, env: { shellEnv: { enabled: true, timeoutMs: 500 } } }, '.profile': `${PROFILE}sleep 3\n` }) },
  { name: 'a moved state dir (OPENCLAW_STATE_DIR)', files: () => ({ 'state/openclaw.json': ENABLED, '.profile': PROFILE }), env: (h) => ({ OPENCLAW_STATE_DIR: `${h}/state` }) },
  { name: '2026.3: one expected key set stops the import', peer: '2026.3.13', compat: '2026.3', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE }), env: () => ({ OPENAI_API_KEY: `sk-proj-${'Q'.repeat(40)}` }) },
  { name: '2026.3: nothing set, the shell supplies', peer: '2026.3.13', compat: '2026.3', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE }) },
];

/** What the import decides, from a `models status --json` document and its exit code. */
function facts(stdout: string, code: number): unknown {
  const start = stdout.indexOf('{');
  const doc = JSON.parse(stdout.slice(start)) as {
    auth: { shellEnvFallback?: unknown; missingProvidersInUse: string[]; providers: { provider: string; env?: { source: string; value: string } }[] };
  };
  return {
    shellEnvFallback: doc.auth.shellEnvFallback,
    env: doc.auth.providers.filter((p) => p.env).map((p) => `${p.provider} ${p.env!.source} ${p.env!.value}`),
    missing: doc.auth.missingProvidersInUse,
    code,
  };
}

describe('login-shell import: ours and the live OpenClaw on the same homes', { skip: !live && 'set OPENCLAW_LIVE_PEER=1 (runs the real OpenClaw)' }, () => {
  for (const home of homes) {
    it(home.name, async () => {
      const version = home.peer ?? '2026.6.1';
      const peer = ensurePeer(version); // installs it into .cache on a fresh clone
      const dir = fs.mkdtempSync(path.join(repoRoot, '.cache', 'shellenv-'));
      try {
        const theirs = path.join(dir, 'theirs');
        const ours = path.join(dir, 'ours');
        for (const h of [theirs, ours]) writeTree(h, home.files(h));
        // 2026.3.13 has no `shellEnvFallback` field; compare the rest there.
        const peerRun = await runPeer(peer, theirs, ['--json', '--check'], home.env?.(theirs) ?? {});
        const ourRun = runOurCli(ours, ['--json', '--check', ...(home.compat ? ['--compat', home.compat] : [])], home.env?.(ours) ?? {});
        const expected = facts(peerRun.stdout, peerRun.code) as { shellEnvFallback?: unknown };
        const actual = facts(ourRun.stdout, ourRun.code) as { shellEnvFallback?: unknown };
        if (expected.shellEnvFallback === undefined) delete actual.shellEnvFallback;
        assert.deepEqual(actual, expected);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

// Keep the helper honest without the peer: the facts of a document are read as intended.
it('login-shell peer comparison reads the facts it compares', () =>
  withTempDir(() => {
    const doc = { auth: { shellEnvFallback: { enabled: true, appliedKeys: ['A'] }, missingProvidersInUse: ['x'], providers: [{ provider: 'p', env: { source: 'shell env: A', value: 'v' } }, { provider: 'q' }] } };
    assert.deepEqual(facts(`noise\n${JSON.stringify(doc)}`, 1), { shellEnvFallback: { enabled: true, appliedKeys: ['A'] }, env: ['p shell env: A v'], missing: ['x'], code: 1 });
  }));
