import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnoseDocument } from '../../server/src/diagnostics/documentDiagnostics.ts';
import { profileHover } from '../../server/src/features/profileHover.ts';
import { readTextFile } from '../../server/src/openclaw/fileRead.ts';
import { maskSecret, maskSecretForDisplay, SHORT_SECRET_LENGTH } from '../../server/src/openclaw/mask.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { readSqliteUntouched } from '../../server/src/openclaw/stores/sqliteRead.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import { cliPath, runOurCli } from '../support/runCli.ts';
import { nodeWithSqlite, withTempDir, writeTree } from '../support/tree.ts';

/** Issue 13: files shaped to break the loaders (depth, reserved keys) leave the rest of the status intact. */
const STORE = '.openclaw/agents/main/agent/auth-profiles.json';
const WORK_STORE = '.openclaw/agents/work/agent/auth-profiles.json';
const ENV_KEY = 'sk-ant-api03-' + 'e'.repeat(60);
const GOOD_PROFILE = { type: 'api_key', provider: 'openai', key: 'sk-proj-' + 'g'.repeat(40) };

const DEPTH = 10_000;
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

/** The main store's text in each place a deep value can sit; each must give that file exactly one finding. */
const DEEP_STORES: Record<string, string> = {
  'the whole file': deepArray,
  'the profiles record': `{"version":1,"profiles":${deepObject}}`,
  'one profile': `{"version":1,"profiles":{"openai:a":${JSON.stringify(GOOD_PROFILE)},"x:y":${deepArray}}}`,
  'the order': `{"version":1,"profiles":{"openai:a":${JSON.stringify(GOOD_PROFILE)}},"order":${deepObject}}`,
  'invalid JSON inside': `{"version":1,"profiles":{"openai:a":${deepArray.slice(0, -1)}x}}`,
};

function homeWith(home: string, storeText: string): void {
  writeTree(home, {
    [STORE]: storeText,
    [WORK_STORE]: { version: 1, profiles: { 'openai:w': GOOD_PROFILE } },
    '.openclaw/openclaw.json': { agents: { list: [{ id: 'main', default: true }, { id: 'work' }] } },
    '.openclaw/.env': `ANTHROPIC_API_KEY=${ENV_KEY}\n`,
  });
}

describe('a store nested 10 000 levels deep (issue 13, item 2)', () => {
  for (const [where, text] of Object.entries(DEEP_STORES)) {
    it(`in ${where}: one finding on that file, the rest of the report intact (engine, CLI, server)`, () =>
      withTempDir((home) => {
        homeWith(home, text);
        const file = path.join(home, STORE);
        const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
        assert.equal(state.issues.filter((i) => i.file === file).length, 1, state.issues.map((i) => i.code).join(', '));
        const main = state.agents.find((a) => a.agentId === 'main');
        assert.equal(main?.status.providers.find((p) => p.provider === 'anthropic')?.effective.kind, 'env');
        assert.ok(state.agents.some((a) => a.agentId === 'work' && a.store?.profiles['openai:w']));
        buildStatusSnapshot(state);

        const cli = runOurCli(home, []);
        assert.equal(cli.code, 0, cli.stderr);
        assert.equal(cli.stderr, '');
        const problems = cli.stdout.split('\n').filter((l) => /^- (error|warning|info): /.test(l) && l.includes('agents/main/agent/auth-profiles.json'));
        assert.equal(problems.length, 1, cli.stdout);
        assert.match(cli.stdout, /anthropic effective=env/);

        // The language server checks the open buffer and hovers over it without overflowing either.
        const doc = TextDocument.create(`file://${file}`, 'json', 1, text);
        const diagnostics = diagnoseDocument(doc, file, { workspaceFolders: [], state });
        assert.equal(diagnostics.length, 1);
        const snapshot = buildStatusSnapshot(state);
        profileHover(doc, file, doc.positionAt(text.length >> 1), snapshot);
      }));
  }
});

describe('reserved keys in rebuilt records (issue 13, item 3)', () => {
  const stored = (id: string) => ({
    version: 1,
    profiles: { 'openai:a': GOOD_PROFILE, [id]: { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'p'.repeat(60) } },
    order: { [id]: ['openai:a'], openai: ['openai:a'] },
    lastGood: { [id]: 'openai:a' },
    usageStats: { [id]: { lastUsed: 1 }, 'openai:a': { lastUsed: 2 } },
  });
  // JSON.stringify writes "__proto__" as an own key, as a hand-written file has it.
  const text = (id: string) => JSON.stringify(stored(id)).replaceAll('"RESERVED"', `"${id}"`);

  it('a profile id "__proto__" makes no phantom profiles, in the agent or merged into another, and says why it is lost', () =>
    withTempDir((home) => {
      const raw = JSON.stringify(stored('RESERVED')).replaceAll('"RESERVED"', '"__proto__"');
      writeTree(home, {
        [STORE]: raw,
        [WORK_STORE]: raw,
        '.openclaw/openclaw.json': `{"agents":{"list":[{"id":"main","default":true},{"id":"work"}]},"auth":{"profiles":{"__proto__":{"provider":"openai","mode":"api_key"},"openai:a":{"provider":"openai","mode":"api_key"}},"order":{"__proto__":["openai:a"]}}}`,
      });
      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      for (const agent of state.agents) {
        const ids: string[] = [];
        for (const id in agent.store?.profiles) ids.push(id);
        assert.deepEqual(ids, ['openai:a'], agent.agentId);
        assert.equal(Object.getPrototypeOf(agent.store?.profiles), Object.prototype);
        assert.deepEqual(agent.status.providers.map((p) => p.provider).filter((p) => p === '' || !/^[a-z]/.test(p)), []);
        for (const record of [agent.store?.order, agent.store?.lastGood, agent.store?.usageStats]) {
          if (record) assert.ok([Object.prototype, null].includes(Object.getPrototypeOf(record)), agent.agentId);
        }
      }
      const reserved = state.issues.filter((i) => i.code === 'store/reserved-id');
      assert.equal(reserved.length, 2);
      assert.match(reserved[0]?.message ?? '', /"__proto__" is a name JavaScript reserves/);
      const cli = runOurCli(home, ['--json']);
      assert.equal(cli.code, 0, cli.stderr);
      const doc = JSON.parse(cli.stdout) as { auth: { providers: { provider: string }[] } };
      assert.ok(doc.auth.providers.every((p) => /^[a-z]/.test(p.provider)), cli.stdout);
      const report = runOurCli(home, []);
      assert.doesNotMatch(report.stdout, /^- (type|key|provider) /m);
    }));

  for (const id of ['constructor', 'toString', 'prototype', 'hasOwnProperty']) {
    it(`a profile id "${id}" is an ordinary profile`, () =>
      withTempDir((home) => {
        writeTree(home, { [STORE]: text(id) });
        const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
        assert.deepEqual(Object.keys(state.agents[0]?.store?.profiles ?? {}), ['openai:a', id]);
        assert.equal(state.issues.filter((i) => i.code === 'store/reserved-id').length, 0);
      }));
  }
});

describe('files the kernel makes up (issue 13, item 6)', () => {
  // /proc/kmsg never ends (readable as root); /proc/self/status ends but is procfs all the same.
  const targets = ['/proc/kmsg', '/proc/self/status', '/sys/kernel/address_bits'].filter((t) => {
    try {
      fs.accessSync(t, fs.constants.R_OK);
      return true;
    } catch {
      return false;
    }
  });

  it('has kernel files to try', () => assert.ok(targets.includes('/proc/self/status'), 'this test needs Linux /proc'));

  for (const target of targets) {
    it(`a ~/.openclaw/.env linked to ${target} is refused, and the CLI finishes`, () =>
      withTempDir((home) => {
        writeTree(home, { '.openclaw/.env.real': `ANTHROPIC_API_KEY=${ENV_KEY}\n` });
        fs.symlinkSync(target, path.join(home, '.openclaw/.env'));
        const envFile = path.join(home, '.openclaw/.env');
        const read = readTextFile(envFile);
        assert.equal(read.kind === 'unreadable' && read.issue.code, 'file/pseudo-file');
        // A hang would be killed here; the read itself is bounded by MAX_READ_MS (fileRead.ts).
        const cli = spawnSync(process.execPath, [cliPath, 'status'], { env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC' }, cwd: home, encoding: 'utf8', timeout: 15_000 });
        assert.equal(cli.signal, null, 'the CLI hung on the file');
        assert.equal(cli.status, 0, cli.stderr);
        assert.match(cli.stdout, /\/\.openclaw\/\.env: This file is made up by the kernel/);
      }));
  }

  it('a SQLite database linked to a kernel file is refused before SQLite opens it (engine, and the CLI on a Node with node:sqlite)', () =>
    withTempDir((home) => {
      const database = path.join(home, '.openclaw/agents/main/agent/openclaw-agent.sqlite');
      writeTree(home, { '.openclaw/openclaw.json': { meta: { lastTouchedVersion: '2026.9.6' } } });
      fs.mkdirSync(path.dirname(database), { recursive: true });
      fs.symlinkSync(targets.includes('/proc/kmsg') ? '/proc/kmsg' : '/proc/self/status', database);
      const read = readSqliteUntouched(database, () => 'read');
      assert.equal(read.kind === 'failed' && read.issue.code, 'file/pseudo-file');
      const node = nodeWithSqlite();
      if (!node) return;
      const cli = spawnSync(node, [cliPath, 'status'], { env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC' }, cwd: home, encoding: 'utf8', timeout: 15_000 });
      assert.equal(cli.signal, null, 'the CLI hung on the database');
      assert.match(cli.stdout, /openclaw-agent\.sqlite: This file is made up by the kernel/);
    }));

  it('a kernel file named directly is refused too', () => {
    const read = readTextFile('/proc/self/status');
    assert.equal(read.kind === 'unreadable' && read.issue.code, 'file/pseudo-file');
  });
});

describe('short secrets on our own surfaces (issue 13, item 7)', () => {
  const shortKey = 'sk-0123456789ABCDE'; // 18 characters: OpenClaw's mask shows 16 of them
  const shortEnvKey = 'sk-ant-XYZ0123456789'; // 20 characters

  it('our mask shows at most 5 characters and never a third of a secret shorter than 24; OpenClaw’s from 24 on', () => {
    for (let length = 1; length < 40; length++) {
      const secret = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH'.slice(0, length);
      const shown = maskSecretForDisplay(secret).replace('...', '').length;
      if (length >= SHORT_SECRET_LENGTH) assert.equal(maskSecretForDisplay(secret), maskSecret(secret));
      else assert.ok(shown <= 5 && shown <= length / 3, `${length} characters: ${maskSecretForDisplay(secret)}`);
    }
  });

  it('the report and the snapshot (tree, tooltips, hovers) show less of short keys; --json keeps OpenClaw’s mask', () =>
    withTempDir((home) => {
      writeTree(home, {
        [STORE]: { version: 1, profiles: { 'openai:short': { type: 'api_key', provider: 'openai', key: shortKey }, 'mistral:t': { type: 'token', provider: 'mistral', token: shortKey } } },
        '.openclaw/.env': `ANTHROPIC_API_KEY=${shortEnvKey}\n`,
      });
      const theirs = [maskSecret(shortKey), maskSecret(shortEnvKey)];
      assert.deepEqual(theirs, ['sk-01234...789ABCDE', 'sk-ant-X...23456789']);
      const report = runOurCli(home, []);
      assert.equal(report.code, 0, report.stderr);
      for (const mask of theirs) assert.ok(!report.stdout.includes(mask), `${mask} in the report:\n${report.stdout}`);
      assert.match(report.stdout, /openai:short=sk-\.\.\.DE/);
      assert.match(report.stdout, /mistral:t=token:sk-\.\.\.DE/);
      assert.match(report.stdout, /anthropic effective=env:sk-\.\.\.89 \| env=sk-\.\.\.89 /);

      const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon' });
      const snapshot = JSON.stringify(buildStatusSnapshot(state));
      for (const mask of theirs) assert.ok(!snapshot.includes(mask), `${mask} in the snapshot`);
      assert.ok(snapshot.includes('"label":"sk-...DE"') && snapshot.includes('"label":"sk-...89"'), snapshot);

      const json = runOurCli(home, ['--json']);
      for (const mask of theirs) assert.ok(json.stdout.includes(mask), `--json keeps OpenClaw's ${mask}`);
    }));
});
