import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCodeOf, loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

/**
 * OpenClaw 2026.9.6 also counts the agent's utility model as in use (its `models status --json`
 * says which in `utilityModel`). Each case was run against the live 2026.9.6 on a SQLite home
 * (docs/differences.md) and is resolved here under 2026.6 too, to show the rule is what changes it.
 */
const KEY = 'sk-ant-api03-' + 'k'.repeat(60);
const OPENAI_KEY = 'sk-proj-' + 'o'.repeat(60);
const OPENROUTER_KEY = 'sk-or-v1-' + 'r'.repeat(60);

function resolve(home: string, compat: '2026.6' | '2026.9', env: Record<string, string> = {}) {
  const state = loadOpenClawState({ env: { HOME: home, ...env }, compat, mode: 'shell' });
  const agent = state.agents.find((a) => a.agentId === state.selectedAgentId)!;
  const status = agent.status;
  return { status, check: checkCodeOf(state, agent), issues: status.modelRouteIssues.map((i) => `${i.provider}/${i.model}`) };
}

const config = (agents: Record<string, unknown>) => ({ '.openclaw/openclaw.json': { agents } });

describe('OpenClaw 2026.9: the utility model is in use', () => {
  it("an anthropic agent's utility model is claude-haiku-4-5: with nothing stored both routes are unconfirmed, even for a model its plugin lists", () =>
    withTempDir((home) => {
      writeTree(home, config({ defaults: { model: { primary: 'anthropic/claude-opus-4-8' } } }));
      const r = resolve(home, '2026.9');
      assert.deepEqual(r.issues, ['anthropic/claude-opus-4-8', 'anthropic/claude-haiku-4-5']);
      assert.deepEqual(r.status.utilityModel, { ref: 'anthropic/claude-haiku-4-5', source: 'provider-default' });
      assert.equal(resolve(home, '2026.6').status.utilityModel, undefined);
      assert.deepEqual(r.status.missingProvidersInUse, []);
      assert.equal(r.check, 1);
      assert.deepEqual(resolve(home, '2026.6').status.missingProvidersInUse, ['anthropic']);
    }));

  it("the shown agent's own model is not in use without --agent; its provider's utility model is", () =>
    withTempDir((home) => {
      // Seed 164 of the column: the default agent runs openrouter, which declares no utility model.
      writeTree(home, config({ defaults: { model: { primary: 'anthropic/claude-opus-4-6' } }, list: [{ id: 'main' }, { id: 'ops', default: true, model: 'openrouter/anthropic/claude-sonnet-4-5' }] }));
      const openrouter = resolve(home, '2026.9', { ANTHROPIC_API_KEY: KEY });
      assert.equal(openrouter.check, 0);
      assert.deepEqual(openrouter.status.utilityModel, { ref: null, source: 'none' });
      // An agent on anthropic brings anthropic/claude-haiku-4-5 in, though the defaults run openrouter.
      writeTree(home, config({ defaults: { model: { primary: 'openrouter/openai/gpt-5' } }, list: [{ id: 'main' }, { id: 'ops', default: true, model: 'anthropic/claude-opus-4-6' }] }));
      const r = resolve(home, '2026.9', { OPENROUTER_API_KEY: OPENROUTER_KEY });
      assert.deepEqual(r.issues, ['anthropic/claude-haiku-4-5']);
      assert.equal(r.check, 1);
      assert.equal(resolve(home, '2026.6', { OPENROUTER_API_KEY: OPENROUTER_KEY }).check, 0);
    }));

  it("an openai agent's utility model (gpt-5.6-luna) is judged but never runs on the codex harness", () =>
    withTempDir((home) => {
      writeTree(home, config({ defaults: { model: { primary: 'anthropic/claude-opus-4-6' } }, list: [{ id: 'main' }, { id: 'ops', default: true, model: 'openai/gpt-5.5' }] }));
      const keyed = resolve(home, '2026.9', { ANTHROPIC_API_KEY: KEY, OPENAI_API_KEY: OPENAI_KEY });
      assert.deepEqual(keyed.status.runtimeUnavailable, []);
      assert.equal(keyed.check, 0);
      assert.deepEqual(resolve(home, '2026.9', { ANTHROPIC_API_KEY: KEY }).status.missingProvidersInUse, ['openai']);
    }));

  it('utilityModel names another model, and an empty one turns it off', () =>
    withTempDir((home) => {
      writeTree(home, config({ defaults: { model: { primary: 'anthropic/claude-opus-4-6' }, utilityModel: 'mistral/mistral-large-latest' } }));
      const named = resolve(home, '2026.9', { ANTHROPIC_API_KEY: KEY });
      assert.deepEqual(named.issues, ['mistral/mistral-large-latest']);
      assert.deepEqual(named.status.utilityModel, { ref: 'mistral/mistral-large-latest', source: 'config' });
      assert.equal(named.check, 1);
      writeTree(home, config({ defaults: { model: { primary: 'anthropic/claude-opus-4-6' }, utilityModel: '' } }));
      const off = resolve(home, '2026.9');
      assert.deepEqual(off.issues, ['anthropic/claude-opus-4-6']);
      assert.deepEqual(off.status.utilityModel, { ref: null, source: 'disabled' });
    }));
});
