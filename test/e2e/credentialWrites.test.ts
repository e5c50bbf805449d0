// Changing credentials from the editor, as a user does it in a real VS Code (code-server + Chromium,
// the packaged VSIX): Paste Token through the palette, quick picks and the password box typed by the
// browser, turning an expired status bar ok; drag and drop of profiles in the tree, read back with
// the real OpenClaw CLI 2026.6.1. The pasted token carries the canary: it must appear nowhere.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CANARY, writeFiles, writeFixture } from '../fixtures/homes.ts';
import { freshRunDir } from './support/paths.ts';
import { waitFor } from './support/processes.ts';
import { realOpenClaw } from './support/realOpenClaw.ts';
import { openSession } from './support/session.ts';
import { answerInput, notificationTexts, pickQuickItem, runFromPalette, screenshot } from './support/workbench.ts';
import {
  assertNoSecretInLogs, assertNoSecretOnScreen, expandRow, expectStatus, openProfilesView, profileTreeRows, statusTooltip,
} from './support/openclawUi.ts';

const STORE = 'agents/main/agent/auth-profiles.json';
/** A setup-token as long as a real one, with the canary in the middle (masking shows 8 + 8 characters). */
const PASTED = `sk-ant-oat01-${CANARY}-${'p'.repeat(80)}pasted`;

/** The `ok` fixture plus a second valid anthropic profile, `anthropic:backup` (its token carries the canary too). */
function homeWithBackupProfile(name: string): string {
  const stateDir = writeFixture('ok', path.join(freshRunDir(name), 'openclaw'));
  const store = JSON.parse(fs.readFileSync(path.join(stateDir, STORE), 'utf8'));
  store.profiles['anthropic:backup'] = { ...store.profiles['anthropic:default'], token: `sk-ant-oat01-${CANARY}-${'b'.repeat(80)}backup` };
  writeFiles(stateDir, { [STORE]: store });
  return stateDir;
}


test('Paste Token from the palette turns an expired status bar ok; the token is shown nowhere', { timeout: 240_000 }, async () => {
  const stateDir = writeFixture('expired', path.join(freshRunDir('home-paste'), 'openclaw'));
  const session = await openSession({ name: 'paste-token', stateDir });
  const { page } = session;
  try {
    await expectStatus(page, { text: 'anthropic:default expired', icon: 'error', level: 'error' });
    await runFromPalette(page, 'OpenClaw Auth: Paste Token');
    await pickQuickItem(page, 'anthropic');
    await answerInput(page, /Profile id/, 'anthropic:default', { replace: true });
    await answerInput(page, /Paste the token/, PASTED, { password: true });
    await screenshot(page, 'paste-token-expiry');
    await answerInput(page, /expires/, '365d');
    const sent = Date.now();
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' }, 30_000, 50);
    console.log(`status bar turned ok ${Date.now() - sent} ms after the last Enter (write, re-read, notification, render)`);
    await screenshot(page, 'paste-token-ok');

    const stored = JSON.parse(fs.readFileSync(path.join(stateDir, STORE), 'utf8'));
    assert.equal(stored.profiles['anthropic:default'].token, PASTED, 'the store holds the pasted token');
    assert.ok(stored.profiles['anthropic:default'].expires > Date.now() + 364 * 86_400_000, 'with the expiry typed');
    assert.equal((fs.statSync(path.join(stateDir, STORE)).mode & 0o777).toString(8), '600');
    const notes = await notificationTexts(page);
    assert.ok(notes.some((n) => n.includes('anthropic:default')), `a notification names the profile: ${JSON.stringify(notes)}`);

    // Everywhere a secret could leak: notifications (on screen), the tooltip, the tree, the logs.
    await statusTooltip(page);
    await assertNoSecretOnScreen(page, 'status tooltip after the paste');
    await page.mouse.move(700, 400);
    await openProfilesView(page);
    await expandRow(page, 'anthropic', 2).catch(() => undefined);
    const rows = await profileTreeRows(page);
    assert.ok(rows.some((r) => r.label === 'anthropic:default' && !/expired/.test(r.description)), `the tree shows the renewed profile: ${JSON.stringify(rows)}`);
    await assertNoSecretOnScreen(page, 'tree and notifications after the paste');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'extension host and output channel after the paste');
    assertNoSecretInLogs(fs.readFileSync(session.server.logFile, 'utf8'), 'code-server log after the paste');
    assertNoSecretInLogs(session.consoleLines.join('\n'), 'browser console after the paste');

    const check = realOpenClaw('2026.6.1', stateDir, ['models', 'status', '--check']);
    assert.equal(check.code, 0, `the real openclaw 2026.6.1 models status --check passes:\n${check.stdout}`);
    assert.ok(!check.stdout.includes(CANARY));
  } finally {
    await session.close();
  }
});

test('Paste Token from the status-bar tooltip\'s link refuses a token cut short, with the reason, and writes nothing', { timeout: 180_000 }, async () => {
  const stateDir = writeFixture('expired', path.join(freshRunDir('home-paste-short'), 'openclaw'));
  const before = fs.readFileSync(path.join(stateDir, STORE), 'utf8');
  const session = await openSession({ name: 'paste-short', stateDir });
  const { page } = session;
  try {
    await expectStatus(page, { text: 'anthropic:default expired', icon: 'error', level: 'error' });
    // The tooltip's link names agent, provider and the expired profile: only the profile id is asked, already filled in.
    await statusTooltip(page);
    await page.locator('.workbench-hover a, .monaco-hover a', { hasText: 'Paste a new token' }).first().click();
    await waitFor('the profile id proposed', async () => ((await page.locator('.quick-input-widget input.input').inputValue().catch(() => '')) === 'anthropic:default' ? true : undefined), 15_000);
    await answerInput(page, /Profile id/, '');
    await answerInput(page, /Paste the token/, `sk-ant-oat01-${CANARY}`, { password: true });
    await answerInput(page, /expires/, '');
    // The password box comes back with the server's reason.
    await waitFor('the refusal in the password box', async () => {
      const message = await page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => '');
      return /too short/i.test(message) ? message : undefined;
    }, 15_000);
    await screenshot(page, 'paste-token-too-short');
    await assertNoSecretOnScreen(page, 'refusal');
    await page.keyboard.press('Escape');
    assert.equal(fs.readFileSync(path.join(stateDir, STORE), 'utf8'), before, 'nothing was written');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'logs after a refused paste');
  } finally {
    await session.close();
  }
});

test('dragging a profile above another in the tree sets the auth order, as the real CLI reads it', { timeout: 240_000 }, async () => {
  const stateDir = homeWithBackupProfile('home-order');
  const session = await openSession({ name: 'order-drag', stateDir });
  const { page } = session;
  try {
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' });
    await openProfilesView(page);
    await expandRow(page, 'anthropic', 2).catch(() => undefined);
    const profileOrder = async () => (await profileTreeRows(page)).filter((r) => r.level === 3 && r.label.startsWith('anthropic:')).map((r) => r.label);
    const initial = await waitFor('both profiles in the tree', async () => ((await profileOrder()).length === 2 ? profileOrder() : undefined), 20_000);
    const [first, second] = initial as [string, string];
    const row = (label: string) => page.locator('.part.sidebar .monaco-list-row[aria-level="3"]').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
    // A row's hover (shown after the tree was read) would cover the row below it: away first.
    await page.mouse.move(900, 600);
    await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await row(second).dragTo(row(first));
    const reordered = await waitFor('the tree in the new order', async () => {
      const now = await profileOrder();
      return now[0] === second ? now : undefined;
    }, 20_000);
    assert.deepEqual(reordered, [second, first]);
    await screenshot(page, 'order-after-drag');

    const got = realOpenClaw('2026.6.1', stateDir, ['models', 'auth', 'order', 'get', '--provider', 'anthropic']);
    assert.equal(got.code, 0, got.stdout);
    assert.match(got.stdout, new RegExp(`Order override: ${second}, ${first}`), `the real openclaw 2026.6.1 reads the new order:\n${got.stdout}`);
    await assertNoSecretOnScreen(page, 'tree after the drag');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'logs after the drag');
  } finally {
    await session.close();
  }
});

test('Auth Order from the palette: reorder with the arrows of the quick pick, then Remove Profile from the tree after a modal question', { timeout: 300_000 }, async () => {
  const stateDir = homeWithBackupProfile('home-order-pick');
  const session = await openSession({ name: 'order-pick', stateDir });
  const { page } = session;
  try {
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' });
    await runFromPalette(page, 'OpenClaw Auth: Auth Order');
    // One agent, one provider with profiles: the command goes straight to the order in force.
    const source = await waitFor('the order and where it comes from', async () => {
      const placeholder = (await page.locator('.quick-input-widget input.input').getAttribute('placeholder').catch(() => null)) ?? '';
      return /default order/.test(placeholder) ? placeholder : undefined;
    }, 15_000);
    console.log(`Auth Order says: ${source}`);
    await screenshot(page, 'order-pick-info');
    await pickQuickItem(page, 'Set the order…');
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await waitFor('the profiles to reorder', async () => ((await rows.count()) === 2 ? true : undefined), 15_000);
    const labels = async () => rows.evaluateAll((els) => els.map((el) => (el.querySelector('.label-name')?.textContent ?? '').trim()));
    const [top, bottom] = (await labels()) as [string, string];
    await rows.nth(1).hover();
    await rows.nth(1).locator('.action-label[aria-label="Move up"], .action-label[title="Move up"]').first().click();
    await waitFor('the quick pick in the new order', async () => ((await labels())[0] === bottom ? true : undefined), 10_000);
    await screenshot(page, 'order-pick-moved');
    await page.keyboard.press('Enter');
    await waitFor('the order written', async () => {
      const file = path.join(stateDir, 'agents/main/agent/auth-state.json');
      return fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).order?.anthropic?.[0] === bottom ? true : undefined;
    }, 20_000);
    const got = realOpenClaw('2026.6.1', stateDir, ['models', 'auth', 'order', 'get', '--provider', 'anthropic']);
    assert.match(got.stdout, new RegExp(`Order override: ${bottom}, ${top}`), `the real openclaw 2026.6.1 reads the order set in the quick pick:\n${got.stdout}`);

    // Remove Profile from the tree's context menu, confirmed in the modal that names the profile.
    await openProfilesView(page);
    await expandRow(page, 'anthropic', 2).catch(() => undefined);
    // The tree redraws after the write: right-click only once it shows the new order.
    await waitFor('the tree in the new order', async () => {
      const order = (await profileTreeRows(page)).filter((r) => r.level === 3).map((r) => r.label);
      return order[0] === bottom && order[1] === top ? true : undefined;
    }, 20_000);
    const row = page.locator('.part.sidebar .monaco-list-row[aria-level="3"]').filter({ has: page.locator('.label-name', { hasText: 'anthropic:backup' }) }).first();
    await row.click({ button: 'right' });
    await screenshot(page, 'remove-profile-menu');
    await page.locator('.context-view .action-label', { hasText: 'Remove Profile' }).first().click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 }).catch(async (error) => {
      await screenshot(page, 'remove-profile-no-dialog');
      throw error;
    });
    assert.match(await dialog.innerText(), /Remove the OpenClaw profile anthropic:backup\?/);
    await screenshot(page, 'remove-profile-modal');
    await dialog.locator('.monaco-button', { hasText: /^Remove$/ }).click();
    await waitFor('the profile gone from the store', async () => {
      const profiles = JSON.parse(fs.readFileSync(path.join(stateDir, STORE), 'utf8')).profiles;
      return profiles['anthropic:backup'] === undefined && profiles['anthropic:default'] ? true : undefined;
    }, 20_000);
    await waitFor('the profile gone from the tree', async () => ((await profileTreeRows(page)).some((r) => r.label === 'anthropic:backup') ? undefined : true), 20_000);
    const after = realOpenClaw('2026.6.1', stateDir, ['models', 'auth', 'order', 'get', '--provider', 'anthropic']);
    assert.ok(!after.stdout.includes('anthropic:backup'), `the removed profile left the order too:\n${after.stdout}`);
    await assertNoSecretOnScreen(page, 'after reorder and remove');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'logs after reorder and remove');
  } finally {
    await session.close();
  }
});
