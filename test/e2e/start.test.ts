// `npm start` on a machine without OpenClaw: it writes the demo state, serves VS Code with the
// extension installed on 127.0.0.1, prints the URL, and a browser there sees the product.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { freePort, startGroup, waitFor } from './support/processes.ts';
import { freshRunDir, repoRoot } from './support/paths.ts';
import { launchBrowser, openWorkbench, screenshot } from './support/workbench.ts';
import { assertNoSecretOnScreen, expectStatus, findRow, openProfilesView, profileTreeRows } from './support/openclawUi.ts';

test('npm start without an OpenClaw state serves the demo home', { timeout: 180_000 }, async () => {
  const runDir = freshRunDir('npm-start');
  const home = path.join(runDir, 'home'); // no ~/.openclaw here
  fs.mkdirSync(home, { recursive: true });
  const port = await freePort();
  const logFile = path.join(runDir, 'start.log');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    CI: 'true',
    PORT: String(port),
    OPENCLAW_AUTH_START_DIR: path.join(runDir, 'code-server'),
  };
  const start = startGroup('bash', [path.join(repoRoot, 'scripts/start.sh')], { env, cwd: repoRoot, logFile });
  const browser = await launchBrowser(path.join(runDir, 'chromium-profile'));
  try {
    const url = await waitFor(
      'the URL printed by npm start',
      () => /OpenClaw Auth in VS Code: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(fs.readFileSync(logFile, 'utf8'))?.[1],
      150_000,
      500,
    );
    assert.ok(url.startsWith(`http://127.0.0.1:${port}/?folder=`), `served on the PORT asked for: ${url}`);
    const demoState = path.join(repoRoot, '.cache/demo-home/openclaw');
    assert.ok(url.endsWith(`folder=${demoState}`), `opens the demo state folder: ${url}`);
    assert.ok(fs.existsSync(path.join(demoState, 'agents/work/agent/auth-profiles.json')), 'the demo state was written');
    await waitFor('code-server /healthz', async () => ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok ? true : undefined), 30_000);

    const page = browser.pages()[0] ?? (await browser.newPage());
    await openWorkbench(page, url);
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' });
    await openProfilesView(page);
    await screenshot(page, 'npm-start-demo');
    for (const agent of ['main', 'work', 'night', 'research']) {
      await waitFor(`agent ${agent} in the tree`, () => findRow(page, agent), 15_000).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await profileTreeRows(page))}`);
      });
    }
    await assertNoSecretOnScreen(page, 'npm start');
    assert.doesNotMatch(fs.readFileSync(logFile, 'utf8'), /EADDRINUSE/);
  } finally {
    await browser.close();
    await start.stop();
  }
});
