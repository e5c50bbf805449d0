// Setup Token in a real VS Code (code-server + Chromium): `claude setup-token` runs in a terminal of
// the extension host; the token it prints is recognised in the command's own output (shell
// integration) and stored in one click. `claude` here is a stand-in script that prints what the real
// one prints at the end of its login: a setup-token carrying the canary. Without `claude` on PATH
// the command says so and offers Paste Token.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { CANARY, writeFixture } from '../fixtures/homes.ts';
import { freshRunDir } from './support/paths.ts';
import { waitFor } from './support/processes.ts';
import { openSession } from './support/session.ts';
import { installStandIn } from './support/standIn.ts';
import { answerInput, notificationTexts, runFromPalette, screenshot } from './support/workbench.ts';
import { assertNoSecretInLogs, expectStatus } from './support/openclawUi.ts';

const STORE = 'agents/main/agent/auth-profiles.json';
const PRINTED = `sk-ant-oat01-${CANARY}-${'s'.repeat(80)}setup`;

/**
 * A `claude` that answers `setup-token` as the real one ends (coloured lines and the token),
 * installed the way users get it on PATH: in ~/.local/bin, added by their shell profile (the
 * extension host and the terminal take PATH from the login and interactive shells).
 */
function installFakeClaude(home: string): void {
  installStandIn(home, 'claude', [
    '[ "$1" = setup-token ] || exit 2',
    "printf '\\033[32m✓ Long-lived authentication token created successfully!\\033[0m\\n\\n'",
    `printf 'Your OAuth token (valid for 1 year):\\n\\n\\033[1m%s\\033[22m\\n\\n' '${PRINTED}'`,
    "printf 'Store this token securely.\\n'",
  ]);
}

async function clickNotificationButton(page: Page, message: RegExp, button: string): Promise<void> {
  const toast = page.locator('.notification-toast').filter({ hasText: message }).first();
  try {
    await toast.waitFor({ timeout: 30_000 });
  } catch (error) {
    await screenshot(page, 'setup-token-no-toast');
    throw new Error(`no notification ${message}; shown: ${JSON.stringify(await notificationTexts(page))} (${(error as Error).message.split('\n')[0]})`);
  }
  await toast.locator('.monaco-button', { hasText: button }).first().click();
}

/** Everything in the terminal's buffer, scroll-back included (it draws on a canvas): Select All, Copy, read the clipboard. */
async function terminalText(page: Page): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.locator('.terminal-wrapper').first().click();
  await runFromPalette(page, 'Terminal: Select All');
  await runFromPalette(page, 'Terminal: Copy Selection');
  return page.evaluate(() => navigator.clipboard.readText());
}


test('Setup Token: the token claude setup-token prints is stored in one click and the status bar turns ok', { timeout: 240_000 }, async () => {
  const stateDir = writeFixture('expired', path.join(freshRunDir('home-setup'), 'openclaw'));
  const session = await openSession({
    name: 'setup-token',
    stateDir,
    // The session's HOME is <run dir>/home, beside user-data.
    beforeServe: ({ userDataDir }) => installFakeClaude(path.join(path.dirname(userDataDir), 'home')),
  });
  const { page } = session;
  try {
    await expectStatus(page, { text: 'anthropic:default expired', icon: 'error', level: 'error' });
    await runFromPalette(page, 'OpenClaw Auth: Setup Token (claude setup-token)');
    await page.locator('.notification-toast').filter({ hasText: /printed a setup-token/ }).first().waitFor({ timeout: 30_000 });
    const printedOnScreen = (await terminalText(page)).includes(CANARY);
    await clickNotificationButton(page, /printed a setup-token/, 'Store in OpenClaw');
    await screenshot(page, 'setup-token-offer');
    // The profile the status bar flags is proposed.
    await waitFor('the expired profile proposed', async () => ((await page.locator('.quick-input-widget input.input').inputValue().catch(() => '')) === 'anthropic:default' ? true : undefined), 15_000);
    await answerInput(page, /Profile id/, '');
    await answerInput(page, /expires/, '365d');
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' }, 30_000);
    await screenshot(page, 'setup-token-stored');
    const stored = JSON.parse(fs.readFileSync(path.join(stateDir, STORE), 'utf8'));
    assert.equal(stored.profiles['anthropic:default'].token, PRINTED, 'the printed token was stored, whole');
    // The terminal showed what claude printed (its own output); once stored, our terminal is cleared.
    assert.ok(printedOnScreen, 'the terminal showed what claude printed (the test can read the terminal)');
    await waitFor('the terminal cleared after the store', async () => (!(await terminalText(page)).includes(CANARY) ? true : undefined), 10_000);
    const notes = await notificationTexts(page);
    assert.ok(!notes.join('\n').includes(CANARY), 'no notification holds the token');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'extension host and output channel after setup-token');
  } finally {
    await session.close();
  }
});

test('Setup Token without claude on PATH says so and offers Paste Token', { timeout: 180_000 }, async () => {
  const stateDir = writeFixture('expired', path.join(freshRunDir('home-noclaude'), 'openclaw'));
  const session = await openSession({ name: 'setup-noclaude', stateDir });
  const { page } = session;
  try {
    await expectStatus(page, { text: 'anthropic:default expired', icon: 'error', level: 'error' });
    await runFromPalette(page, 'OpenClaw Auth: Setup Token (claude setup-token)');
    await clickNotificationButton(page, /claude is not on the PATH/, 'Paste Token');
    // Paste Token starts: its first question is the provider.
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'anthropic' }).first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'setup-token-no-claude');
    await page.keyboard.press('Escape');
  } finally {
    await session.close();
  }
});
