import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { failedRunExposition, metricsExposition, PROFILE_STATUSES } from '../../server/src/openclaw/output/metrics.ts';
import { writeTextfileAtomically } from '../../server/src/metricsCommand.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { parseExposition, runMetrics } from '../metrics/support.ts';
import { runOurCli } from '../support/runCli.ts';

const NOW = Date.UTC(2026, 10, 30, 12);
const HOUR = 3_600_000;

const homes: string[] = [];
after(() => homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true })));

function stateOf(files: Record<string, unknown>) {
  const home = tempHome('oc-metrics-unit-');
  homes.push(home);
  materializeCase({ files }, home, NOW);
  return loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW, everyAgentAsExplicit: true });
}

test('label values are escaped so a profile id with quotes, backslashes and a line break reads back whole', () => {
  const odd = 'anthropic:we"ird\\id\nnext';
  const state = stateOf({
    '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } },
    '.openclaw/agents/main/agent/auth-profiles.json': { version: 1, profiles: { [odd]: { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-CANARYxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', expires: NOW + 2 * HOUR } } },
  });
  const text = metricsExposition(state);
  assert.ok(!text.includes('CANARY'));
  const samples = parseExposition(text);
  const expiry = samples.filter((s) => s.name === 'openclaw_auth_profile_expiry_timestamp_seconds');
  assert.deepEqual(expiry.map((s) => [s.labels.profile, s.labels.type, s.value]), [[odd, 'token', (NOW + 2 * HOUR) / 1000]]);
  // A state set: every status once, 1 for the current one only.
  const statuses = samples.filter((s) => s.name === 'openclaw_auth_profile_status');
  assert.deepEqual(statuses.map((s) => s.labels.status), [...PROFILE_STATUSES]);
  assert.deepEqual(statuses.filter((s) => s.value === 1).map((s) => s.labels.status), ['expiring']);
  assert.deepEqual(samples.filter((s) => s.name === 'openclaw_auth_check').map((s) => s.value), [2]);
  assert.deepEqual(samples.filter((s) => s.name === 'openclaw_auth_scrape_error').map((s) => s.value), [0]);
  assert.deepEqual(samples.filter((s) => s.name === 'openclaw_auth_last_run_timestamp_seconds').map((s) => s.value), [NOW / 1000]);
});

test('each family is announced once, before its samples, and agents on disk that no config names are left out', () => {
  const state = stateOf({
    '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'openai/gpt-5.2' } } } },
    '.openclaw/agents/stray/agent/auth-profiles.json': { version: 1, profiles: { 'openai:x': { type: 'api_key', provider: 'openai', key: 'sk-CANARYyyyyyyyyyyyyyyyyyyy' } } },
  });
  const text = metricsExposition(state);
  const types = text.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
  assert.equal(new Set(types).size, types.length);
  const samples = parseExposition(text);
  assert.deepEqual([...new Set(samples.map((s) => s.labels.agent).filter(Boolean))], ['main']);
  assert.deepEqual(samples.filter((s) => s.name === 'openclaw_auth_provider_missing').map((s) => [s.labels.provider, s.value]), [['openai', 1]]);
  // Families follow each other: a name never comes back after another one.
  const order = samples.map((s) => s.name).filter((n, i, all) => n !== all[i - 1]);
  assert.equal(new Set(order).size, order.length);
});

test('a failed run writes only its time and the error', () => {
  const samples = parseExposition(failedRunExposition(NOW));
  assert.deepEqual(samples.map((s) => [s.name, s.value]), [['openclaw_auth_last_run_timestamp_seconds', NOW / 1000], ['openclaw_auth_scrape_error', 1]]);
});

test('a missing state folder is a broken run, not a host without credentials', () => {
  const state = loadOpenClawState({ env: { HOME: '/nonexistent-home' }, stateDir: '/nonexistent-home/.openclaw', mode: 'daemon', now: NOW, everyAgentAsExplicit: true });
  const samples = parseExposition(metricsExposition(state));
  assert.deepEqual(samples.filter((s) => s.name === 'openclaw_auth_scrape_error').map((s) => s.value), [1]);
});

test('the textfile is replaced whole, readable by node_exporter, with no temp file left', () => {
  const dir = tempHome('oc-textfile-');
  const file = path.join(dir, 'openclaw-auth.prom');
  fs.writeFileSync(file, 'old\n', { mode: 0o600 });
  writeTextfileAtomically(file, 'new\n');
  assert.equal(fs.readFileSync(file, 'utf8'), 'new\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o644);
  assert.deepEqual(fs.readdirSync(dir), ['openclaw-auth.prom']);
  assert.throws(() => writeTextfileAtomically(path.join(dir, 'missing', 'x.prom'), 'x'));
  assert.deepEqual(fs.readdirSync(dir), ['openclaw-auth.prom']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the metrics command: exit 1 with the error series for a missing state folder, 4 when the file cannot be written, 3 for options that do not apply', () => {
  const home = tempHome('oc-metrics-cli-');
  homes.push(home);
  const missing = runMetrics(home, ['--state-dir', path.join(home, 'nope')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no OpenClaw state folder/);
  assert.deepEqual(parseExposition(missing.stdout).filter((s) => s.name === 'openclaw_auth_scrape_error').map((s) => s.value), [1]);
  const unwritable = runMetrics(home, ['--textfile', path.join(home, 'no-dir', 'x.prom')]);
  assert.equal(unwritable.code, 4);
  assert.match(unwritable.stderr, /cannot write .*x\.prom \(ENOENT\)/);
  assert.equal(runMetrics(home, ['--agent', 'main']).code, 3);
  assert.equal(runOurCli(home, ['--textfile', path.join(home, 'x.prom')]).code, 3);
});
