import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './runCli.ts';
import { nodeWithSqlite } from './tree.ts';

/** A Node with node:sqlite: this one, else the project's Node 24 (installed into .cache when missing). */
export function ensureSqliteNode(): string {
  let node = nodeWithSqlite();
  if (!node) {
    execFileSync('bash', [path.join(repoRoot, 'scripts', 'ensure-node24.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
    node = nodeWithSqlite();
  }
  assert.ok(node, 'a Node with node:sqlite is needed (bash scripts/ensure-node24.sh)');
  return node;
}

/**
 * Runs a test file under a Node that has node:sqlite (from a Node 20 run of the suite) and checks
 * that at least `minPassed` of its tests ran and passed.
 */
export function runTestFileUnderSqliteNode(file: string, minPassed: number, timeoutMs: number, extraEnv: Record<string, string> = {}): void {
  const node = ensureSqliteNode();
  // Without NODE_TEST_CONTEXT: inherited from this runner, it would make the child report to us instead of running.
  const { NODE_TEST_CONTEXT: _ignored, ...env } = process.env;
  const r = spawnSync(node, ['--import', 'tsx', '--test', '--test-reporter=tap', file], { cwd: repoRoot, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: timeoutMs });
  // The child's diagnostics (measurements) are shown here too.
  for (const line of r.stdout.split('\n')) if (/^\s+# /.test(line)) process.stderr.write(`${line.trim()}\n`);
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const passed = Number(/^# pass (\d+)$/m.exec(r.stdout)?.[1] ?? 0);
  assert.ok(passed >= minPassed && /^# fail 0$/m.test(r.stdout), r.stdout);
}
