// Issue 10, "the gateway service will not see this key", in a real VS Code (code-server +
// Chromium): ANTHROPIC_API_KEY is set only in the environment code-server was started from, as a
// key exported in the user's shell is. The anthropic row and its env-key row carry the marker and
// say what to do; the status-bar tooltip and the Show Status report name the key; Add to the State
// .env (the row's inline action) creates the state .env (0600) with `ANTHROPIC_API_KEY=` and the
// cursor after `=`. The key's value (a canary) is never on screen or in a log.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { CANARY, writeFiles } from '../fixtures/homes.ts';
import { freshRunDir } from './support/paths.ts';
import { waitFor } from './support/processes.ts';
import { openSession } from './support/session.ts';
import { runFromPalette, screenshot } from './support/workbench.ts';
import { assertNoSecretInLogs, assertNoSecretOnScreen, findRow, openProfilesView, ourStatusItem, profileTreeRows } from './support/openclawUi.ts';

const MARKER = '⚠ the gateway service will not see it';

/** The hover a tree row shows (its tooltip), as text on one line. */
async function rowTooltip(page: Page, label: string, level: number): Promise<string> {
  const row = page.locator(`.part.sidebar .monaco-list-row[aria-level="${level}"]`).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  await row.hover();
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'gateway service will not see' }).last();
  await hover.waitFor({ state: 'visible', timeout: 10_000 });
  const text = (await hover.innerText()).replace(/\s+/g, ' ');
  assert.ok(!text.includes(CANARY), `no secret in the tooltip of ${label}`);
  await page.mouse.move(700, 10);
  await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  return text;
}

test('a provider key only in the editor\'s environment: marked on its tree rows, named in the tooltips and the report, added to the state .env by name', { timeout: 240_000 }, async () => {
  const stateDir = path.join(freshRunDir('home-gateway-blind'), 'openclaw');
  writeFiles(stateDir, { 'openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } } });
  const envFile = path.join(stateDir, '.env');
  const session = await openSession({
    name: 'gateway-blind',
    stateDir,
    extraEnv: { ANTHROPIC_API_KEY: `sk-ant-api03-${CANARY}-${'k'.repeat(60)}tailkey1` },
  });
  try {
    const { page } = session;
    await openProfilesView(page);
    const provider = await waitFor('the anthropic row with its marker', async () => {
      const row = await findRow(page, 'anthropic', 'main');
      return row?.description.startsWith(MARKER) ? row : undefined;
    }, 30_000).catch(async (error: Error) => {
      await screenshot(page, 'gateway-blind-no-marker');
      throw new Error(`${error.message}; rows: ${JSON.stringify(await profileTreeRows(page))}`);
    });
    assert.match(provider.description, /^⚠ the gateway service will not see it · static \(never expires\)$/);
    const key = await findRow(page, 'ANTHROPIC_API_KEY', 'main');
    assert.ok(key?.description.startsWith(`${MARKER} · used · `), `the env-key row: ${key?.description}`);
    assert.ok(!JSON.stringify(await profileTreeRows(page)).includes(CANARY), 'no secret in a row\'s label or description');
    await screenshot(page, 'gateway-blind-tree');

    const advice = `The gateway service will not see ANTHROPIC_API_KEY: only the environment VS Code was started from sets it. Add it to ${envFile} (Add to the State .env), to the env block of openclaw.json, or enable env.shellEnv.`;
    assert.ok((await rowTooltip(page, 'anthropic', 2)).includes(advice), 'the provider row\'s tooltip says what to do');
    assert.ok((await rowTooltip(page, 'ANTHROPIC_API_KEY', 3)).includes(advice), 'the key row\'s tooltip too');

    await ourStatusItem(page).hover();
    const barHover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'gateway service will not see' }).last();
    await barHover.waitFor({ state: 'visible', timeout: 10_000 });
    const barText = (await barHover.innerText()).replace(/\s+/g, ' ');
    assert.ok(barText.includes(advice), 'the status-bar tooltip names it');
    assert.ok(!barText.includes(CANARY), 'no secret in the status-bar tooltip');
    await page.mouse.move(700, 10);

    await runFromPalette(page, 'OpenClaw Auth: Show Status');
    const report = await waitFor('the report', async () => {
      const text = (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
      return text.includes('Gateway service will not see') ? text : undefined;
    }, 20_000);
    assert.match(report, /- ANTHROPIC_API_KEY \(anthropic\): add it to /, report);
    assert.ok(!report.includes(CANARY), 'no secret in the report');
    await page.keyboard.press('Control+W');

    // The row's inline action, as a user clicks it.
    const row = page.locator('.part.sidebar .monaco-list-row[aria-level="2"]').filter({ has: page.locator('.label-name', { hasText: /^anthropic$/ }) }).first();
    await row.hover();
    await row.locator('.action-label[aria-label="Add to the State .env"]').click();
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await waitFor('the state .env with the name', async () => ((await editor.innerText()).includes('ANTHROPIC_API_KEY=') ? true : undefined), 20_000);
    assert.equal(fs.statSync(envFile).mode & 0o777, 0o600, 'created as OpenClaw writes its secrets files');
    // The cursor waits after `=` (line 1, column 19): what is typed next is the value.
    await page.locator('.statusbar', { hasText: 'Ln 1, Col 19' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.type('typed-by-the-user');
    await waitFor('the typed value after =', async () => ((await editor.innerText()).replace(/\u00a0/g, ' ').includes('ANTHROPIC_API_KEY=typed-by-the-user') ? true : undefined), 10_000)
      .catch(async (error: Error) => {
        await screenshot(page, 'gateway-blind-typed');
        throw new Error(`${error.message}; the editor shows: ${JSON.stringify(await editor.innerText())}`);
      });
    await page.locator('.statusbar', { hasText: 'Ln 1, Col 36' }).first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'gateway-blind-state-env');
    // Saved, the service reads it there: the marker goes.
    await page.keyboard.press('Control+S');
    await waitFor('the anthropic row without the marker', async () => {
      const row = await findRow(page, 'anthropic', 'main');
      return row && !row.description.includes(MARKER) ? row : undefined;
    }, 30_000);

    await assertNoSecretOnScreen(page, 'gateway-blind');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'gateway-blind');
  } finally {
    await session.close();
  }
});
