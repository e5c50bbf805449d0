// What a user sees in the status bar for each credential state, in a real VS Code (code-server)
// with the packaged VSIX installed, and how it follows a store rewritten on disk.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fixtureFiles, writeFiles, writeFixture, type FixtureName } from '../fixtures/homes.ts';
import { freshRunDir } from './support/paths.ts';
import { openSession, type WorkbenchSession } from './support/session.ts';
import { screenshot } from './support/workbench.ts';
import { assertNoSecretInLogs, assertNoSecretOnScreen, expectStatus, statusTooltip, type StatusExpectation } from './support/openclawUi.ts';

const EXPECTED: Record<Exclude<FixtureName, 'demo'>, StatusExpectation> = {
  ok: { text: 'OpenClaw', icon: 'check', level: 'ok' },
  // The fixture expires 3.5 h from now: the status bar rounds down to whole hours.
  expiring: { text: 'anthropic:default 3h', icon: 'warning', level: 'warning' },
  expired: { text: 'anthropic:default expired', icon: 'error', level: 'error' },
  missing: { text: 'anthropic missing', icon: 'error', level: 'error' },
};

async function withFixture(name: Exclude<FixtureName, 'demo'>, body: (session: WorkbenchSession, stateDir: string) => Promise<void>): Promise<void> {
  const stateDir = writeFixture(name, path.join(freshRunDir(`home-${name}`), 'openclaw'));
  const session = await openSession({ name: `status-${name}`, stateDir });
  try {
    await body(session, stateDir);
  } finally {
    await session.close();
  }
}

for (const name of ['ok', 'expired', 'missing'] as const) {
  test(`status bar when the credential is ${name}`, { timeout: 120_000 }, async () => {
    await withFixture(name, async (session) => {
      const { page } = session;
      const look = await expectStatus(page, EXPECTED[name]);
      console.log(`${name}: "${look.text}" on ${look.background}`);
      await screenshot(page, `status-${name}`);
      const tooltip = await statusTooltip(page);
      assert.match(tooltip, /anthropic/, 'the tooltip names the provider in use');
      await screenshot(page, `status-${name}-tooltip`);
      await assertNoSecretOnScreen(page, `${name} state with tooltip`);
      assertNoSecretInLogs(session.server.extensionHostLog(), name);
    });
  });
}

test('status bar for an expiring credential, then ok after the store is rewritten on disk', { timeout: 150_000 }, async () => {
  await withFixture('expiring', async (session, stateDir) => {
    const { page } = session;
    await expectStatus(page, EXPECTED.expiring);
    await screenshot(page, 'status-expiring');
    const tooltip = await statusTooltip(page);
    assert.match(tooltip, /expires\s+in\s+3h/, 'the tooltip gives the time left');
    await screenshot(page, 'status-expiring-tooltip');
    await page.mouse.move(700, 400);
    await assertNoSecretOnScreen(page, 'expiring state with tooltip');

    // Another tool (`openclaw models auth paste-token`) renews the token: the file changes under us.
    const renewed = fixtureFiles('ok');
    const store = 'agents/main/agent/auth-profiles.json';
    writeFiles(stateDir, { [store]: renewed[store] });
    assert.ok(fs.readFileSync(path.join(stateDir, store), 'utf8').includes('"anthropic:default"'));
    const started = Date.now();
    await expectStatus(page, EXPECTED.ok, 30_000);
    console.log(`status bar followed the rewritten store in ${Date.now() - started} ms`);
    await screenshot(page, 'status-expiring-renewed');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'expiring then renewed');
  });
});
