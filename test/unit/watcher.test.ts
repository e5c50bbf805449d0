import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { planWatches, statePathsToWatch, StateWatcher } from '../../server/src/watcher.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';

const homes: string[] = [];
const newHome = () => {
  const h = tempHome('oc-watch-');
  homes.push(h);
  return h;
};
after(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A watcher whose reports are counted; `settled` waits for quiet and returns the count. */
function countingWatcher(debounceMs = 100, maxWaitMs = 1000) {
  const reasons: string[] = [];
  const watcher = new StateWatcher((reason) => reasons.push(reason), () => undefined, debounceMs, maxWaitMs);
  return { watcher, reasons };
}

describe('planWatches', () => {
  test('an existing folder is watched whole; a missing path through its nearest existing ancestor, filtered', () => {
    const home = newHome();
    fs.mkdirSync(path.join(home, 'state'));
    const plan = planWatches([path.join(home, 'state'), path.join(home, 'state', 'agents', 'main', 'agent'), path.join(home, 'missing', 'x.env')]);
    assert.equal(plan.get(path.join(home, 'state')), undefined);
    assert.ok(plan.has(path.join(home, 'state')));
    assert.deepEqual([...(plan.get(home) ?? [])], ['missing']);
    assert.equal(plan.size, 2, 'the missing agents folder is covered by watching state whole');
  });

  test('files are watched through their folder, filtered to their names', () => {
    const home = newHome();
    fs.writeFileSync(path.join(home, 'a.json'), '{}');
    const plan = planWatches([path.join(home, 'a.json'), path.join(home, 'b.env')]);
    assert.deepEqual([...(plan.get(home) ?? [])].sort(), ['a.json', 'b.env']);
  });
});

describe('statePathsToWatch', () => {
  test('covers the state dir, config, env files, every agent folder and, in shell mode, the working folder .env', () => {
    const home = newHome();
    materializeCase({ files: { '.openclaw/openclaw.json': { agents: { list: [{ id: 'main' }, { id: 'ops', agentDir: '~/elsewhere/ops' }] } } } }, home);
    const state = loadOpenClawState({ env: { HOME: home }, mode: 'shell' });
    const paths = statePathsToWatch(state, path.join(home, 'work'));
    for (const p of [
      path.join(home, '.openclaw'), path.join(home, '.openclaw', 'openclaw.json'), path.join(home, '.openclaw', '.env'),
      path.join(home, '.openclaw', 'agents', 'main', 'agent'), path.join(home, 'elsewhere', 'ops'), path.join(home, 'work', '.env'),
      path.join(home, '.config', 'openclaw', 'gateway.env'),
    ]) assert.ok(paths.includes(p), `watches ${p}`);
    const daemon = statePathsToWatch(loadOpenClawState({ env: { HOME: home }, mode: 'daemon' }), path.join(home, 'work'));
    assert.ok(!daemon.includes(path.join(home, 'work', '.env')), 'the daemon never reads a working folder');
  });
});

describe('StateWatcher (real fs.watch)', () => {
  test('a burst of writes becomes one report after the debounce', async () => {
    const home = newHome();
    const { watcher, reasons } = countingWatcher(150);
    watcher.update([home]);
    try {
      for (let i = 0; i < 5; i++) {
        fs.writeFileSync(path.join(home, 'auth-profiles.json.tmp'), String(i));
        await sleep(10);
      }
      fs.renameSync(path.join(home, 'auth-profiles.json.tmp'), path.join(home, 'auth-profiles.json'));
      await sleep(80);
      assert.equal(reasons.length, 0, 'nothing before the burst is over');
      await sleep(400);
      assert.equal(reasons.length, 1);
      assert.ok(reasons[0]?.startsWith(home));
    } finally {
      watcher.dispose();
    }
  });

  test('a folder watched for one entry ignores its other entries, and wakes when the entry appears', async () => {
    const home = newHome();
    const { watcher, reasons } = countingWatcher(50);
    watcher.update([path.join(home, '.openclaw', 'agents')]);
    try {
      assert.deepEqual(watcher.watchedDirectories(), [home]);
      fs.writeFileSync(path.join(home, 'unrelated.txt'), 'x');
      await sleep(300);
      assert.equal(reasons.length, 0, 'unrelated files in the home folder do not count');
      fs.mkdirSync(path.join(home, '.openclaw'));
      await sleep(300);
      assert.equal(reasons.length, 1);
      // After re-planning, the new folder is watched itself.
      assert.equal(watcher.update([path.join(home, '.openclaw', 'agents')]), true);
      assert.deepEqual(watcher.watchedDirectories(), [path.join(home, '.openclaw')]);
      fs.mkdirSync(path.join(home, '.openclaw', 'agents'));
      await sleep(300);
      assert.equal(reasons.length, 2);
    } finally {
      watcher.dispose();
    }
  });

  test('SQLite -shm churn is ignored', async () => {
    const home = newHome();
    const { watcher, reasons } = countingWatcher(50);
    watcher.update([home]);
    try {
      fs.writeFileSync(path.join(home, 'openclaw-agent.sqlite-shm'), 'x');
      await sleep(300);
      assert.equal(reasons.length, 0);
      fs.writeFileSync(path.join(home, 'openclaw-agent.sqlite'), 'x');
      await sleep(300);
      assert.equal(reasons.length, 1);
    } finally {
      watcher.dispose();
    }
  });

  test('events that never stop are still reported within the maximum wait', async () => {
    const home = newHome();
    const { watcher, reasons } = countingWatcher(200, 500);
    watcher.update([home]);
    try {
      const started = Date.now();
      while (reasons.length === 0 && Date.now() - started < 2000) {
        fs.writeFileSync(path.join(home, 'busy'), String(Date.now()));
        await sleep(50);
      }
      assert.equal(reasons.length, 1);
      assert.ok(Date.now() - started < 1000, `reported after ${Date.now() - started} ms`);
    } finally {
      watcher.dispose();
    }
  });

  test('after dispose nothing is reported and nothing is watched', async () => {
    const home = newHome();
    const { watcher, reasons } = countingWatcher(20);
    watcher.update([home]);
    watcher.dispose();
    fs.writeFileSync(path.join(home, 'late'), 'x');
    await sleep(200);
    assert.equal(reasons.length, 0);
    assert.deepEqual(watcher.watchedDirectories(), []);
    assert.equal(watcher.update([home]), false);
  });
});
