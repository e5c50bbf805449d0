import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectEnvSources, configEnvVars, parseDotenvText, type EnvOrigin } from '../../server/src/openclaw/envSources.ts';
import { resolveEnvFiles } from '../../server/src/openclaw/envFiles.ts';
import { runOurCli } from '../support/runCli.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

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
        if (v) assert.equal(v.value, `from-${{ process: 'process', 'cwd-dotenv': 'cwd', 'state-dotenv': 'state', 'gateway-env': 'gateway', 'config-env': 'config' }[v.origin]}`);
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
    assert.equal(resolveEnvFiles({ HOME: '/h', OPENCLAW_CONFIG_PATH: '/c/oc.json' }).envFile, '/c/.env');
  });
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
 * Source 5 of OpenClaw's precedence: with `env.shellEnv.enabled` (or OPENCLAW_LOAD_SHELL_ENV=1) it runs
 * `$SHELL -l -c 'env -0'` (SHELL checked against /etc/shells, else /bin/sh) and imports the provider
 * keys still missing, labelled `shell env: NAME`. OpenClaw 2026.6.1 reports anthropic as `env` here
 * (checked live); the engine does not import the login shell yet, so this is a known gap, kept running.
 */
describe('login-shell import (env.shellEnv)', () => {
  it('imports a key exported by ~/.profile when env.shellEnv.enabled', { todo: 'login-shell env import is not implemented in the engine yet' }, () =>
    withTempDir((home) => {
      writeTree(home, {
        '.openclaw/openclaw.json': { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6' } }, env: { shellEnv: { enabled: true } } },
        '.profile': `export ANTHROPIC_API_KEY=sk-ant-api03-${'P'.repeat(40)}\n`,
      });
      const r = runOurCli(home, ['--json', '--check']);
      const doc = JSON.parse(r.stdout) as { auth: { providers: { provider: string; env?: { source: string } }[] } };
      assert.equal(doc.auth.providers.find((p) => p.provider === 'anthropic')?.env?.source, 'shell env: ANTHROPIC_API_KEY');
      assert.equal(r.code, 0);
    }));
});
