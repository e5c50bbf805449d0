import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import JSON5 from 'json5';
import { planAuthProfileEntry } from '../../server/src/openclaw/config/configWriter.ts';
import { applyCredentialChange, WriteRefused } from '../../server/src/openclaw/writes.ts';
import { withTempDir } from '../support/tree.ts';

const TOKEN = `sk-ant-oat01-${'c'.repeat(90)}`;
const entry = { provider: 'anthropic', mode: 'token' } as const;

function withConfig(text: string | undefined, fn: (file: string, home: string) => void): void {
  withTempDir((home) => {
    const file = path.join(home, '.openclaw', 'openclaw.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (text !== undefined) fs.writeFileSync(file, text);
    fn(file, home);
  });
}

describe('openclaw.json: auth.profiles.<id> as paste-token writes it', () => {
  it('keeps comments, trailing commas and indentation of a JSONC file, and the previous file as .bak (0600)', () => {
    const text = '// my gateway\n{\n    /* agents */\n    "agents": { "list": [{ "id": "main" }] }, // inline\n    "auth": {\n        "profiles": {},\n    },\n}\n';
    withConfig(text, (file) => {
      const written = planAuthProfileEntry(file, 'anthropic:manual', entry).commit();
      assert.deepEqual(written, [`${file}.bak`, file]);
      const after = fs.readFileSync(file, 'utf8');
      for (const kept of ['// my gateway', '/* agents */', '// inline']) assert.ok(after.includes(kept), `keeps ${kept}`);
      assert.match(after, /\n {12}"anthropic:manual": \{/, 'four-space indentation continued');
      assert.deepEqual(JSON5.parse(after), { agents: { list: [{ id: 'main' }] }, auth: { profiles: { 'anthropic:manual': entry } } });
      assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), text);
      assert.equal(fs.statSync(`${file}.bak`).mode & 0o777, 0o600);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    });
  });

  it('writes nothing (not even .bak) when the entry is already there', () => {
    const text = '{ "auth": { "profiles": { "anthropic:manual": { "provider": "anthropic", "mode": "token" } } } }';
    withConfig(text, (file) => {
      assert.deepEqual(planAuthProfileEntry(file, 'anthropic:manual', entry).commit(), []);
      assert.equal(fs.readFileSync(file, 'utf8'), text);
      assert.ok(!fs.existsSync(`${file}.bak`));
    });
  });

  it('creates the file when there is none', () =>
    withConfig(undefined, (file) => {
      assert.deepEqual(planAuthProfileEntry(file, 'anthropic:manual', entry).commit(), [file]);
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { auth: { profiles: { 'anthropic:manual': entry } } });
    }));

  it('puts the profile first in an auth.order that lists its provider, merging aliases into one key, as OpenClaw does', () =>
    withConfig(JSON.stringify({ auth: { order: { anthropic: ['anthropic:old', 'anthropic:manual'], openai: ['openai:x'] } } }), (file) => {
      planAuthProfileEntry(file, 'anthropic:manual', entry).commit();
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).auth.order, { anthropic: ['anthropic:manual', 'anthropic:old'], openai: ['openai:x'] });
    }));

  it('starts an order when the provider already has a profile of another mode, as OpenClaw does', () =>
    withConfig(JSON.stringify({ auth: { profiles: { 'anthropic:key': { provider: 'anthropic', mode: 'api_key' } } } }), (file) => {
      planAuthProfileEntry(file, 'anthropic:manual', entry).commit();
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).auth.order, { anthropic: ['anthropic:manual', 'anthropic:key'] });
    }));

  it('rewrites JSON5 without comments (unquoted keys) as JSON, meaning kept', () =>
    withConfig("{ agents: { list: [{ id: 'main' }] }, }", (file) => {
      planAuthProfileEntry(file, 'anthropic:manual', entry).commit();
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { agents: { list: [{ id: 'main' }] }, auth: { profiles: { 'anthropic:manual': entry } } });
    }));

  it('refuses JSON5 with comments it cannot edit in place, before the store is touched', () =>
    withConfig('// keep me\n{ agents: { list: [{ id: "main" }] } }', (file, home) => {
      let error: unknown;
      try {
        applyCredentialChange({ env: { HOME: home } }, { kind: 'paste-token', provider: 'anthropic', profileId: 'anthropic:manual', secret: TOKEN, credentialType: 'token' });
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof WriteRefused);
      assert.equal(error.code, 'config/comments-would-be-lost');
      assert.ok(!error.message.includes(TOKEN));
      assert.equal(fs.readFileSync(file, 'utf8'), '// keep me\n{ agents: { list: [{ id: "main" }] } }');
      assert.ok(!fs.existsSync(path.join(home, '.openclaw/agents/main/agent/auth-profiles.json')), 'store not written');
    }));

  it('refuses a config that is not JSON5, with its line', () =>
    withConfig('{\n  "a": 1,\n  oops oops\n}', (file) => {
      let error: unknown;
      try {
        planAuthProfileEntry(file, 'anthropic:manual', entry);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof WriteRefused);
      assert.equal(error.code, 'config/invalid-json5');
      assert.equal(error.location?.line, 3);
    }));
});
