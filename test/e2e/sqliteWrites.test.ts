// Paste Token on an OpenClaw 2026.9.6 home (SQLite store), in code-server + Chromium: the home is
// made by the real 2026.9.6 CLI (its own databases), its token then expired in the database; the
// user pastes a new one through the palette and the password box; the status bar turns ok and the
// real 2026.9.6 `models status` reads the new token from the database. The canary shows nowhere.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CANARY, writeFiles } from '../fixtures/homes.ts';
import { nodeWithSqlite, runSql } from '../support/tree.ts';
import { ensure, freshRunDir } from './support/paths.ts';
import { waitFor } from './support/processes.ts';
import { realOpenClaw } from './support/realOpenClaw.ts';
import { openSession } from './support/session.ts';
import { answerInput, notificationTexts, pickQuickItem, runFromPalette, screenshot } from './support/workbench.ts';
import {
  assertNoSecretInLogs, assertNoSecretOnScreen, expandRow, expectStatus, openProfilesView, profileTreeRows, statusTooltip,
} from './support/openclawUi.ts';

const HOUR = 3_600_000;
const PASTED = `sk-ant-oat01-${CANARY}-${'q'.repeat(80)}sqlite`;

test('SQLite home made by OpenClaw 2026.9.6: Paste Token turns an expired status bar ok, and OpenClaw reads it', { timeout: 300_000 }, async () => {
  ensure('ensure-node24.sh');
  const sqliteNode = nodeWithSqlite();
  assert.ok(sqliteNode, 'a Node with node:sqlite (Node 24 from .cache/node24)');
  const stateDir = path.join(freshRunDir('home-sqlite-write'), 'openclaw');
  writeFiles(stateDir, { 'openclaw.json': { meta: { lastTouchedVersion: '2026.9.6' }, agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } } });
  const made = realOpenClaw('2026.9.6', stateDir, ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:default', '--expires-in', '1h'], `sk-ant-oat01-${'o'.repeat(90)}`);
  assert.equal(made.code, 0, `the real 2026.9.6 paste-token made the home:\n${made.stdout}`);
  const globalDb = path.join(stateDir, 'state/openclaw.sqlite');
  assert.ok(fs.existsSync(globalDb), 'OpenClaw created its state database');
  // Time passes: the token OpenClaw stored is now two hours past its expiry.
  runSql(sqliteNode, globalDb, [{
    sql: `UPDATE config_machine_state SET value_json = json_set(value_json, '$.profiles."anthropic:default".expires', ?) WHERE state_key = 'authProfiles.store'`,
    params: [Date.now() - 2 * HOUR],
  }]);

  const session = await openSession({ name: 'sqlite-write', stateDir });
  const { page } = session;
  try {
    await expectStatus(page, { text: 'anthropic:default expired', icon: 'error', level: 'error' });
    await runFromPalette(page, 'OpenClaw Auth: Paste Token');
    await pickQuickItem(page, 'anthropic');
    await answerInput(page, /Profile id/, 'anthropic:default', { replace: true });
    await answerInput(page, /Paste the token/, PASTED, { password: true });
    await answerInput(page, /expires/, '365d');
    const sent = Date.now();
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' }, 30_000, 50);
    console.log(`SQLite home: status bar ok ${Date.now() - sent} ms after the last Enter`);
    await screenshot(page, 'sqlite-paste-ok');
    await statusTooltip(page);
    await assertNoSecretOnScreen(page, 'sqlite home after the paste');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'sqlite home after the paste');

    // OpenClaw 2026.9.6 itself (on this home, after our write) sees the new token, valid for a year.
    const status = realOpenClaw('2026.9.6', stateDir, ['models', 'status', '--json']);
    const json = JSON.parse(status.stdout.slice(status.stdout.indexOf('{')));
    const profile = json.auth.oauth.profiles.find((p: { profileId: string }) => p.profileId === 'anthropic:default');
    assert.equal(profile?.status, 'ok', `2026.9.6 reads the pasted token as ok:\n${JSON.stringify(json.auth.oauth.profiles)}`);
    assert.ok(!status.stdout.includes(CANARY), 'OpenClaw masks it too');
    const check = realOpenClaw('2026.9.6', stateDir, ['models', 'status', '--check']);
    assert.equal(check.code, 0, `the real 2026.9.6 --check passes:\n${check.stdout}`);
  } finally {
    await session.close();
  }
});

test('SQLite home: dragging a profile in the tree sets the order OpenClaw 2026.9.6 reads', { timeout: 300_000 }, async () => {
  const stateDir = path.join(freshRunDir('home-sqlite-order'), 'openclaw');
  writeFiles(stateDir, { 'openclaw.json': { meta: { lastTouchedVersion: '2026.9.6' }, agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } } });
  for (const [id, fill] of [['anthropic:default', 'd'], ['anthropic:backup', 'b']] as const) {
    const made = realOpenClaw('2026.9.6', stateDir, ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', id, '--expires-in', '30d'], `sk-ant-oat01-${CANARY}${fill.repeat(90)}`);
    assert.equal(made.code, 0, `the real 2026.9.6 paste-token stored ${id}:\n${made.stdout}`);
  }
  // The order lives in the agent's own database, which only OpenClaw creates (with its full schema):
  // the user has set an order with the openclaw CLI once.
  const set = realOpenClaw('2026.9.6', stateDir, ['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:default', 'anthropic:backup']);
  assert.equal(set.code, 0, `the real 2026.9.6 order set:\n${set.stdout}`);
  const session = await openSession({ name: 'sqlite-order', stateDir });
  const { page } = session;
  try {
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' });
    await openProfilesView(page);
    await expandRow(page, 'anthropic', 2).catch(() => undefined);
    const profileOrder = async () => (await profileTreeRows(page)).filter((r) => r.level === 3 && r.label.startsWith('anthropic:')).map((r) => r.label);
    const [first, second] = (await waitFor('both profiles in the tree', async () => ((await profileOrder()).length === 2 ? profileOrder() : undefined), 20_000)) as [string, string];
    // The order the real order set left in main's own database, not the shared store's.
    assert.deepEqual([first, second], ['anthropic:default', 'anthropic:backup']);
    const row = (label: string) => page.locator('.part.sidebar .monaco-list-row[aria-level="3"]').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
    // A row's hover (shown after the tree was read) would cover the row below it: away first.
    await page.mouse.move(900, 600);
    await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await row(second).dragTo(row(first));
    // The server's answer, shown in the status bar for a few seconds.
    const confirmation = await waitFor('the order written', async () => {
      const texts = await page.locator('.statusbar-item').allInnerTexts();
      return texts.find((t) => t.includes('Order for anthropic'));
    }, 20_000, 100).catch(async (error) => {
      await screenshot(page, 'sqlite-order-no-change');
      throw new Error(`${(error as Error).message}; notifications ${JSON.stringify(await notificationTexts(page))}`);
    });
    assert.match(confirmation, new RegExp(`${second}, ${first}`));
    // The tree reads the order back from main's own database, where OpenClaw 2026.9.6 keeps it.
    await waitFor('the tree in the new order', async () => {
      const order = await profileOrder();
      return order.join() === [second, first].join() ? order : undefined;
    }, 20_000, 100).catch(async (error) => {
      await screenshot(page, 'sqlite-order-tree-unmoved');
      throw new Error(`${(error as Error).message}; tree ${JSON.stringify(await profileOrder())}`);
    });
    await screenshot(page, 'sqlite-order-after-drag');
    const got = realOpenClaw('2026.9.6', stateDir, ['models', 'auth', 'order', 'get', '--provider', 'anthropic']);
    assert.match(got.stdout, new RegExp(`${second}, ${first}`), `the real openclaw 2026.9.6 reads the new order:\n${got.stdout}`);
    await assertNoSecretOnScreen(page, 'sqlite tree after the drag');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'sqlite home after the drag');
  } finally {
    await session.close();
  }
});
