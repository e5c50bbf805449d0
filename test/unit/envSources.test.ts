import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { collectEnvSources, configEnvVars, parseDotenvText, type EnvOrigin } from '../../server/src/openclaw/env/envSources.ts';
import { resolveEnvFiles } from '../../server/src/openclaw/env/envFiles.ts';
import { runOurCli } from '../support/runCli.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { withTempDir, writeTree } from '../support/tree.ts';
import {
  LoginShellCache, loginShellExecEnv, loginShellSettings, parseEnvZero, readEtcShells, resolveLoginShell, runLoginShell, shellEnvFacts,
} from '../../server/src/openclaw/env/loginShellEnv.ts';
import { statusRules } from '../../server/src/openclaw/rules/rules.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import { StatusService } from '../../server/src/statusService.ts';
import type { StatusSnapshot } from '../../server/src/protocol.ts';

/**
 * OpenClaw's env precedence (first wins, nothing overrides an existing value): process env, the
 * working folder's .env, <state>/.env, ~/.config/openclaw/gateway.env, the config's env block.
 */
describe('env sources: precedence and origin tags', () => {
  type Src = 'process' | 'cwd' | 'state' | 'gateway' | 'config';
  const rows: { name: string; mode: 'shell' | 'daemon'; sources: Src[]; origin: EnvOrigin | undefined; shadowed: EnvOrigin[] }[] = [
    { name: 'process beats every file', mode: 'shell', sources: ['process', 'cwd', 'state', 'gateway', 'config'], origin: 'process', shadowed: ['cwd-dotenv', 'state-dotenv', 'gateway-env', 'config-env'] },
    { name: 'state .env beats gateway.env and config', mode: 'shell', sources: ['state', 'gateway', 'config'], origin: 'state-dotenv', shadowed: ['gateway-env', 'config-env'] },
    { name: 'gateway.env beats config', mode: 'shell', sources: ['gateway', 'config'], origin: 'gateway-env', shadowed: ['config-env'] },
    { name: 'config env block alone', mode: 'shell', sources: ['config'], origin: 'config-env', shadowed: [] },
    { name: 'daemon ignores the shell env', mode: 'daemon', sources: ['process', 'state'], origin: 'state-dotenv', shadowed: [] },
    { name: 'daemon with the key only in the shell has nothing', mode: 'daemon', sources: ['process'], origin: undefined, shadowed: [] },
    { name: 'shell: a working folder .env supplies a non-provider key', mode: 'shell', sources: ['cwd', 'state'], origin: 'cwd-dotenv', shadowed: ['state-dotenv'] },
    { name: 'daemon ignores the working folder .env', mode: 'daemon', sources: ['cwd', 'config'], origin: 'config-env', shadowed: [] },
  ];
  for (const row of rows) {
    it(row.name, () =>
      withTempDir((root) => {
        const KEY = 'SOME_SETTING';
        const files: Record<string, string> = {};
        if (row.sources.includes('cwd')) files['work/.env'] = `${KEY}=from-cwd\n`;
        if (row.sources.includes('state')) files['state/.env'] = `export ${KEY}="from-state"\n`;
        if (row.sources.includes('gateway')) files['gateway.env'] = `${KEY}=from-gateway\r\n`;
        writeTree(root, { ...files, 'work/placeholder': '' });
        const sources = collectEnvSources({
          mode: row.mode,
          processEnv: row.sources.includes('process') ? { [KEY]: 'from-process' } : {},
          cwd: `${root}/work`,
          stateEnvFile: `${root}/state/.env`,
          gatewayEnvFile: `${root}/gateway.env`,
          configEnv: row.sources.includes('config') ? { vars: { [KEY]: 'from-config' } } : undefined,
          configPath: `${root}/state/openclaw.json`,
        });
        const v = sources.values.get(KEY);
        assert.equal(v?.origin, row.origin);
        if (v) assert.equal(v.value, `from-${{ process: 'process', 'cwd-dotenv': 'cwd', 'state-dotenv': 'state', 'gateway-env': 'gateway', 'config-env': 'config', 'login-shell': 'shell' }[v.origin]}`);
        assert.deepEqual((v?.shadowed ?? []).map((s) => s.origin), row.shadowed);
        if (v?.origin === 'state-dotenv') assert.equal(v.file, `${root}/state/.env`);
      }),
    );
  }

  it('dotenv parsing as OpenClaw (dotenv 17): export prefix, quotes, CRLF, comments', () => {
    assert.deepEqual(parseDotenvText('export A="x y"\r\nB=\'q\'\n# c\nC=plain # trailing\n'), { A: 'x y', B: 'q', C: 'plain' });
  });

  it('the config env block: env.vars and top-level string keys, vars first, shellEnv ignored', () => {
    assert.deepEqual(configEnvVars({ vars: { A: '1', N: 5 }, A: '2', B: '3', shellEnv: { enabled: true } }), { A: '1', B: '3' });
    assert.deepEqual(configEnvVars('nope'), {});
  });

  it('keys with non-portable names in a .env are skipped', () =>
    withTempDir((root) => {
      writeTree(root, { '.env': 'GOOD_KEY=1\n1BAD=2\nALSO-BAD=3\n' });
      const s = collectEnvSources({ mode: 'daemon', processEnv: {}, stateEnvFile: `${root}/.env` });
      assert.deepEqual([...s.values.keys()], ['GOOD_KEY']);
    }));

  it('gateway.env is read only while the state dir is at its default place', () => {
    assert.equal(resolveEnvFiles({ HOME: '/h' }).gatewayEnvFile, '/h/.config/openclaw/gateway.env');
    assert.equal(resolveEnvFiles({ HOME: '/h', OPENCLAW_STATE_DIR: '/s' }).gatewayEnvFile, undefined);
    assert.equal(resolveEnvFiles({ HOME: '/h', OPENCLAW_STATE_DIR: '/s' }).envFile, '/s/.env');
    const moved = resolveEnvFiles({ HOME: '/h', OPENCLAW_CONFIG_PATH: '/c/oc.json' });
    assert.equal(moved.envFile, '/h/.openclaw/.env', 'the state dir .env stays first');
    assert.equal(moved.gatewayEnvFile, '/h/.config/openclaw/gateway.env');
    assert.equal(moved.configDirEnvFile, '/c/.env', 'the .env beside a moved config is read too, last');
    assert.equal(resolveEnvFiles({ HOME: '/h' }).configDirEnvFile, undefined);
  });

  /** The env sources a daemon sees with HOME at `root/home` and the config moved to `root/cfg`. */
  const envWithConfigMovedTo = (root: string) => {
    const files = resolveEnvFiles({ HOME: `${root}/home`, OPENCLAW_CONFIG_PATH: `${root}/cfg/openclaw.json` });
    return collectEnvSources({ mode: 'daemon', processEnv: {}, stateEnvFile: files.envFile, gatewayEnvFile: files.gatewayEnvFile!, configDirEnvFile: files.configDirEnvFile! });
  };

  it('with OPENCLAW_CONFIG_PATH moved, the state .env wins over gateway.env, which wins over the config folder .env', () =>
    withTempDir((root) => {
      writeTree(root, {
        'home/.openclaw/.env': 'A_KEY=from-state\n',
        'home/.config/openclaw/gateway.env': 'A_KEY=from-gateway\nB_KEY=from-gateway\n',
        'cfg/.env': 'A_KEY=from-config-dir\nB_KEY=from-config-dir\nC_KEY=from-config-dir\n',
      });
      const s = envWithConfigMovedTo(root);
      assert.equal(s.values.get('A_KEY')?.value, 'from-state');
      assert.equal(s.values.get('B_KEY')?.value, 'from-gateway');
      assert.equal(s.values.get('C_KEY')?.value, 'from-config-dir');
      assert.equal(s.values.get('C_KEY')?.file, `${root}/cfg/.env`);
    }));

  it('with OPENCLAW_CONFIG_PATH moved and no state .env, the config folder .env wins over gateway.env', () =>
    withTempDir((root) => {
      writeTree(root, {
        'home/.config/openclaw/gateway.env': 'A_KEY=from-gateway\nB_KEY=from-gateway\n',
        'cfg/.env': 'A_KEY=from-config-dir\n',
      });
      const s = envWithConfigMovedTo(root);
      assert.equal(s.values.get('A_KEY')?.value, 'from-config-dir');
      assert.equal(s.values.get('B_KEY')?.value, 'from-gateway');
    }));
});

describe('workspace .env: provider keys are blocked', () => {
  const blocked = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OPENCLAW_STATE_DIR', 'ANTHROPIC_API_KEY_2', 'MY_BASE_URL'];
  for (const key of blocked) {
    it(`${key} from a working folder .env is refused and reported`, () =>
      withTempDir((home) => {
        writeTree(home, { 'proj/.env': `${key}=sk-ant-api03-${'Q'.repeat(40)}\nHARMLESS=1\n` });
        const state = loadOpenClawState({ env: { HOME: home }, mode: 'shell', cwd: `${home}/proj` });
        assert.equal(state.env.values.get(key), undefined);
        assert.equal(state.env.values.get('HARMLESS')?.origin, 'cwd-dotenv');
        const found = state.issues.find((i) => i.code === 'env/workspace-key-ignored');
        assert.ok(found, 'reported');
        assert.equal(found.file, `${home}/proj/.env`);
        assert.ok(found.message.includes(key) && found.message.includes('~/.openclaw/.env'));
        assert.ok(!found.message.includes('QQQQ'), 'the value is never in the message');
      }));
  }

  it('the same key in ~/.openclaw/.env is used, with its origin', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/.env': `ANTHROPIC_API_KEY=sk-ant-api03-${'Q'.repeat(40)}\n`, 'proj/.env': `ANTHROPIC_API_KEY=sk-ant-api03-${'W'.repeat(40)}\n` });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'shell', cwd: `${home}/proj` });
      const anthropic = state.agents[0]?.status.providers.find((p) => p.provider === 'anthropic');
      assert.equal(anthropic?.effective.kind, 'env');
      assert.equal(anthropic?.env?.origin.origin, 'state-dotenv');
      assert.equal(anthropic?.env?.origin.file, `${home}/.openclaw/.env`);
      assert.equal(anthropic?.effective.detail, 'sk-ant-a...QQQQQQQQ');
    }));

  it('shell vs daemon: a key exported only in the shell serves the CLI but not the gateway', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6' } } } });
      const env = { HOME: home, ANTHROPIC_API_KEY: `sk-ant-api03-${'Z'.repeat(40)}` };
      const shell = loadOpenClawState({ env, mode: 'shell' }).agents[0]!.status;
      const daemon = loadOpenClawState({ env, mode: 'daemon' }).agents[0]!.status;
      assert.equal(shell.providers.find((p) => p.provider === 'anthropic')?.env?.origin.origin, 'process');
      assert.equal(shell.checkCode, 0);
      assert.deepEqual(daemon.missingProvidersInUse, ['anthropic']);
      assert.equal(daemon.checkCode, 1);
    }));
});


/**
 * Source 5, last: with `env.shellEnv.enabled` (or OPENCLAW_LOAD_SHELL_ENV) OpenClaw runs
 * `$SHELL -l -c 'env -0'` ($SHELL only when listed in /etc/shells, else /bin/sh) and takes the
 * expected keys still unset, labelled `shell env: NAME`. Every case below runs a real login shell
 * on a temp HOME whose ~/.profile (dash, bash) or ~/.bash_profile (bash) exports the key; each
 * was checked against OpenClaw 2026.6.1 run live on the same kind of home.
 */
describe('login-shell import (env.shellEnv)', () => {
  const KEY = `sk-ant-api03-${'P'.repeat(40)}`;
  const CANARY = 'CANARYc4n4ryC4NARYc4n4ry';
  const MODEL = { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6' } } };
  const ENABLED = { ...MODEL, env: { shellEnv: { enabled: true } } };
  /** A profile that exports the key and records each run in ~/runs (so tests count real shell runs). */
  const PROFILE = `echo run >> "$HOME/runs"\nexport ANTHROPIC_API_KEY=${KEY}\n`;
  const runs = (home: string) => (fs.existsSync(`${home}/runs`) ? fs.readFileSync(`${home}/runs`, 'utf8').split('\n').filter(Boolean).length : 0);
  const bashTrusted = readEtcShells()?.has('/bin/bash') === true;
  const load = (home: string, extra: Partial<Parameters<typeof loadOpenClawState>[0]> = {}) =>
    loadOpenClawState({ env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' }, mode: 'shell', loginShell: runLoginShell, ...extra });
  const anthropic = (state: ReturnType<typeof loadOpenClawState>) => state.agents[0]!.status.providers.find((p) => p.provider === 'anthropic');

  it('the CLI imports a key exported by ~/.profile when env.shellEnv.enabled, as `shell env: NAME`', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': `${PROFILE}export TELEGRAM_BOT_TOKEN=${CANARY}\nexport NOT_EXPECTED=1\n` });
      const r = runOurCli(home, ['--json', '--check']);
      const doc = JSON.parse(r.stdout) as { auth: { shellEnvFallback: unknown; providers: { provider: string; env?: { source: string; origin: string; value: string } }[] } };
      const env = doc.auth.providers.find((p) => p.provider === 'anthropic')?.env;
      assert.equal(env?.source, 'shell env: ANTHROPIC_API_KEY');
      assert.equal(env?.origin, 'login-shell');
      assert.equal(env?.value, 'sk-ant-a...PPPPPPPP');
      // OpenClaw's order of expected keys; a channel key counts, a key OpenClaw does not expect does not.
      assert.deepEqual(doc.auth.shellEnvFallback, { enabled: true, appliedKeys: ['ANTHROPIC_API_KEY', 'TELEGRAM_BOT_TOKEN'] });
      assert.equal(r.code, 0);
      assert.ok(!r.stdout.includes(KEY) && !r.stdout.includes(CANARY), 'no secret in the output');
      assert.equal(runs(home), 1);
      const text = runOurCli(home, []);
      assert.match(text.stdout, /env=sk-ant-a\.\.\.PPPPPPPP \(ANTHROPIC_API_KEY from the login shell \/bin\/sh -l\)/);
    }));

  it('disabled (the default): the profile never runs and the key is missing', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': MODEL, '.profile': PROFILE });
      const r = runOurCli(home, ['--json', '--check']);
      const doc = JSON.parse(r.stdout) as { auth: { shellEnvFallback: unknown; missingProvidersInUse: string[] } };
      assert.deepEqual(doc.auth.shellEnvFallback, { enabled: false, appliedKeys: [] });
      assert.deepEqual(doc.auth.missingProvidersInUse, ['anthropic']);
      assert.equal(r.code, 1);
      assert.equal(runs(home), 0);
    }));

  describe('only keys still unset are taken, last in precedence', () => {
    const rows: { name: string; files?: Record<string, string | object>; env?: Record<string, string>; origin: EnvOrigin | undefined; applied: string[] }[] = [
      { name: 'a key in ~/.openclaw/.env wins', files: { '.openclaw/.env': 'ANTHROPIC_API_KEY=sk-ant-api03-from-state-dotenv-xxxxxxxx\n' }, origin: 'state-dotenv', applied: [] },
      { name: 'the config env block wins', files: { '.openclaw/openclaw.json': { ...ENABLED, env: { ...ENABLED.env, ANTHROPIC_API_KEY: 'sk-ant-api03-from-config-xxxxxxxx' } } }, origin: 'config-env', applied: [] },
      { name: 'the process env wins', env: { ANTHROPIC_API_KEY: 'sk-ant-api03-from-process-xxxxxxxx' }, origin: 'process', applied: [] },
      // 2026.6 asks whether the key is bound at all (Object.hasOwn): an empty value stops the import.
      { name: 'an empty value in the process env counts as set', env: { ANTHROPIC_API_KEY: '' }, origin: 'process', applied: [] },
      { name: 'a blank value exported by the shell is not taken', files: { '.profile': 'export ANTHROPIC_API_KEY="   "\n' }, origin: undefined, applied: [] },
      { name: 'nothing set anywhere else: the shell supplies it', origin: 'login-shell', applied: ['ANTHROPIC_API_KEY'] },
    ];
    for (const row of rows) {
      it(row.name, () =>
        withTempDir((home) => {
          writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE, ...row.files });
          const state = load(home, { env: { HOME: home, PATH: process.env.PATH ?? '', ...row.env } });
          assert.equal(state.env.values.get('ANTHROPIC_API_KEY')?.origin, row.origin);
          assert.deepEqual(state.env.loginShell.appliedKeys, row.applied);
          if (row.origin === 'login-shell') assert.equal(state.env.values.get('ANTHROPIC_API_KEY')?.value, KEY);
          assert.equal(state.env.values.get('NOT_EXPECTED'), undefined);
        }));
    }
  });

  describe('what switches it on', () => {
    const rows: { name: string; files: Record<string, string | object>; env?: Record<string, string>; outcome: string; ran: number }[] = [
      { name: 'OPENCLAW_LOAD_SHELL_ENV=1 with no openclaw.json at all', files: {}, env: { OPENCLAW_LOAD_SHELL_ENV: '1' }, outcome: 'ran', ran: 1 },
      { name: 'OPENCLAW_LOAD_SHELL_ENV=yes in ~/.openclaw/.env', files: { '.openclaw/openclaw.json': MODEL, '.openclaw/.env': 'OPENCLAW_LOAD_SHELL_ENV=yes\n' }, outcome: 'ran', ran: 1 },
      { name: 'OPENCLAW_LOAD_SHELL_ENV in the config env.vars', files: { '.openclaw/openclaw.json': { ...MODEL, env: { vars: { OPENCLAW_LOAD_SHELL_ENV: 'true' } } } }, outcome: 'ran', ran: 1 },
      { name: 'OPENCLAW_LOAD_SHELL_ENV=0 is off', files: { '.openclaw/openclaw.json': MODEL }, env: { OPENCLAW_LOAD_SHELL_ENV: '0' }, outcome: 'disabled', ran: 0 },
      { name: 'enabled: "true" (a string) is not the boolean OpenClaw needs', files: { '.openclaw/openclaw.json': { ...MODEL, env: { shellEnv: { enabled: 'true' } } } }, outcome: 'disabled', ran: 0 },
      { name: 'OPENCLAW_DEFER_SHELL_ENV_FALLBACK=1 defers it', files: { '.openclaw/openclaw.json': ENABLED }, env: { OPENCLAW_DEFER_SHELL_ENV_FALLBACK: '1' }, outcome: 'deferred', ran: 0 },
    ];
    for (const row of rows) {
      it(row.name, () =>
        withTempDir((home) => {
          writeTree(home, { '.profile': PROFILE, ...row.files });
          const state = load(home, { env: { HOME: home, PATH: process.env.PATH ?? '', ...row.env } });
          assert.equal(state.env.loginShell.outcome, row.outcome);
          assert.equal(state.env.loginShell.enabled, row.outcome !== 'disabled');
          assert.equal(runs(home), row.ran);
          assert.equal(state.env.values.get('ANTHROPIC_API_KEY')?.origin, row.ran ? 'login-shell' : undefined);
        }));
    }
  });

  it('without a probe the engine starts no process and says the import did not run', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'shell' });
      assert.equal(state.env.loginShell.outcome, 'not-run');
      assert.equal(state.env.loginShell.shell, '/bin/sh');
      assert.equal(runs(home), 0);
      assert.equal(anthropic(state), undefined);
    }));

  describe('which shell runs', () => {
    it('$SHELL=/bin/bash (listed in /etc/shells) reads ~/.bash_profile before ~/.profile', { skip: !bashTrusted && '/bin/bash is not in /etc/shells here' }, () =>
      withTempDir((home) => {
        writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE, '.bash_profile': `export ANTHROPIC_API_KEY=${KEY}bash\n` });
        const state = load(home, { env: { HOME: home, PATH: process.env.PATH ?? '', SHELL: ' /bin/bash ' } });
        assert.equal(state.env.loginShell.shell, '/bin/bash');
        assert.equal(state.env.values.get('ANTHROPIC_API_KEY')?.value, `${KEY}bash`);
      }));

    for (const [name, shellOf] of [['a shell not listed in /etc/shells', (home: string) => `${home}/fake-shell`], ['a path that is not normalised', () => '/bin/../bin/bash'], ['a relative path', () => 'bash']] as const) {
      it(`${name} is never run: /bin/sh runs instead`, () =>
        withTempDir((home) => {
          writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE, 'fake-shell': `#!/bin/sh\necho ran > "$HOME/fake-ran"\nprintf 'ANTHROPIC_API_KEY=${CANARY}\\0'\n`, '.bash_profile': `export ANTHROPIC_API_KEY=${CANARY}\n` });
          fs.chmodSync(`${home}/fake-shell`, 0o755);
          const state = load(home, { env: { HOME: home, PATH: process.env.PATH ?? '', SHELL: shellOf(home) } });
          assert.equal(state.env.loginShell.shell, '/bin/sh');
          assert.ok(!fs.existsSync(`${home}/fake-ran`), 'the untrusted shell did not run');
          assert.equal(state.env.values.get('ANTHROPIC_API_KEY')?.value, KEY);
        }));
    }

    it('BASH_ENV of the calling process does not reach the shell (OpenClaw strips it)', { skip: !bashTrusted && '/bin/bash is not in /etc/shells here' }, () =>
      withTempDir((home) => {
        writeTree(home, { '.openclaw/openclaw.json': ENABLED, 'bash-env': `export ANTHROPIC_API_KEY=${KEY}\n` });
        const state = load(home, { env: { HOME: home, PATH: process.env.PATH ?? '', SHELL: '/bin/bash', BASH_ENV: `${home}/bash-env` } });
        assert.equal(state.env.loginShell.outcome, 'ran');
        assert.equal(state.env.values.get('ANTHROPIC_API_KEY'), undefined);
      }));
  });

  describe('a failing shell is reported without its output, and the keys stay missing', () => {
    const rows: { name: string; profile: string; config?: object; env?: Record<string, string>; words: RegExp; maxMs: number }[] = [
      { name: 'env.shellEnv.timeoutMs', profile: 'sleep 5\n', config: { ...MODEL, env: { shellEnv: { enabled: true, timeoutMs: 300 } } }, words: /did not finish within 300 ms/, maxMs: 4000 },
      { name: 'OPENCLAW_SHELL_ENV_TIMEOUT_MS', profile: 'sleep 5\n', env: { OPENCLAW_SHELL_ENV_TIMEOUT_MS: '300' }, words: /did not finish within 300 ms/, maxMs: 4000 },
      { name: 'a profile that exits with status 3', profile: 'exit 3\n', words: /exited with status 3/, maxMs: 10_000 },
    ];
    for (const row of rows) {
      it(row.name, () =>
        withTempDir((home) => {
          writeTree(home, { '.openclaw/openclaw.json': row.config ?? ENABLED, '.profile': `echo ${CANARY} >&2\necho ${CANARY}\nexport ANTHROPIC_API_KEY=${KEY}\n${row.profile}` });
          const started = Date.now();
          const state = load(home, { env: { HOME: home, PATH: process.env.PATH ?? '', ...row.env } });
          assert.ok(Date.now() - started < row.maxMs, 'the timeout holds');
          assert.equal(state.env.loginShell.outcome, 'failed');
          const found = state.issues.find((i) => i.code === 'env/login-shell-failed');
          assert.ok(found, 'reported');
          assert.equal(found.severity, 'warning');
          assert.equal(found.file, `${home}/.openclaw/openclaw.json`);
          assert.match(found.message, row.words);
          assert.ok(!JSON.stringify(state.issues).includes(CANARY) && !JSON.stringify(state.issues).includes(KEY), 'no shell output in the issue');
          assert.deepEqual(state.agents[0]!.status.missingProvidersInUse, ['anthropic']);
        }));
    }

    it('the CLI prints the problem, never the output, and --check fails', () =>
      withTempDir((home) => {
        writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': `echo ${CANARY} >&2\nexport ANTHROPIC_API_KEY=${KEY}\nexit 7\n` });
        const r = runOurCli(home, ['--check']);
        assert.equal(r.code, 1);
        assert.match(r.stdout, /login-shell import failed: `\/bin\/sh -l -c 'env -0'` exited with status 7/);
        assert.ok(!(r.stdout + r.stderr).includes(CANARY) && !(r.stdout + r.stderr).includes(KEY));
      }));
  });

  it('the language server runs a profile once per shell, HOME and timeout, until refreshed (LoginShellCache)', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE, 'other/.profile': PROFILE, 'other/.openclaw/openclaw.json': ENABLED });
      const cache = new LoginShellCache();
      for (let i = 0; i < 3; i++) assert.equal(load(home, { loginShell: cache.probe }).env.values.get('ANTHROPIC_API_KEY')?.origin, 'login-shell');
      assert.equal(runs(home), 1);
      load(`${home}/other`, { env: { HOME: `${home}/other`, PATH: process.env.PATH ?? '' }, loginShell: cache.probe });
      assert.equal(runs(`${home}/other`), 1, 'another HOME is another shell run');
      assert.equal(cache.size, 2);
      cache.clear();
      load(home, { loginShell: cache.probe });
      assert.equal(runs(home), 2, 'run again after clear()');
    }));

  it('the language server: file changes re-resolve without re-running the profile; Refresh runs it again', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-svc-shell-'));
    const sent: StatusSnapshot[] = [];
    const service = new StatusService({ notify: (s) => sent.push(s), log: () => undefined }, { env: { HOME: home, PATH: process.env.PATH ?? '' }, debounceMs: 50 });
    try {
      writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE });
      const first = service.configure({}, undefined);
      const candidate = (s: StatusSnapshot) => s.agents[0]?.providers.find((p) => p.provider === 'anthropic')?.candidates.find((c) => c.kind === 'env');
      assert.equal(candidate(first)?.envOrigin, 'login-shell');
      const before = sent.length;
      writeTree(home, { '.openclaw/.env': 'OPENAI_API_KEY=sk-proj-from-dotenv-xxxxxxxxxxxxxxxx\n' });
      for (let i = 0; i < 100 && sent.length === before; i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(sent.length > before, 'the change was seen');
      assert.equal(runs(home), 1, 'the profile ran once');
      service.refresh();
      assert.equal(runs(home), 2, 'Refresh asks the shell again');
    } finally {
      service.dispose();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('the daemon also imports, from a shell started with the service env, not this process env', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': `${PROFILE}echo "\${ONLY_IN_THIS_PROCESS:-unset}" > "$HOME/seen"\n` });
      const env = { HOME: home, PATH: process.env.PATH ?? '', ONLY_IN_THIS_PROCESS: 'here', ANTHROPIC_API_KEY: 'sk-ant-api03-this-process-only-xxxxxxxx' };
      const daemon = load(home, { env, mode: 'daemon' });
      assert.equal(daemon.env.values.get('ANTHROPIC_API_KEY')?.origin, 'login-shell');
      assert.equal(fs.readFileSync(`${home}/seen`, 'utf8').trim(), 'unset');
      assert.equal(daemon.agents[0]!.status.checkCode, 0);
      const shell = load(home, { env, mode: 'shell' });
      assert.equal(shell.env.values.get('ANTHROPIC_API_KEY')?.origin, 'process');
      assert.equal(fs.readFileSync(`${home}/seen`, 'utf8').trim(), 'here');
    }));

  it('--compat 2026.3: one expected key set anywhere stops the whole import; blank keys are replaced', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE });
      const withOpenAi = load(home, { compat: '2026.3', env: { HOME: home, PATH: process.env.PATH ?? '', OPENAI_API_KEY: 'sk-openai-xxxxxxxxxxxxxxxx' } });
      assert.equal(withOpenAi.env.loginShell.outcome, 'nothing-missing');
      assert.equal(runs(home), 0);
      const blank = load(home, { compat: '2026.3', env: { HOME: home, PATH: process.env.PATH ?? '', ANTHROPIC_API_KEY: ' ' } });
      const v = blank.env.values.get('ANTHROPIC_API_KEY');
      assert.equal(v?.origin, 'login-shell');
      assert.deepEqual(v?.shadowed, [{ origin: 'process' }]);
      // 2026.6 leaves the bound (if blank) key alone.
      assert.equal(load(home, { env: { HOME: home, PATH: process.env.PATH ?? '', ANTHROPIC_API_KEY: ' ' } }).env.values.get('ANTHROPIC_API_KEY')?.origin, 'process');
    }));

  it('the editor snapshot tags the key with its origin and no file', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': ENABLED, '.profile': PROFILE });
      const snapshot = buildStatusSnapshot(load(home));
      const candidate = snapshot.agents[0]?.providers.find((p) => p.provider === 'anthropic')?.candidates.find((c) => c.kind === 'env');
      assert.equal(candidate?.envOrigin, 'login-shell');
      assert.equal(candidate?.file, undefined);
      assert.ok(!JSON.stringify(snapshot).includes(KEY));
    }));
});

describe('login shell: how OpenClaw starts it and reads it', () => {
  it('$SHELL is trusted only when absolute, normalised and listed', () => {
    const listed = new Set(['/bin/bash', '/usr/bin/zsh']);
    const rows: [string | undefined, ReadonlySet<string> | null, string][] = [
      ['/bin/bash', listed, '/bin/bash'], ['  /usr/bin/zsh\n', listed, '/usr/bin/zsh'], ['/bin/fish', listed, '/bin/sh'],
      ['bash', new Set(['bash']), '/bin/sh'], ['/bin//bash', new Set(['/bin//bash']), '/bin/sh'], [undefined, listed, '/bin/sh'], ['/bin/bash', null, '/bin/sh'],
    ];
    for (const [shell, shells, expected] of rows) assert.equal(resolveLoginShell(shell, shells), expected, String(shell));
  });

  it('/etc/shells: comments, blanks and relative entries are skipped; an unreadable file trusts nothing', () =>
    withTempDir((dir) => {
      writeTree(dir, { shells: '# comment\n/bin/bash\r\n\n  /usr/bin/zsh  \nrelative/sh\n' });
      assert.deepEqual([...(readEtcShells(`${dir}/shells`) ?? [])], ['/bin/bash', '/usr/bin/zsh']);
      assert.equal(readEtcShells(`${dir}/missing`), null);
    }));

  it('env -0 output: values keep line breaks and = signs; entries without a name are skipped', () => {
    const parsed = parseEnvZero(Buffer.from('A=1\0MULTI=line1\nline2\0EQ=a=b\0=nokey\0junk\0\0'));
    assert.deepEqual([...parsed], [['A', '1'], ['MULTI', 'line1\nline2'], ['EQ', 'a=b']]);
  });

  it('the shell env: dangerous variables stripped, HOME forced, ZDOTDIR removed, OPENCLAW_CLI=1', () => {
    const out = loginShellExecEnv({ PATH: '/bin', BASH_ENV: '/x', LD_PRELOAD: '/y', DYLD_INSERT_LIBRARIES: '/z', ZDOTDIR: '/d', SHELL: '/bin/bash', HOME: '/old', ANTHROPIC_API_KEY: 'k', OPENCLAW_STATE_DIR: '/s' }, '/home/u', shellEnvFacts['2026.6.1']);
    assert.deepEqual(out, { PATH: '/bin', HOME: '/home/u', ANTHROPIC_API_KEY: 'k', OPENCLAW_STATE_DIR: '/s', OPENCLAW_CLI: '1' });
  });

  it('timeouts: config milliseconds first, then OPENCLAW_SHELL_ENV_TIMEOUT_MS, else 15 s', () => {
    const facts = shellEnvFacts['2026.6.1'];
    const legacy = shellEnvFacts['2026.3.13'];
    const rows: [unknown, Record<string, string>, typeof facts, number][] = [
      [{ shellEnv: { enabled: true } }, {}, facts, 15_000],
      [{ shellEnv: { enabled: true, timeoutMs: 0 } }, { OPENCLAW_SHELL_ENV_TIMEOUT_MS: '900' }, facts, 0],
      [{ shellEnv: { enabled: true, timeoutMs: 2.5 } }, { OPENCLAW_SHELL_ENV_TIMEOUT_MS: '900' }, facts, 900],
      [{ shellEnv: { enabled: true } }, { OPENCLAW_SHELL_ENV_TIMEOUT_MS: ' 900 ' }, facts, 900],
      [{ shellEnv: { enabled: true } }, { OPENCLAW_SHELL_ENV_TIMEOUT_MS: '900ms' }, facts, 15_000],
      [{ shellEnv: { enabled: true } }, { OPENCLAW_SHELL_ENV_TIMEOUT_MS: '900ms' }, legacy, 900],
      [{ shellEnv: { enabled: true } }, { OPENCLAW_SHELL_ENV_TIMEOUT_MS: '99999999999' }, facts, 2_147_000_000],
    ];
    for (const [configEnv, env, f, expected] of rows) assert.equal(loginShellSettings(env, configEnv, f).timeoutMs, expected, JSON.stringify([configEnv, env]));
  });

  it('a real run: the profile\'s exports come back; a missing shell is a spawn error, not a throw', () =>
    withTempDir((home) => {
      writeTree(home, { '.profile': 'export FROM_PROFILE="two\nlines"\n' });
      const ok = runLoginShell({ shell: '/bin/sh', env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeoutMs: 10_000 });
      assert.ok(ok.ok);
      assert.equal(ok.env.get('FROM_PROFILE'), 'two\nlines');
      assert.deepEqual(runLoginShell({ shell: `${home}/no-such-shell`, env: {}, timeoutMs: 1000 }), { ok: false, failure: 'spawn-error', detail: 'ENOENT' });
    }));

  it('the expected keys of 2026.6.1 cover every provider env variable of its catalog', () => {
    const expected = new Set(shellEnvFacts['2026.6.1'].expectedKeys);
    const catalog = statusRules(undefined).catalog;
    assert.deepEqual([...catalog.allEnvVariables()].filter((k) => !expected.has(k)), []);
    assert.ok(expected.has('OPENCLAW_GATEWAY_TOKEN'));
  });
});
