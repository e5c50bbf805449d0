/**
 * The whole chain with the real parts: two gateway homes (one healthy; one with a token expiring in
 * 2 h and an expired OAuth login), `openclaw-auth metrics --textfile` for each, a real
 * prometheus-node-exporter per home serving its textfile folder, and a real Prometheus scraping both
 * with contrib's alerting rules (shorter `for:`). The test reads Prometheus' HTTP API: each agent's
 * expiry as the textfile said it, and the expected alerts pending or firing for the right host only.
 * Every process runs on a free loopback port and is stopped at the end; waits poll with generous
 * deadlines, so a loaded machine makes the test slower, not red.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { CANARY, expiringGateway, healthyGateway } from './gatewayHomes.ts';
import { ALERT_RULES, BIN, delay, freePort, parseExposition, pollUntil, runMetrics, startProcess, type Sample, type Started } from './support.ts';

const work = tempHome('oc-metrics-prom-');
const started: Started[] = [];

interface Gateway {
  name: 'healthy' | 'expiring';
  textfile: string;
  samples: Sample[];
  address: string;
}
const gateways: Gateway[] = [];
let prometheusUrl = '';

/** Starts a server on a free port, trying another port if it lost a race for that one. */
async function startOnFreePort(name: string, args: (port: number) => [string, string[]], ready: (base: string) => Promise<boolean>): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const [command, argv] = args(port);
    const proc = startProcess(command, argv, path.join(work, `${name}.log`));
    started.push(proc);
    const base = `http://127.0.0.1:${port}`;
    const end = Date.now() + 120_000;
    // Poll until it answers, or it exits (another process took the port: try another one).
    while (proc.child.exitCode === null && proc.child.signalCode === null) {
      if (await ready(base).catch(() => false)) return base;
      if (Date.now() > end) throw new Error(`${name} did not answer within 120 s: ${fs.readFileSync(proc.log, 'utf8').slice(-2000)}`);
      await delay(250);
    }
    if (attempt >= 3) throw new Error(`${name} would not start: ${fs.readFileSync(proc.log, 'utf8').slice(-2000)}`);
  }
}

async function getJson(url: string): Promise<{ status: string; data: unknown }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  const text = await response.text();
  assert.ok(!text.includes(CANARY), `a secret reached Prometheus: ${url}`);
  return JSON.parse(text) as { status: string; data: unknown };
}

/** contrib's rules with `for:` shortened (and one kept long, so an alert is seen pending). */
function testRules(): string {
  const text = fs.readFileSync(ALERT_RULES, 'utf8');
  const blocks = text.split(/(?=^ {6}- alert: )/m);
  const shortened = blocks.map((b) => b.replace(/^( +for: ).*$/m, b.includes('alert: OpenClawAuthCheckFailing') ? '$11h' : '$11s'));
  const out = shortened.join('');
  assert.equal((out.match(/for: 1s$/gm) ?? []).length, 5, 'every other rule got a short for:');
  const file = path.join(work, 'rules.yml');
  fs.writeFileSync(file, out);
  return file;
}

before(async () => {
  for (const [name, c] of [['healthy', healthyGateway], ['expiring', expiringGateway]] as const) {
    const home = path.join(work, `home-${name}`);
    const { env } = materializeCase(c, home);
    const dir = path.join(work, `textfile-${name}`);
    fs.mkdirSync(dir);
    const textfile = path.join(dir, 'openclaw-auth.prom');
    const r = runMetrics(home, ['--daemon', '--textfile', textfile], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '', 'with --textfile nothing goes to stdout');
    assert.deepEqual(fs.readdirSync(dir), ['openclaw-auth.prom'], 'no temp file left beside the textfile');
    const samples = parseExposition(fs.readFileSync(textfile, 'utf8'));
    const address = await startOnFreePort(`node-exporter-${name}`, (port) => [BIN.nodeExporter, [
      `--web.listen-address=127.0.0.1:${port}`, '--collector.disable-defaults', '--collector.textfile', `--collector.textfile.directory=${dir}`,
    ]], async (base) => (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) }).then((x) => x.text())).includes('openclaw_auth_check'));
    gateways.push({ name, textfile, samples, address: address.replace('http://', '') });
  }
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s', scrape_timeout: '1s' },
    rule_files: [testRules()],
    scrape_configs: [{ job_name: 'node', static_configs: gateways.map((g) => ({ targets: [g.address], labels: { gateway: g.name } })) }],
  };
  const configFile = path.join(work, 'prometheus.yml');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 1)); // JSON is YAML
  prometheusUrl = await startOnFreePort('prometheus', (port) => [BIN.prometheus, [
    `--config.file=${configFile}`, `--storage.tsdb.path=${path.join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`,
  ]], async (base) => (await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(10_000) })).ok);
});

after(async () => {
  await Promise.all(started.map((p) => p.stop()));
  for (const p of started) assert.ok(p.child.exitCode !== null || p.child.signalCode !== null, 'a process outlived the test');
  const logs = started.map((p) => fs.readFileSync(p.log, 'utf8')).join('\n');
  assert.ok(!logs.includes(CANARY), 'a secret reached a log');
  fs.rmSync(work, { recursive: true, force: true });
});

interface VectorResult { metric: Record<string, string>; value: [number, string] }

async function query(q: string): Promise<VectorResult[]> {
  const body = await getJson(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
  assert.equal(body.status, 'success');
  return (body.data as { result: VectorResult[] }).result;
}

test('Prometheus scrapes both hosts and holds each agent\'s expiry as the textfile says', async () => {
  const expectedRows = gateways.flatMap((g) => g.samples
    .filter((s) => s.name === 'openclaw_auth_profile_expiry_timestamp_seconds')
    .map((s) => `${g.name} ${s.labels.agent} ${s.labels.profile} ${s.labels.type} ${s.value}`));
  assert.ok(expectedRows.some((r) => r.startsWith('healthy work ')) && expectedRows.some((r) => r.startsWith('expiring main ')), 'both hosts have expiries');
  const rows = await pollUntil('both hosts\' expiries in Prometheus', async () => {
    const result = await query('openclaw_auth_profile_expiry_timestamp_seconds');
    const got = result.map((r) => `${r.metric.gateway} ${r.metric.agent} ${r.metric.profile} ${r.metric.type} ${Number(r.value[1])}`);
    return got.length === expectedRows.length ? got : undefined;
  });
  assert.deepEqual(rows.sort(), expectedRows.sort());
  // The 2-hour token, seen from Prometheus' side: between 1 and 2 hours left.
  const left = await query('openclaw_auth_profile_expiry_timestamp_seconds{gateway="expiring",profile="anthropic:default"} - time()');
  assert.equal(left.length, 1);
  const seconds = Number(left[0]?.value[1]);
  assert.ok(seconds > 3600 && seconds <= 7200, `${seconds} s left`);
  const checks = await query('openclaw_auth_check');
  assert.deepEqual(checks.map((r) => `${r.metric.gateway} ${r.metric.agent} ${r.value[1]}`).sort(), ['expiring main 1', 'healthy main 0', 'healthy work 0']);
});

interface Alert { labels: Record<string, string>; state: string }

test('the expected alerts are firing (and the long-for one pending) for the expiring host, none for the healthy one', async () => {
  const key = (a: Alert) => [a.labels.alertname, a.labels.gateway, a.labels.agent, a.labels.profile ?? a.labels.provider ?? '-', a.labels.severity, a.state].join(' ');
  const expected = [
    'OpenClawAuthCheckFailing expiring main - critical pending',
    'OpenClawCredentialExpired expiring main openai-codex:me@example.com critical firing',
    'OpenClawCredentialExpiringSoon expiring main anthropic:default warning firing',
    'OpenClawProviderMissing expiring main openai-codex critical firing',
  ];
  const alerts = await pollUntil('the expected alerts', async () => {
    const body = await getJson(`${prometheusUrl}/api/v1/alerts`);
    const got = (body.data as { alerts: Alert[] }).alerts.map(key).sort();
    return got.length === expected.length && got.every((k, i) => k === expected[i]) ? got : undefined;
  }).catch(async (error: Error) => {
    const body = await getJson(`${prometheusUrl}/api/v1/alerts`);
    throw new Error(`${error.message}; Prometheus has: ${JSON.stringify((body.data as { alerts: Alert[] }).alerts.map(key))}`);
  });
  assert.deepEqual(alerts, expected);
  // The healthy host was scraped and its rules evaluated all along: up, and no alert names it.
  const up = await query('up');
  assert.deepEqual(up.map((r) => `${r.metric.gateway} ${r.value[1]}`).sort(), ['expiring 1', 'healthy 1']);
  const rules = await getJson(`${prometheusUrl}/api/v1/rules`);
  const groups = (rules.data as { groups: { rules: { name: string; health: string }[] }[] }).groups;
  assert.deepEqual(groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => r.name)), [], 'every rule evaluates');
});
