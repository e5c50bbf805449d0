import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MAX_READ_BYTES, readTextFile } from '../../server/src/openclaw/fileRead.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { runOurCli } from '../support/runCli.ts';
import { withTempDir, writeTree } from '../support/tree.ts';
import { runCliUnprivileged, runningAsRoot } from '../support/unprivileged.ts';

const STORE = '.openclaw/agents/main/agent/auth-profiles.json';
const GOOD = { version: 1, profiles: { 'openai:k': { type: 'api_key', provider: 'openai', key: 'sk-proj-' + 'g'.repeat(40) } } };

/** Every bad input must end in a clear issue, never a crash; the rest of the state keeps working. */
function expectIssue(home: string, code: string, file: string, messagePart: RegExp) {
  const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
  const found = state.issues.find((i) => i.code === code);
  assert.ok(found, `expected ${code}, got ${state.issues.map((i) => i.code).join(', ') || 'none'}`);
  assert.equal(found.file, path.join(home, file));
  assert.match(found.message, messagePart);
  // The CLI says it too, and exits normally.
  const cli = runOurCli(home, []);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cli.stderr, '');
  assert.ok(cli.stdout.includes(messagePart.source.replace(/\\/g, '')) || messagePart.test(cli.stdout), cli.stdout);
  assert.ok(!/\n\s+at /.test(cli.stdout + cli.stderr), 'no stack trace');
  return state;
}

describe('bad files: a clear issue, never a crash', () => {
  it('malformed JSON names line and column, in the engine and the CLI report', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: '{\n  "version": 1,\n  "profiles": {\n    "a:b": { "type": "api_key" "provider": "a" }\n  }\n}\n' });
      const state = expectIssue(home, 'store/invalid-json', STORE, /line 4, column 32/);
      assert.equal(state.agents[0]?.source.store, undefined);
    }));

  it('a binary file', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: Buffer.from([0x7b, 0x00, 0x01, 0xff, 0xfe, 0x7d]) });
      expectIssue(home, 'file/binary', STORE, /binary data/);
    }));

  it('a 50 MB store is read (under the 64 MB limit) and still resolves', () =>
    withTempDir((home) => {
      // Valid JSON padded to 50 MB: generated here, never committed.
      const text = JSON.stringify({ ...GOOD, padding: 'p'.repeat(50 * 1024 * 1024) });
      writeTree(home, { [STORE]: text });
      const started = Date.now();
      const cli = runOurCli(home, ['--json']);
      assert.equal(cli.code, 0, cli.stderr);
      const doc = JSON.parse(cli.stdout) as { auth: { providers: { provider: string; effective: { kind: string } }[] } };
      assert.equal(doc.auth.providers.find((p) => p.provider === 'openai')?.effective.kind, 'profiles');
      assert.ok(Date.now() - started < 20_000, 'reads 50 MB in reasonable time');
    }));

  it('a 50 MB file of garbage is invalid JSON at line 1, column 1', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: 'x'.repeat(50 * 1024 * 1024) });
      expectIssue(home, 'store/invalid-json', STORE, /line 1, column 1/);
    }));

  it('a file over 64 MB is not read at all (sparse file, no disk cost)', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: '' });
      fs.truncateSync(path.join(home, STORE), MAX_READ_BYTES + 1);
      expectIssue(home, 'file/too-large', STORE, /larger than the 64 MB/);
    }));

  it('a folder where the store should be', () =>
    withTempDir((home) => {
      fs.mkdirSync(path.join(home, STORE), { recursive: true });
      expectIssue(home, 'file/is-directory', STORE, /A folder stands where/);
    }));

  it('a named pipe where the store should be (never blocks)', () =>
    withTempDir((home) => {
      fs.mkdirSync(path.dirname(path.join(home, STORE)), { recursive: true });
      execFileSync('mkfifo', [path.join(home, STORE)]);
      expectIssue(home, 'file/not-a-file', STORE, /not a regular file/);
    }));

  it('a symlink to a valid store is followed', () =>
    withTempDir((home) => {
      writeTree(home, { 'real/store.json': GOOD });
      fs.mkdirSync(path.dirname(path.join(home, STORE)), { recursive: true });
      fs.symlinkSync(path.join(home, 'real/store.json'), path.join(home, STORE));
      const read = readTextFile(path.join(home, STORE));
      assert.equal(read.kind, 'ok');
      assert.equal(read.kind === 'ok' ? read.symlinkTarget : '', path.join(home, 'real/store.json'));
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      assert.deepEqual(state.issues, []);
      assert.deepEqual(Object.keys(state.agents[0]?.store.profiles ?? {}), ['openai:k']);
    }));

  it('a broken symlink', () =>
    withTempDir((home) => {
      fs.mkdirSync(path.dirname(path.join(home, STORE)), { recursive: true });
      fs.symlinkSync(path.join(home, 'gone.json'), path.join(home, STORE));
      expectIssue(home, 'file/broken-symlink', STORE, /target does not exist/);
    }));

  it('a symlink loop', () =>
    withTempDir((home) => {
      const a = path.join(home, STORE);
      fs.mkdirSync(path.dirname(a), { recursive: true });
      fs.symlinkSync(`${a}.b`, a);
      fs.symlinkSync(a, `${a}.b`);
      expectIssue(home, 'file/broken-symlink', STORE, /loops back on itself/);
    }));

  it('an agents folder that is a file, and a state dir that is a file', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/agents': 'not a folder' });
      assert.doesNotThrow(() => loadOpenClawState({ env: { HOME: home }, mode: 'daemon' }));
      fs.rmSync(path.join(home, '.openclaw'), { recursive: true });
      writeTree(home, { '.openclaw': 'not a folder' });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      assert.equal(state.agents[0]?.source.exists, false);
      assert.equal(runOurCli(home, []).code, 0);
    }));

  it('openclaw.json that is not JSON5 gives line and column; the store still resolves', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': '{\n  agents: {\n    defaults: { model: "a/b" }\n  ]\n}', [STORE]: GOOD });
      const state = expectIssue(home, 'config/invalid-json5', '.openclaw/openclaw.json', /line 4, column 3/);
      assert.deepEqual(Object.keys(state.agents[0]?.store.profiles ?? {}), ['openai:k']);
    }));

  it('openclaw.json holding an array', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': '[1, 2]' });
      expectIssue(home, 'config/not-an-object', '.openclaw/openclaw.json', /must hold an object/);
    }));

  it('auth-state.json that is not JSON is ignored with a warning', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: GOOD, '.openclaw/agents/main/agent/auth-state.json': '{"order": ' });
      expectIssue(home, 'state/invalid-json', '.openclaw/agents/main/agent/auth-state.json', /order overrides/);
    }));

  it('a .env that is a folder, and a binary .env', () =>
    withTempDir((home) => {
      fs.mkdirSync(path.join(home, '.openclaw/.env'), { recursive: true });
      expectIssue(home, 'file/is-directory', '.openclaw/.env', /A folder stands where/);
      fs.rmSync(path.join(home, '.openclaw/.env'), { recursive: true });
      writeTree(home, { '.openclaw/.env': Buffer.from('A=1\n\0\0\0') });
      expectIssue(home, 'file/binary', '.openclaw/.env', /binary data/);
    }));
});

describe('an unreadable store (permissions really applied, also when the tests run as root)', () => {
  it(`reports file/unreadable with EACCES${runningAsRoot ? ' (run as uid 65534 via setpriv)' : ''}`, () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: GOOD, '.openclaw/.env': 'OPENAI_API_KEY=sk-proj-' + 'e'.repeat(40) + '\n' });
      fs.chmodSync(path.join(home, STORE), 0o000);
      const cli = runCliUnprivileged(home, ['--json']);
      assert.equal(cli.code, 0, cli.stderr);
      const doc = JSON.parse(cli.stdout) as { auth: { providers: { provider: string; effective: { kind: string } }[] }; openclawAuth: { issues: { code: string; file: string; message: string }[] } };
      const found = doc.openclawAuth.issues.find((i) => i.code === 'file/unreadable');
      assert.ok(found, JSON.stringify(doc.openclawAuth.issues));
      assert.equal(found.file, path.join(home, STORE));
      assert.match(found.message, /EACCES.*owner and permissions/);
      // The rest keeps working: the env key from the readable .env still serves openai.
      assert.equal(doc.auth.providers.find((p) => p.provider === 'openai')?.effective.kind, 'env');
    }));

  it('an unreadable openclaw.json and .env: each reported, the store still resolves', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: GOOD, '.openclaw/openclaw.json': { agents: { defaults: { model: 'openai/gpt-5.5' } } }, '.openclaw/.env': 'OPENAI_API_KEY=sk-proj-' + 'e'.repeat(40) + '\n' });
      for (const f of ['.openclaw/openclaw.json', '.openclaw/.env']) fs.chmodSync(path.join(home, f), 0o000);
      const cli = runCliUnprivileged(home, ['--json', '--check']);
      assert.equal(cli.code, 0, cli.stderr);
      const doc = JSON.parse(cli.stdout) as { auth: { providers: { provider: string; effective: { kind: string } }[] }; openclawAuth: { issues: { code: string; file: string }[] } };
      assert.deepEqual(
        doc.openclawAuth.issues.map((i) => [i.code, path.relative(home, i.file)]).sort(),
        [['file/unreadable', '.openclaw/.env'], ['file/unreadable', '.openclaw/openclaw.json']],
      );
      assert.equal(doc.auth.providers.find((p) => p.provider === 'openai')?.effective.kind, 'profiles');
    }));

  it('an unreadable agent folder', () =>
    withTempDir((home) => {
      writeTree(home, { [STORE]: GOOD });
      const agentDir = path.join(home, '.openclaw/agents/main/agent');
      fs.chmodSync(agentDir, 0o000);
      try {
        const cli = runCliUnprivileged(home, []);
        assert.equal(cli.code, 0, cli.stderr);
        assert.match(cli.stdout, /error: \S*\/\.openclaw\/agents\/main\/agent\/auth-profiles\.json: Cannot read this file \(EACCES\)/);
      } finally {
        fs.chmodSync(agentDir, 0o755);
      }
    }));
});

describe('readTextFile gives the same answer whether it opens first or looks first', () => {
  // Stores are opened directly (O_NOFOLLOW); auth-state.json, usually absent, is looked up first.
  // Both paths must agree on every kind of thing that can stand where a file is expected.
  it('on files, links, folders, pipes, sockets, binary and missing files', async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'oc-read-'));
    const at = (name: string) => path.join(dir, name);
    const socket = net.createServer();
    try {
      fs.writeFileSync(at('ok.json'), '{"a":1}');
      fs.symlinkSync(at('ok.json'), at('link.json'));
      fs.symlinkSync(at('gone.json'), at('broken.json'));
      fs.symlinkSync(at('loop.json'), at('loop.json'));
      fs.symlinkSync(dir, at('dirlink.json'));
      fs.mkdirSync(at('dir.json'));
      execFileSync('mkfifo', [at('fifo.json')]);
      fs.writeFileSync(at('bin.json'), Buffer.from([0x7b, 0, 0x7d]));
      await new Promise<void>((resolve) => socket.listen(at('sock.json'), resolve));
      const expected: Record<string, string> = {
        ok: 'ok', link: 'ok', broken: 'file/broken-symlink', loop: 'file/broken-symlink', dirlink: 'file/is-directory',
        dir: 'file/is-directory', fifo: 'file/not-a-file', sock: 'file/not-a-file', bin: 'file/binary', missing: 'missing',
      };
      for (const [name, want] of Object.entries(expected)) {
        for (const oftenMissing of [false, true]) {
          const read = readTextFile(at(`${name}.json`), { oftenMissing });
          const got = read.kind === 'unreadable' ? read.issue.code : read.kind;
          assert.equal(got, want, `${name} (oftenMissing: ${oftenMissing})`);
          if (read.kind === 'ok') assert.equal(read.text, '{"a":1}');
          if (name === 'link' && read.kind === 'ok') assert.equal(read.symlinkTarget, at('ok.json'));
        }
      }
    } finally {
      socket.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
