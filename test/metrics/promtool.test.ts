/**
 * Prometheus' own tools judge what `openclaw-auth metrics` writes and the alerting rules in
 * contrib/: `promtool check metrics` (format and naming lint) on real runs, `promtool check rules`,
 * and `promtool test rules` over series built from real runs of the two gateway homes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { generateHome } from '../differential/generate.ts';
import { realisticHome } from '../../bench/status/realisticHome.ts';
import { CANARY, expiringGateway, healthyGateway } from './gatewayHomes.ts';
import { ALERT_RULES, parseExposition, promtool, runMetrics, type Sample } from './support.ts';

const work = tempHome('oc-metrics-promtool-');
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** One real run of `metrics --daemon` on a freshly written home. */
function realRun(name: string, c: Parameters<typeof materializeCase>[0]): string {
  const home = path.join(work, name);
  const { env } = materializeCase(c, home);
  const r = runMetrics(home, ['--daemon'], env);
  assert.ok(r.code === 0 || r.code === 1, `metrics exited ${r.code}: ${r.stderr}`);
  assert.ok(!r.stdout.includes('CANARY') && !r.stderr.includes('CANARY'), `a secret reached the output of ${name}`);
  return r.stdout;
}

let healthy = '';
let expiring = '';
let failed = '';
before(() => {
  healthy = realRun('healthy', healthyGateway);
  expiring = realRun('expiring', expiringGateway);
  // A state folder that does not exist: the run itself is broken.
  const r = runMetrics(work, ['--state-dir', path.join(work, 'no-such-state')]);
  assert.equal(r.code, 1, r.stderr);
  failed = r.stdout;
});

test('promtool check metrics accepts every run: gateway homes, the bench home, random homes, a failed run', () => {
  const outputs: [string, string][] = [['healthy', healthy], ['expiring', expiring], ['failed run', failed], ['realistic', realRun('realistic', realisticHome())]];
  for (let seed = 1; seed <= 15; seed++) outputs.push([`random #${seed}`, realRun(`random-${seed}`, generateHome(seed))]);
  for (const [name, text] of outputs) {
    const r = promtool(['check', 'metrics'], text);
    assert.equal(r.code, 0, `promtool check metrics on ${name}: ${r.stdout}${r.stderr}`);
    assert.equal((r.stdout + r.stderr).trim(), '', `promtool has remarks on ${name}: ${r.stdout}${r.stderr}`);
  }
  // The same tool does reject a naming fault, so the check above checks something.
  const bad = promtool(['check', 'metrics'], '# HELP openclaw_auth_runs a count\n# TYPE openclaw_auth_runs counter\nopenclaw_auth_runs 1\n');
  assert.notEqual(bad.code, 0);
  assert.match(bad.stdout + bad.stderr, /_total/);
});

test('promtool check rules accepts contrib/prometheus/openclaw-auth-alerts.yml', () => {
  const r = promtool(['check', 'rules', ALERT_RULES]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /SUCCESS: 6 rules found/);
});

const TIMESTAMPS = new Set(['openclaw_auth_profile_expiry_timestamp_seconds', 'openclaw_auth_last_run_timestamp_seconds']);
const STEP_S = 60;
const STEPS = 180;

function seriesName(s: Sample, extra: Record<string, string>): string {
  const labels = { ...s.labels, ...extra };
  return `${s.name}{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

/**
 * promtool's input series for one real run, on promtool's clock: the run happened at its time 0, so
 * every timestamp is shifted by the run's own time. `timerRunning`: a new run every step (last_run
 * advances); otherwise the file stays as it was and only its age grows.
 */
function inputSeries(text: string, instance: string, timerRunning: boolean): { series: string; values: string }[] {
  const samples = parseExposition(text);
  const runAt = samples.find((s) => s.name === 'openclaw_auth_last_run_timestamp_seconds')?.value;
  assert.ok(runAt !== undefined, 'a run always writes its time');
  return samples.map((s) => {
    const v = TIMESTAMPS.has(s.name) ? s.value - runAt : s.value;
    const advance = timerRunning && s.name === 'openclaw_auth_last_run_timestamp_seconds';
    return { series: seriesName(s, { instance, job: 'node' }), values: advance ? `${v}+${STEP_S}x${STEPS}` : `${v}x${STEPS}` };
  });
}

/** What each alert's annotations say for its labels (written out here, so a template change shows). */
function expected(alertname: string, labels: Record<string, string>) {
  const { agent = '', profile = '', provider = '', instance = '' } = labels;
  const annotations: Record<string, Record<string, string>> = {
    OpenClawCredentialExpiringSoon: {
      summary: `OpenClaw credential ${profile} (agent ${agent}) on ${instance} expires within 24 hours`,
      description: `Renew it on that host before it expires (openclaw models auth), then check with openclaw-auth status --agent ${agent}.`,
    },
    OpenClawCredentialExpired: {
      summary: `OpenClaw credential ${profile} (agent ${agent}) on ${instance} has expired`,
      description: `Log in again or paste a new token for ${provider} on that host; the gateway cannot use this profile.`,
    },
    OpenClawProviderMissing: {
      summary: `OpenClaw agent ${agent} on ${instance} has no usable credential for ${provider}`,
      description: `A model of this agent uses ${provider}, and no profile, environment variable or config key serves it.`,
    },
    OpenClawAuthCheckFailing: {
      summary: `openclaw models status --check fails for agent ${agent} on ${instance}`,
      description: `Run openclaw-auth status --agent ${agent} on that host to see which provider in use is expired, expiring or missing.`,
    },
    OpenClawAuthMetricsStale: {
      summary: `openclaw-auth metrics on ${instance} have not been refreshed for over 15 minutes`,
      description: 'Check the timer on that host: systemctl --user status openclaw-auth-metrics.timer (launchd: launchctl print gui/$UID/openclaw-auth.metrics).',
    },
    OpenClawAuthMetricsRunFailed: {
      summary: `openclaw-auth metrics on ${instance} cannot read the gateway's state`,
      description: "The run finds no state folder, or cannot read a store file or database: run it as the gateway's user, with the gateway's --state-dir.",
    },
  };
  return { exp_labels: { ...labels, job: 'node' }, exp_annotations: annotations[alertname] };
}

const A = 'gateway-a:9100';
const B = 'gateway-b:9100';
const C = 'gateway-c:9100';

test('promtool test rules: the alerts fire on series from real runs, and only those', () => {
  const none = (alertname: string, eval_time: string) => ({ alertname, eval_time, exp_alerts: [] });
  const running = {
    name: 'timer running: a healthy host and one with an expiring token and an expired OAuth login',
    interval: `${STEP_S}s`,
    input_series: [...inputSeries(healthy, A, true), ...inputSeries(expiring, B, true)],
    alert_rule_test: [
      // Before `for:` has passed nothing fires; then exactly the expiring host's problems do.
      none('OpenClawCredentialExpiringSoon', '2m'),
      none('OpenClawAuthCheckFailing', '2m'),
      { alertname: 'OpenClawCredentialExpiringSoon', eval_time: '10m', exp_alerts: [expected('OpenClawCredentialExpiringSoon', { agent: 'main', provider: 'anthropic', profile: 'anthropic:default', type: 'token', instance: B, severity: 'warning' })] },
      { alertname: 'OpenClawCredentialExpired', eval_time: '10m', exp_alerts: [expected('OpenClawCredentialExpired', { agent: 'main', provider: 'openai-codex', profile: 'openai-codex:me@example.com', status: 'expired', instance: B, severity: 'critical' })] },
      { alertname: 'OpenClawProviderMissing', eval_time: '10m', exp_alerts: [expected('OpenClawProviderMissing', { agent: 'main', provider: 'openai-codex', instance: B, severity: 'critical' })] },
      { alertname: 'OpenClawAuthCheckFailing', eval_time: '10m', exp_alerts: [expected('OpenClawAuthCheckFailing', { agent: 'main', instance: B, severity: 'critical' })] },
      // The token's 2 hours are up: it no longer "expires within 24 h" (the next run calls it expired).
      none('OpenClawCredentialExpiringSoon', '2h30m'),
      none('OpenClawAuthMetricsStale', '2h30m'),
      none('OpenClawAuthMetricsRunFailed', '2h30m'),
    ],
  };
  const stopped = {
    name: 'timer stopped: the healthy host\'s file stays, and grows old',
    interval: `${STEP_S}s`,
    input_series: inputSeries(healthy, A, false),
    alert_rule_test: [
      none('OpenClawAuthMetricsStale', '15m'),
      { alertname: 'OpenClawAuthMetricsStale', eval_time: '25m', exp_alerts: [expected('OpenClawAuthMetricsStale', { instance: A, severity: 'warning' })] },
      none('OpenClawCredentialExpiringSoon', '25m'),
    ],
  };
  const broken = {
    name: 'a run that cannot read the state',
    interval: `${STEP_S}s`,
    input_series: inputSeries(failed, C, true),
    alert_rule_test: [
      none('OpenClawAuthMetricsRunFailed', '5m'),
      { alertname: 'OpenClawAuthMetricsRunFailed', eval_time: '15m', exp_alerts: [expected('OpenClawAuthMetricsRunFailed', { instance: C, severity: 'warning' })] },
    ],
  };
  // JSON is YAML: promtool reads this file as it is.
  const file = path.join(work, 'alerts.test.json');
  fs.writeFileSync(file, JSON.stringify({ rule_files: [ALERT_RULES], evaluation_interval: '30s', tests: [running, stopped, broken] }, null, 1));
  assert.ok(!fs.readFileSync(file, 'utf8').includes(CANARY));
  const r = promtool(['test', 'rules', file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /SUCCESS/);
});
