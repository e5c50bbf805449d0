import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runOurCli } from '../support/runCli.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const STORE = '.openclaw/agents/main/agent/auth-profiles.json';
const H = 3600e3;

describe('CLI usage errors: one line on stderr, exit 3, no stack trace', () => {
  const rows: { args: string[]; says: RegExp }[] = [
    { args: ['--bogus'], says: /Unknown option '--bogus'/ },
    { args: ['--agent'], says: /--agent/ },
    { args: ['--agent', '  '], says: /--agent needs an agent id/ },
    { args: ['--agent', 'nope'], says: /Unknown agent id "nope"\. Configured agents: main, work\./ },
    { args: ['--compat', '1999.1'], says: /--compat must be one of 2026\.3/ },
    { args: ['--warn-window', 'soon'], says: /--warn-window needs a duration/ },
    { args: ['--warn-window', '-5h'], says: /--warn-window/ },
    { args: ['extra'], says: /Unknown command "status extra"/ },
    { args: ['--json=yes'], says: /--json/ },
  ];
  for (const row of rows) {
    it(row.args.join(' '), () =>
      withTempDir((home) => {
        writeTree(home, { '.openclaw/openclaw.json': { agents: { list: [{ id: 'main' }, { id: 'work' }] } } });
        const r = runOurCli(home, row.args);
        assert.equal(r.code, 3, r.stderr);
        assert.equal(r.stdout, '');
        const lines = r.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, r.stderr);
        assert.match(lines[0]!, /^openclaw-auth: /);
        assert.match(lines[0]!, row.says);
        assert.ok(!/\bat .*\.js:\d+/.test(r.stderr), 'no stack trace');
      }));
  }

  it('--help prints usage and exits 0', () =>
    withTempDir((home) => {
      const r = runOurCli(home, ['--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^Usage: openclaw-auth status/);
    }));
});

describe('CLI --check exit codes (0 fine, 1 expired or missing, 2 expiring)', () => {
  const model = { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6' } } };
  const token = (expires: number) => ({ version: 1, profiles: { 'anthropic:t': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-' + 'c'.repeat(95), expires } } });
  const rows: { name: string; store?: object; args?: string[]; env?: Record<string, string>; code: number; words: RegExp }[] = [
    { name: 'valid token', store: token(Date.now() + 30 * 24 * H), code: 0, words: /Check: ok \(0\)/ },
    { name: 'expiring token', store: token(Date.now() + 2 * H), code: 2, words: /Check: expiring within the warning window \(2\)/ },
    { name: 'expired token', store: token(Date.now() - 2 * H), code: 1, words: /Check: expired or missing .* \(1\)/ },
    { name: 'no store at all', code: 1, words: /Missing auth for providers in use: anthropic/ },
    { name: 'valid token inside a 40-day --warn-window', store: token(Date.now() + 30 * 24 * H), args: ['--warn-window', '40d'], code: 2, words: /\(2\)/ },
    { name: 'key only in the shell env: fine in shell mode', env: { ANTHROPIC_API_KEY: 'sk-ant-api03-' + 'e'.repeat(50) }, code: 0, words: /env=sk-ant-a\.\.\.eeeeeeee \(ANTHROPIC_API_KEY from the process environment\)/ },
    { name: 'key only in the shell env: missing for the daemon', env: { ANTHROPIC_API_KEY: 'sk-ant-api03-' + 'e'.repeat(50) }, args: ['--daemon'], code: 1, words: /Env mode\s+: daemon/ },
  ];
  for (const row of rows) {
    it(row.name, () =>
      withTempDir((home) => {
        writeTree(home, { '.openclaw/openclaw.json': model, ...(row.store ? { [STORE]: row.store } : {}) });
        const check = runOurCli(home, ['--check', ...(row.args ?? [])], row.env);
        assert.equal(check.code, row.code, check.stderr);
        assert.match(check.stdout, row.words);
        const json = runOurCli(home, ['--json', '--check', ...(row.args ?? [])], row.env);
        assert.equal(json.code, row.code);
        assert.equal((JSON.parse(json.stdout) as { auth: { checkCode: number } }).auth.checkCode, row.code);
        // Without --check the status itself always exits 0.
        assert.equal(runOurCli(home, row.args ?? [], row.env).code, 0);
      }));
  }
});

describe('CLI --state-dir', () => {
  it('reads the given state folder (relative to the working folder) over OPENCLAW_STATE_DIR', () =>
    withTempDir((home) => {
      const store = { version: 1, profiles: { 'anthropic:k': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 's'.repeat(50) } } };
      writeTree(home, { 'alt/agents/main/agent/auth-profiles.json': store, 'alt/openclaw.json': { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6' } } } });
      const r = runOurCli(home, ['--state-dir', 'alt', '--json', '--check'], { OPENCLAW_STATE_DIR: `${home}/elsewhere` });
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as { configPath: string; openclawAuth: { stateDir: string } };
      assert.equal(doc.openclawAuth.stateDir, `${home}/alt`);
      assert.equal(doc.configPath, `${home}/alt/openclaw.json`);
    }));
});
