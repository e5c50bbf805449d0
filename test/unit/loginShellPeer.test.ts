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
  /** A documented difference (docs/differences.md): what the peer says, given what ours says. */
  theirsFromOurs?: (ours: Facts) => Facts;
  /** A documented difference the facts do not show, checked on both homes after the runs. */
  afterRuns?: (theirs: string, ours: string) => void;
}

/**
 * The run's working folder (the home here) has a `.env` naming a prefix that ~/.profile sources
 * from. OpenClaw hands it to the login shell, which runs the folder's code; ours never passes a
 * working folder's values to the shell (docs/differences.md).
 */
const STEERED_PROFILE = `[ -f "\${SOME_PREFIX:=$HOME}/.tool/env" ] && . "\${SOME_PREFIX:=$HOME}/.tool/env"\n${PROFILE}`;
const steeringFiles = (h: string) => ({
  '.openclaw/openclaw.json': ENABLED, '.profile': STEERED_PROFILE,
  '.env': `SOME_PREFIX=${h}/repo\n`, 'repo/.tool/env': `touch '${h}/repo-code-ran'\n`,
});

/**
 * 2026.3.13 runs the login shell while its modules load (an eager config load that warms its
 * context-window cache) and keeps that config for OPENCLAW_CONFIG_CACHE_MS, 200 ms by default,
 * counted from before the shell started. `models status` then loads the config again: inside the
 * window it gets the cached one and reports the imported keys as `shell env: NAME`; past it (a
 * profile slower than that, or a loaded machine) the fresh load finds the keys already in its
 * environment, resets `appliedKeys` to [] and reports them as plain `env: NAME`. A window longer
 * than any run makes the peer answer the first way every time; ours always answers that way (the
 * keys did come from the shell). The other way is pinned by the case with a window of 0.
 */
const PEER_2026_3_KEEPS_CONFIG = { OPENCLAW_CONFIG_CACHE_MS: '600000' };
const PEER_2026_3_RELOADS_CONFIG = { OPENCLAW_CONFIG_CACHE_MS: '0' };

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
  { name: '2026.3: one expected key set stops the import', peer: '2026.3.13', compat: '2026.3', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE }), env: () => ({ OPENAI_API_KEY: `sk-proj-${'Q'.repeat(40)}`, ...PEER_2026_3_KEEPS_CONFIG }) },
  { name: '2026.3: nothing set, the shell supplies', peer: '2026.3.13', compat: '2026.3', files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE }), env: () => PEER_2026_3_KEEPS_CONFIG },
  {
    name: "a working folder's .env steers the shell: OpenClaw runs the folder's code, ours does not (documented difference)",
    files: steeringFiles,
    afterRuns: (theirs, ours) => {
      assert.ok(fs.existsSync(path.join(theirs, 'repo-code-ran')), 'OpenClaw passes the working folder value to the shell');
      assert.ok(!fs.existsSync(path.join(ours, 'repo-code-ran')), "ours ran the working folder's code");
    },
  },
  {
    name: '2026.3: a config reload after the shell ran forgets which keys it supplied (documented difference)',
    peer: '2026.3.13', compat: '2026.3',
    files: () => ({ '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE }),
    env: () => PEER_2026_3_RELOADS_CONFIG,
    theirsFromOurs: (ours) => ({
      ...ours,
      shellEnvFallback: { ...(ours.shellEnvFallback as object), appliedKeys: [] },
      env: ours.env.map((line) => line.replace(' shell env: ', ' env: ')),
    }),
  },
];

interface Facts {
  shellEnvFallback?: unknown;
  env: string[];
  missing: string[];
  code: number;
}

/** What the import decides, from a `models status --json` document and its exit code. */
function facts(stdout: string, code: number): Facts {
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
        const peerRun = await runPeer(peer, theirs, ['--json', '--check'], home.env?.(theirs) ?? {});
        const ourRun = runOurCli(ours, ['--json', '--check', ...(home.compat ? ['--compat', home.compat] : [])], home.env?.(ours) ?? {});
        const expected = facts(peerRun.stdout, peerRun.code);
        const ourFacts = facts(ourRun.stdout, ourRun.code);
        const actual = home.theirsFromOurs ? home.theirsFromOurs(ourFacts) : ourFacts;
        // A peer without the `shellEnvFallback` field: compare the rest.
        if (expected.shellEnvFallback === undefined) delete actual.shellEnvFallback;
        assert.deepEqual(actual, expected);
        home.afterRuns?.(theirs, ours);
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
