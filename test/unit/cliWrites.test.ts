import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cliPath } from '../support/runCli.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const STORE = '.openclaw/agents/main/agent/auth-profiles.json';
const CANARY = 'CANARY-d41d8cd98f00b204';
const CANARY_TOKEN = `sk-ant-oat01-${CANARY}-${'q'.repeat(80)}`;

/** Our bundled CLI with a clean environment; `input` goes to stdin (the only way a token comes in). */
function cli(home: string, args: string[], input = '') {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC', NO_COLOR: '1' },
    cwd: home,
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function assertNoCanary(r: { stdout: string; stderr: string }) {
  assert.ok(!r.stdout.includes(CANARY), 'stdout holds the canary');
  assert.ok(!r.stderr.includes(CANARY), 'stderr holds the canary');
}

function assertOneLineRefusal(r: { code: number; stdout: string; stderr: string }, says: RegExp) {
  assert.equal(r.code, 3, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^openclaw-auth: /);
  assert.match(lines[0]!, says);
  assert.ok(!/\bat .*\.js:\d+/.test(r.stderr), 'no stack trace');
}

describe('CLI write commands', () => {
  it('paste-token takes the token from stdin, stores it, prints a summary without it', () =>
    withTempDir((home) => {
      const r = cli(home, ['paste-token', '--provider', 'anthropic', '--expires-in', '30d'], `${CANARY_TOKEN}\n`);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'Stored token profile anthropic:manual for agent main.\n');
      assertNoCanary(r);
      const stored = JSON.parse(fs.readFileSync(path.join(home, STORE), 'utf8')).profiles['anthropic:manual'];
      assert.equal(stored.token, CANARY_TOKEN);
      assert.ok(Math.abs(stored.expires - (Date.now() + 30 * 86_400_000)) < 60_000);
      // The status command sees it at once.
      const status = cli(home, ['status', '--json']);
      assert.ok(!status.stdout.includes(CANARY));
      assert.match(status.stdout, /anthropic:manual/);
    }));

  it('--state-dir moves every write, as it moves status', () =>
    withTempDir((home) => {
      const stateDir = path.join(home, 'elsewhere');
      const r = cli(home, ['paste-token', '--provider', 'anthropic', '--state-dir', stateDir], CANARY_TOKEN);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(fs.readFileSync(path.join(stateDir, 'agents/main/agent/auth-profiles.json'), 'utf8')).profiles['anthropic:manual'].token, CANARY_TOKEN);
      assert.ok(fs.existsSync(path.join(stateDir, 'openclaw.json')));
      assert.ok(!fs.existsSync(path.join(home, '.openclaw')));
    }));

  const refused: { name: string; args: string[]; input: string; says: RegExp }[] = [
    { name: 'a token cut short', args: ['paste-token', '--provider', 'anthropic'], input: `sk-ant-oat01-${CANARY}`, says: /Token looks too short/ },
    { name: 'a token with a line break', args: ['paste-token', '--provider', 'anthropic'], input: `${CANARY_TOKEN.slice(0, 50)}\n${CANARY_TOKEN.slice(50)}\n`, says: /line break/ },
    { name: 'the token as an argument', args: ['paste-token', '--provider', 'anthropic', CANARY_TOKEN], input: '', says: /standard input only/ },
    { name: 'a token for the wrong provider', args: ['paste-token', '--provider', 'openai'], input: CANARY_TOKEN, says: /provider anthropic, not openai/ },
    { name: 'no provider', args: ['paste-token'], input: CANARY_TOKEN, says: /--provider/ },
    { name: 'a bad --expires-in', args: ['paste-token', '--provider', 'anthropic', '--expires-in', 'soon'], input: CANARY_TOKEN, says: /--expires-in needs a duration/ },
    { name: 'an unknown option', args: ['paste-token', '--provider', 'anthropic', `--token=${CANARY_TOKEN}`], input: '', says: /Unknown option '--token'/ },
  ];
  for (const row of refused) {
    it(`paste-token refuses ${row.name}: exit 3, one line, no secret, nothing written`, () =>
      withTempDir((home) => {
        const r = cli(home, row.args, row.input);
        assertOneLineRefusal(r, row.says);
        assertNoCanary(r);
        assert.ok(!fs.existsSync(path.join(home, STORE)));
      }));
  }

  it('a store it cannot parse: exit 3 with the code and the place, store untouched', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: '{\n  "version": 1,\n  "profiles": {,\n}' });
      const r = cli(home, ['paste-token', '--provider', 'anthropic'], CANARY_TOKEN);
      assertOneLineRefusal(r, /\[store\/invalid-json\] \(.*auth-profiles\.json:3:\d+\)/);
      assertNoCanary(r);
      assert.equal(fs.readFileSync(path.join(home, STORE), 'utf8'), '{\n  "version": 1,\n  "profiles": {,\n}');
    }));

  it('order set / get / clear and remove, with their exit codes', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: { version: 1, profiles: { 'anthropic:a': { type: 'api_key', provider: 'anthropic', key: 'k' }, 'anthropic:b': { type: 'api_key', provider: 'anthropic', key: 'k2' } } } });
      assert.equal(cli(home, ['order', 'set', '--provider', 'anthropic', 'anthropic:b', 'anthropic:a']).code, 0);
      const got = cli(home, ['order', 'get', '--provider', 'anthropic', '--json']);
      assert.equal(got.code, 0, got.stderr);
      assert.deepEqual(JSON.parse(got.stdout), { provider: 'anthropic', order: ['anthropic:b', 'anthropic:a'], source: 'auth-state', effective: ['anthropic:b', 'anthropic:a'] });
      assert.match(cli(home, ['order', 'get', '--provider', 'anthropic']).stdout, /^Provider: anthropic\nOrder override: anthropic:b, anthropic:a\nFrom: auth-state\.json\n/);
      assertOneLineRefusal(cli(home, ['order', 'set', '--provider', 'anthropic', 'anthropic:zzz']), /not found.*\[write\/unknown-profile\]/);
      assertOneLineRefusal(cli(home, ['order', 'set', '--provider', 'anthropic']), /needs one or more profile ids/);
      assertOneLineRefusal(cli(home, ['order', 'sideways', '--provider', 'anthropic']), /get, set or clear/);
      assert.equal(cli(home, ['order', 'clear', '--provider', 'anthropic']).code, 0);
      assert.match(cli(home, ['order', 'get', '--provider', 'anthropic']).stdout, /Order override: \(none\)/);
      assert.equal(cli(home, ['remove', '--profile-id', 'anthropic:a']).code, 0);
      assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(home, STORE), 'utf8')).profiles), ['anthropic:b']);
      assertOneLineRefusal(cli(home, ['remove', '--profile-id', 'anthropic:a']), /\[write\/unknown-profile\]/);
      assertOneLineRefusal(cli(home, ['remove', '--profile-id', 'anthropic:b', '--agent', 'ghost']), /Unknown agent id "ghost"/);
    }));

  it('help names every write command', () =>
    withTempDir((home) => {
      const r = cli(home, ['paste-token', '--help']);
      assert.equal(r.code, 0);
      for (const c of ['paste-token --provider', 'order get', 'order set', 'order clear', 'remove --profile-id', '--expires-in']) assert.ok(r.stdout.includes(c), c);
      assert.match(cli(home, ['--help']).stdout, /paste-token/);
    }));

  it('typed at a terminal, the token is not echoed (script(1) gives the CLI a pty and records the screen)', async () => {
    const home = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'oc-tty-'));
    try {
      const command = `'${process.execPath}' '${cliPath}' paste-token --provider anthropic`;
      const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC', TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] });
      let screen = '';
      child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
      child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
      for (let i = 0; i < 2000 && !screen.includes('press Enter'); i++) await new Promise((r) => setTimeout(r, 10));
      assert.match(screen, /Paste the token for anthropic/);
      child.stdin.write(`${CANARY_TOKEN}\r`);
      const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
      assert.equal(code, 0, screen);
      assert.match(screen, /Stored token profile anthropic:manual/);
      assert.ok(!screen.includes(CANARY), 'the token appeared on the terminal');
      assert.equal(JSON.parse(fs.readFileSync(path.join(home, STORE), 'utf8')).profiles['anthropic:manual'].token, CANARY_TOKEN);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('the token is never in the process list: not in argv, not in the environment', async () => {
    const home = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'oc-ps-'));
    try {
      const child = spawn(process.execPath, [cliPath, 'paste-token', '--provider', 'anthropic'], {
        env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      // The token goes in while the process runs, as a paste does; look at what `ps` would show then.
      child.stdin.write(CANARY_TOKEN.slice(0, 40));
      const proc = `/proc/${child.pid}`;
      const cmdline = fs.readFileSync(`${proc}/cmdline`, 'utf8');
      const environ = fs.readFileSync(`${proc}/environ`, 'utf8');
      assert.match(cmdline, /paste-token/);
      child.stdin.end(`${CANARY_TOKEN.slice(40)}\n`);
      const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
      assert.equal(code, 0, out);
      assert.ok(!cmdline.includes(CANARY) && !environ.includes(CANARY));
      assert.ok(!out.includes(CANARY));
      const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout ?? '';
      assert.ok(!ps.includes(CANARY));
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
