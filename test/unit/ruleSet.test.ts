import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { refusals2026_9 } from '../../server/src/openclaw/config/refusals2026_9.ts';
import { detectRuleSet, parseOpenClawVersion, rulesOfRelease } from '../../server/src/openclaw/rules/detectRules.ts';
import type { StoreLayout } from '../../server/src/openclaw/rules/layout.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const none: StoreLayout = { kind: 'json', basis: 'none', reason: 'no SQLite store found' };

describe('which release rules a home gets', () => {
  it('maps releases to rule sets', () => {
    assert.equal(rulesOfRelease('2026.3.13'), '2026.3');
    assert.equal(rulesOfRelease('2026.5.9'), '2026.3');
    assert.equal(rulesOfRelease('2026.6.1'), '2026.6');
    assert.equal(rulesOfRelease('2026.6.5'), '2026.9');
    assert.equal(rulesOfRelease('2026.9.6'), '2026.9');
    assert.equal(rulesOfRelease('2026.10.2'), '2026.9');
    assert.equal(parseOpenClawVersion('OpenClaw 2026.9.6 (eb377ac)\n'), '2026.9.6');
    assert.equal(parseOpenClawVersion('command not found'), undefined);
  });

  it('--compat wins, then store files, then lastTouchedVersion, then the openclaw on PATH, else the reference', () => {
    let asked = 0;
    const onPath = () => {
      asked++;
      return '2026.9.6';
    };
    const sqlite: StoreLayout = { kind: 'sqlite', basis: 'files', reason: 'state/openclaw.sqlite exists', lastTouchedVersion: '2026.6.1' };
    assert.deepEqual(detectRuleSet({ compat: '2026.3', layout: sqlite, agentDirs: [], openclawOnPath: onPath }), { version: '2026.3', basis: 'compat-option', reason: '--compat 2026.3' });
    assert.equal(detectRuleSet({ layout: sqlite, agentDirs: [], openclawOnPath: onPath }).version, '2026.9');
    const touched: StoreLayout = { kind: 'json', basis: 'version', reason: 'x', lastTouchedVersion: '2026.3.13' };
    assert.deepEqual(detectRuleSet({ layout: touched, agentDirs: [], openclawOnPath: onPath }), { version: '2026.3', basis: 'config', reason: 'openclaw.json was last written by OpenClaw 2026.3.13' });
    assert.equal(asked, 0, 'the PATH is not asked while the home names a release');
    assert.deepEqual(detectRuleSet({ layout: none, agentDirs: [], openclawOnPath: onPath }), { version: '2026.9', basis: 'openclaw-on-path', reason: 'the openclaw on PATH is 2026.9.6' });
    assert.equal(asked, 1);
    assert.equal(detectRuleSet({ layout: none, agentDirs: [], openclawOnPath: () => undefined }).basis, 'reference');
    assert.equal(detectRuleSet({ layout: none, agentDirs: [] }).version, '2026.6');
  });

  it('an archive doctor --fix left means a SQLite release imported this home', () =>
    withTempDir((home) => {
      const dir = path.join(home, 'agents/main/agent');
      writeTree(dir, { 'auth-profiles.json.migrated-2026-11-30T13-25-03.320Z-9aed76de': '{}' });
      const choice = detectRuleSet({ layout: none, agentDirs: [dir], openclawOnPath: () => '2026.6.1' });
      assert.equal(choice.version, '2026.9');
      assert.equal(choice.basis, 'store-files');
      assert.match(choice.reason, /auth-profiles\.json\.migrated-.* was left by an import into SQLite/);
    }));

  it('the state says which rule set applies and why; a JSON-only home with no version follows the reference', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': { meta: { lastTouchedVersion: '2026.3.13' } } });
      assert.equal(loadOpenClawState({ env: { HOME: home } }).ruleSet.version, '2026.3');
      assert.equal(loadOpenClawState({ env: { HOME: home }, compat: '2026.9' }).rules.version, '2026.9');
      writeTree(home, { '.openclaw/openclaw.json': {} });
      assert.equal(loadOpenClawState({ env: { HOME: home } }).ruleSet.basis, 'reference');
    }));
});

describe('configs OpenClaw 2026.9 rejects', () => {
  const file = '/home/u/.openclaw/openclaw.json';
  const codes = (raw: Record<string, unknown>) => refusals2026_9(raw, file).map((i) => i.code);

  it('several agents need one default marker or ownership "explicit"', () => {
    assert.deepEqual(codes({ agents: { list: [{ id: 'main' }, { id: 'work' }] } }), ['config/agents-owner-required']);
    assert.deepEqual(codes({ agents: { list: [{ id: 'main', default: true }, { id: 'work', default: true }] } }), ['config/agents-owner-required']);
    assert.deepEqual(codes({ agents: { list: [{ id: 'main' }, { id: 'work', default: true }] } }), []);
    assert.deepEqual(codes({ agents: { ownership: 'explicit', entries: { main: {}, work: {} } } }), []);
    assert.deepEqual(codes({ agents: { entries: { main: {}, work: {} } } }), ['config/agents-owner-required']);
    assert.deepEqual(codes({ agents: { list: [{ id: 'main' }] } }), []);
  });

  it('the env block takes shellEnv and vars only', () => {
    const found = refusals2026_9({ env: { OPENAI_API_KEY: 'sk-CANARY-never-shown', vars: {} } }, file);
    assert.deepEqual(found.map((i) => [i.code, i.path]), [['config/env-key-unrecognized', ['env', 'OPENAI_API_KEY']]]);
    assert.ok(!found[0]!.message.includes('CANARY'));
    assert.deepEqual(codes({ env: { vars: { OPENAI_API_KEY: 'x' }, shellEnv: { enabled: true } } }), []);
  });

  it('under the 2026.9 rules a refusal makes --check exit 1 and names the agent the keyed roster makes default', () =>
    withTempDir((home) => {
      writeTree(home, { '.openclaw/openclaw.json': { meta: { lastTouchedVersion: '2026.9.6' }, env: { ANTHROPIC_API_KEY: 'sk-ant-api03-' + 'k'.repeat(40) } } });
      const refused = loadOpenClawState({ env: { HOME: home } });
      assert.deepEqual(refused.refusals.map((i) => i.code), ['config/env-key-unrecognized']);
      writeTree(home, { '.openclaw/openclaw.json': { meta: { lastTouchedVersion: '2026.9.6' }, agents: { ownership: 'explicit', defaults: { systemAgent: { agentId: 'work' } }, entries: { main: {}, work: { model: 'openai/gpt-5.5' } } } } });
      const keyed = loadOpenClawState({ env: { HOME: home } });
      assert.deepEqual(keyed.refusals, []);
      assert.equal(keyed.selectedAgentId, 'work');
      assert.deepEqual(keyed.config.config.agents.map((a) => a.id), ['main', 'work']);
    }));
});
