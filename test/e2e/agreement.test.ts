// Issue 12 in a real VS Code (code-server + Chromium, default side-bar width), on the home it was
// found with: two agents, a token expiring in a little under 3 h, an API key no model needs, an
// expired OAuth login. The tree, its tooltip, the status bar, the Show Status report and the
// Credentials overview all say the same time left; the expiry text is not cut on profile rows; the
// overview draws the timeline, follows the store rewritten on disk and holds no secret; with no
// state folder, the report says so.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { CANARY, writeFiles } from '../fixtures/homes.ts';
import { freshRunDir } from './support/paths.ts';
import { waitFor } from './support/processes.ts';
import { openSession } from './support/session.ts';
import { runFromPalette, screenshot } from './support/workbench.ts';
import {
  assertNoSecretInLogs, assertNoSecretOnScreen, descriptionStartVisible, expandRow, expectStatus, findRow, openProfilesView, ourStatusItem,
  rowTooltip, statusTooltip,
} from './support/openclawUi.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const secret = (prefix: string, tail: string) => `${prefix}${CANARY}-${'x'.repeat(70)}${tail}`;

function mainStore(tokenExpires: number) {
  return {
    version: 1,
    profiles: {
      'anthropic:default': { type: 'token', provider: 'anthropic', token: secret('sk-ant-oat01-', 'tailmain'), expires: tokenExpires },
      'groq:default': { type: 'api_key', provider: 'groq', key: secret('gsk_', 'groqtail') },
    },
  };
}

function writeHome(stateDir: string, now: number): void {
  writeFiles(stateDir, {
    'openclaw.json': {
      agents: {
        defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } },
        list: [{ id: 'main', default: true }, { id: 'work', model: 'openai-codex/gpt-5.2' }],
      },
    },
    // 2 h 59 min left when written: rounding to the nearest hour would say 3h, rounding down says 2h.
    'agents/main/agent/auth-profiles.json': mainStore(now + 3 * HOUR - MIN),
    'agents/work/agent/auth-profiles.json': {
      version: 1,
      profiles: { 'openai-codex:work': { type: 'oauth', provider: 'openai-codex', access: secret('eyJhbGciOi.', 'accesswk'), refresh: secret('rt_', 'refreshw'), expires: now - 5 * HOUR - 10 * MIN, email: 'work@example.com' } },
    },
  });
}

/** The text of the Show Status report document (the active editor). */
async function reportText(page: Page, expect: RegExp): Promise<string> {
  await runFromPalette(page, 'OpenClaw Auth: Show Status');
  return waitFor('the Show Status report', async () => {
    const text = (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    return expect.test(text) ? text : undefined;
  }, 20_000);
}

/** The overview's page: the webview frame that holds #overview. */
async function overviewFrame(page: Page): Promise<Frame> {
  return waitFor('the Credentials Overview page', async () => {
    for (const frame of page.frames()) {
      if (await frame.locator('#overview h1').count().catch(() => 0)) return frame;
    }
    return undefined;
  }, 30_000);
}

test('tree, tooltips, status bar, report and overview say the same time left; nothing is cut; the overview follows the disk and holds no secret', { timeout: 240_000 }, async () => {
  const stateDir = path.join(freshRunDir('home-agreement'), 'openclaw');
  writeHome(stateDir, Date.now());
  const session = await openSession({ name: 'agreement', stateDir });
  try {
    const { page } = session;
    // Status bar: the token, 2h (rounded down, as everywhere).
    await expectStatus(page, { text: 'anthropic:default 2h', icon: 'warning', level: 'warning' });
    const barTooltip = (await statusTooltip(page)).replace(/\s+/g, ' ');
    assert.match(barTooltip, /anthropic — expiring — expires in 2h — token:/, `status-bar tooltip: ${barTooltip}`);
    await page.mouse.move(700, 10);

    await openProfilesView(page);
    if ((await findRow(page, 'work'))?.expanded !== true) await expandRow(page, 'work', 1);
    await expandRow(page, 'openai-codex', 2);
    const profile = await findRow(page, 'anthropic:default', 'main');
    assert.ok(profile, 'main → anthropic → anthropic:default');
    // The row's icon says expiring; its description says when, short, as the status bar does.
    assert.match(profile.description, /^in 2h · used · token:sk-ant-o\.\.\./);
    const work = await findRow(page, 'work');
    assert.match(work?.description ?? '', /^1 expired · /, `the work agent says its worst state first: ${work?.description}`);
    const groq = await findRow(page, 'groq', 'main');
    assert.match(groq?.description ?? '', /^not in use · /);
    await screenshot(page, 'agreement-tree');
    // At the default side-bar width, the part people act on is drawn in full.
    for (const [label, start] of [['anthropic:default', 'in 2h · used'], ['openai-codex:work', '5h ago'], ['work', '1 expired']] as const) {
      const seen = await descriptionStartVisible(page, label, start.length);
      assert.ok(seen.text.startsWith(start), `${label}: "${seen.text}" starts with "${start}"`);
      assert.ok(seen.visible, `${label}: "${start}" is drawn inside the side bar, not cut`);
    }
    const tip = await rowTooltip(page, 'anthropic:default');
    assert.match(tip, /expires in 2h/, `the row's tooltip: ${tip}`);
    const expiredTip = await rowTooltip(page, 'openai-codex:work');
    assert.match(expiredTip, /expired 5h ago/, `the expired row's tooltip: ${expiredTip}`);

    const report = await reportText(page, /anthropic:default expiring/);
    assert.match(report, /anthropic:default expiring expires in 2h/, report);
    assert.doesNotMatch(report, /expires in 3h/);
    await screenshot(page, 'agreement-report');

    await runFromPalette(page, 'OpenClaw Auth: Credentials Overview');
    const frame = await overviewFrame(page);
    const marks = () => frame.locator('.marks li').allInnerTexts();
    await waitFor('the timeline marks', async () => ((await marks()).length >= 3 ? true : undefined), 20_000);
    const before = await marks();
    assert.ok(before.includes('anthropic:default (agent main): expires in 2h'), JSON.stringify(before));
    assert.ok(before.includes('openai-codex:work (agent work): expired 5h ago'), JSON.stringify(before));
    assert.equal(await frame.locator('.track .mark').count(), before.length, 'a mark on the timeline for each');
    assert.equal(await frame.locator('.track .mark.place-expired').count() >= 1, true, 'the expired login sits at now');
    const band = await frame.locator('.track .band').evaluate((b) => b.getBoundingClientRect().width);
    assert.ok(band > 0, 'the 24 h warning band is shaded');
    const row = frame.locator(`tr[id="row-main/anthropic/anthropic%3Adefault"] td.time`);
    assert.equal(await row.innerText(), 'expires in 2h');
    await screenshot(page, 'overview-timeline');
    // Keyboard: Tab-reachable buttons; Enter on Copy Profile ID runs the command with that credential.
    await frame.locator('tr[id="row-main/anthropic/anthropic%3Adefault"] button[aria-label="Copy Profile ID"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.statusbar', { hasText: 'Copied anthropic:default' }).waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('tr[id="row-work/openai-codex/openai-codex%3Awork"] button[aria-label="Paste Token"]').count(), 0, 'no Paste Token for an OAuth login');
    assert.equal(await frame.locator('tr[id="row-work/openai-codex/openai-codex%3Awork"] button[aria-label="Remove Profile"]').count(), 1);
    const dom = async () => Promise.all(page.frames().map((f) => f.evaluate(() => document.documentElement.outerHTML).catch(() => '')));
    for (const html of await dom()) assert.ok(!html.includes(CANARY), 'no secret anywhere in the webview\'s DOM');

    // OpenClaw renews the token on disk: the overview follows, from the same snapshot notification.
    fs.writeFileSync(path.join(stateDir, 'agents/main/agent/auth-profiles.json'), JSON.stringify(mainStore(Date.now() + 20 * DAY + HOUR), null, 2));
    await waitFor('the overview to show the renewed token', async () => ((await marks()).includes('anthropic:default (agent main): expires in 20d') ? true : undefined), 30_000);
    assert.equal(await row.innerText(), 'expires in 20d');
    await screenshot(page, 'overview-timeline-renewed');
    for (const html of await dom()) assert.ok(!html.includes(CANARY), 'no secret in the webview\'s DOM after the update');
    await assertNoSecretOnScreen(page, 'overview');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'agreement');
  } finally {
    await session.close();
  }
});

test('no state folder: the tree, the status-bar tooltip and the report all say the folder is missing', { timeout: 180_000 }, async () => {
  const stateDir = path.join(freshRunDir('home-nowhere'), 'openclaw');
  const session = await openSession({ name: 'nowhere', stateDir });
  try {
    const { page } = session;
    const item = page.locator('.activitybar .action-item').filter({ has: page.locator('a[aria-label="OpenClaw Auth"]') });
    if (!((await item.getAttribute('class')) ?? '').split(/\s+/).includes('checked')) await item.click();
    await page.locator('.part.sidebar', { hasText: 'No OpenClaw state folder was found' }).waitFor({ timeout: 30_000 });
    await page.mouse.move(700, 400);
    await ourStatusItem(page).hover();
    const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'state folder' }).last();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const tip = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.ok(tip.includes(`No OpenClaw state folder was found at ${stateDir}.`), tip);
    await page.mouse.move(700, 10);
    const report = await reportText(page, /No OpenClaw state folder/);
    assert.ok(report.replace(/\s+/g, ' ').includes(`No OpenClaw state folder was found at ${stateDir}`), report);
    await screenshot(page, 'agreement-no-state-folder');
  } finally {
    await session.close();
  }
});
