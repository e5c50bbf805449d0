/**
 * contrib's service definitions run what they say: systemd accepts the user units, and the
 * command lines of the unit and of the launchd plist, pointed at a temp textfile, are accepted by
 * our CLI and write a file node_exporter can read.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { repoRoot } from '../support/runCli.ts';
import { healthyGateway } from './gatewayHomes.ts';
import { parseExposition, runMetrics } from './support.ts';

const contrib = path.join(repoRoot, 'contrib');
const work = tempHome('oc-metrics-contrib-');
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs contrib's `metrics …` arguments against a fake home, the textfile moved into a temp folder. */
function runContribArgs(args: string[], name: string): void {
  assert.equal(args[0], 'metrics', `contrib runs the metrics command: ${args.join(' ')}`);
  const at = args.indexOf('--textfile');
  assert.ok(at > 0 && args[at + 1]?.endsWith('.prom'), 'contrib writes a *.prom textfile (node_exporter reads only those)');
  const home = path.join(work, name);
  const { env } = materializeCase(healthyGateway, home);
  const textfile = path.join(work, `${name}.prom`);
  const moved = [...args.slice(1, at + 1), textfile, ...args.slice(at + 2)];
  const r = runMetrics(home, moved, env);
  assert.equal(r.code, 0, r.stderr);
  const samples = parseExposition(fs.readFileSync(textfile, 'utf8'));
  assert.deepEqual(samples.filter((s) => s.name === 'openclaw_auth_check').map((s) => s.labels.agent).sort(), ['main', 'work']);
  assert.equal((fs.statSync(textfile).mode & 0o777).toString(8), '644', 'node_exporter runs as another user');
}

test('systemd accepts the service and the timer, and the service\'s command line works', (t) => {
  const unitDir = path.join(work, 'units');
  fs.mkdirSync(unitDir);
  for (const f of ['openclaw-auth-metrics.service', 'openclaw-auth-metrics.timer']) fs.copyFileSync(path.join(contrib, 'systemd', f), path.join(unitDir, f));
  const analyze = spawnSync('systemd-analyze', ['verify', 'openclaw-auth-metrics.timer', 'openclaw-auth-metrics.service'], { cwd: unitDir, encoding: 'utf8' });
  if (analyze.error) t.diagnostic(`systemd-analyze not installed: the units were not verified (${analyze.error.message})`);
  else assert.equal(`${analyze.status} ${analyze.stderr}`.trim(), '0', 'systemd-analyze verify has remarks');

  const service = fs.readFileSync(path.join(contrib, 'systemd', 'openclaw-auth-metrics.service'), 'utf8');
  const exec = /^ExecStart=(.*)$/m.exec(service)?.[1]?.split(/\s+/) ?? [];
  const cli = exec.findIndex((a) => a.endsWith('/cli.js'));
  assert.ok(cli > 0, `ExecStart runs the bundled cli.js: ${exec.join(' ')}`);
  runContribArgs(exec.slice(cli + 1), 'systemd');
  assert.match(fs.readFileSync(path.join(contrib, 'systemd', 'openclaw-auth-metrics.timer'), 'utf8'), /^OnUnitActiveSec=5min$/m, 'the stale alert assumes a run every 5 minutes');
});

test('the launchd plist runs the same command every 5 minutes', () => {
  const plist = fs.readFileSync(path.join(contrib, 'launchd', 'openclaw-auth.metrics.plist'), 'utf8');
  assert.match(plist, /<key>Label<\/key>\s*<string>openclaw-auth\.metrics<\/string>/);
  assert.match(plist, /<key>StartInterval<\/key>\s*<integer>300<\/integer>/);
  const array = /<key>ProgramArguments<\/key>\s*<array>([\s\S]*?)<\/array>/.exec(plist)?.[1] ?? '';
  const args = [...array.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1] as string);
  const cli = args.findIndex((a) => a.endsWith('/cli.js'));
  assert.ok(cli > 0, `ProgramArguments run node on the bundled cli.js: ${args.join(' ')}`);
  runContribArgs(args.slice(cli + 1), 'launchd');
});
