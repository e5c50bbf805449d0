// A home of OpenClaw 2026.6.5+ keeps profiles in SQLite. The extension host of code-server is
// Node 24 (node:sqlite), so the extension reads the database there, and follows it when OpenClaw
// writes a renewed token into it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { CANARY, sqliteHome, writeFiles } from '../fixtures/homes.ts';
import { nodeWithSqlite, runSql } from '../support/tree.ts';
import { ensure, freshRunDir } from './support/paths.ts';
import { waitFor } from './support/processes.ts';
import { realOpenClaw } from './support/realOpenClaw.ts';
import { openSession } from './support/session.ts';
import { screenshot } from './support/workbench.ts';
import {
  assertNoSecretInLogs, assertNoSecretOnScreen, descriptionStartVisible, expandRow, expectStatus, findRow, openProfilesView, rowTooltip,
} from './support/openclawUi.ts';

const HOUR = 3_600_000;

test('SQLite home: expiring token in openclaw-agent.sqlite, then renewed in the database', { timeout: 150_000 }, async () => {
  ensure('ensure-node24.sh');
  const sqliteNode = nodeWithSqlite();
  assert.ok(sqliteNode, 'a Node with node:sqlite (Node 24 from .cache/node24)');
  const stateDir = path.join(freshRunDir('home-sqlite'), 'openclaw');
  const home = sqliteHome(Date.now() + 3.5 * HOUR);
  writeFiles(stateDir, home.files);
  runSql(sqliteNode, path.join(stateDir, home.database), home.statements);

  const session = await openSession({ name: 'sqlite', stateDir });
  try {
    const { page } = session;
    await expectStatus(page, { text: 'anthropic:default 3h', icon: 'warning', level: 'warning' });
    await openProfilesView(page);
    // The view shows its agent rows before main's children are drawn (seen once in a CI rehearsal).
    const profile = await waitFor('the profile read from SQLite in the tree', () => findRow(page, 'anthropic:default', 'main'), 20_000);
    assert.match(profile.description, /^in 3h · used · token:sk-ant-o\.\.\.xxxxxsql$/);
    await screenshot(page, 'sqlite-expiring');
    await assertNoSecretOnScreen(page, 'sqlite home');

    // `openclaw models auth paste-token` on 2026.9.6 replaces the row in the database.
    runSql(sqliteNode, path.join(stateDir, home.database), sqliteHome(Date.now() + 30 * 24 * HOUR).statements.slice(2));
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' }, 30_000);
    await screenshot(page, 'sqlite-renewed');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'sqlite home');
  } finally {
    await session.close();
  }
});

/** The active editor's tab title and the text of its visible lines. */
async function activeEditor(page: Page): Promise<{ title: string; text: string }> {
  const title = (await page.locator('.tabs-container .tab.active .label-name').first().innerText().catch(() => '')).trim();
  const text = (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
  return { title, text };
}

/** Waits until the status bar says `count` characters are selected in the active editor. */
async function selectedCount(page: Page, count: number, what: string): Promise<void> {
  const item = page.locator('.statusbar-item[id="status.editor.selection"]');
  await waitFor(what, async () => ((await item.innerText().catch(() => '')).includes(`(${count} selected)`) ? true : undefined), 10_000)
    .catch(async (error) => {
      throw new Error(`${(error as Error).message}: the status bar says '${await item.innerText().catch(() => '')}'`);
    });
}

/** The whole DOM as HTML plus every text field's value: where a secret could hide from innerText. */
async function wholeDom(page: Page): Promise<string> {
  const values = await page.locator('textarea, input').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value).join('\n'));
  return `${await page.content()}\n${values}`;
}

test('SQLite home made by OpenClaw 2026.9.6: each agent names its store, a refused one says migration required; Open in Store shows the row masked, then revealed', { timeout: 300_000 }, async () => {
  const stateDir = path.join(freshRunDir('home-sqlite-stores'), 'openclaw');
  writeFiles(stateDir, {
    'openclaw.json': {
      meta: { lastTouchedVersion: '2026.9.6' },
      agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } }, list: [{ id: 'main', default: true }, { id: 'work' }, { id: 'solo' }, { id: 'idle' }] },
    },
  });
  // main's token goes to the shared store of state/openclaw.sqlite, solo's to its own database (the real CLI decides).
  for (const [agent, id, fill] of [['main', 'anthropic:default', 'd'], ['solo', 'anthropic:solo', 's']] as const) {
    const made = realOpenClaw('2026.9.6', stateDir, ['models', 'auth', 'paste-token', '--agent', agent, '--provider', 'anthropic', '--profile-id', id, '--expires-in', '30d'], `sk-ant-oat01-${CANARY}${fill.repeat(90)}`);
    assert.equal(made.code, 0, `the real 2026.9.6 paste-token --agent ${agent}:\n${made.stdout}`);
  }
  // work's credentials were written by hand after the upgrade: 2026.9.6 refuses the agent.
  writeFiles(stateDir, { 'agents/work/agent/auth-profiles.json': { version: 1, profiles: { 'anthropic:work': { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${CANARY}${'w'.repeat(90)}` } } } });
  const refused = realOpenClaw('2026.9.6', stateDir, ['models', 'status', '--agent', 'work', '--json']);
  assert.equal(refused.code, 1, `the real 2026.9.6 refuses work:\n${refused.stdout}`);
  assert.match(refused.stdout, /requires legacy credential migration[\s\S]*doctor --fix/);

  const session = await openSession({ name: 'sqlite-stores', stateDir });
  const { page } = session;
  try {
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' });
    await openProfilesView(page);
    const words: [string, RegExp, string][] = [
      ['main', /^ok · shared store · in the status bar/, 'ok · shared store'],
      ['solo', /^ok · own database · /, 'ok · own database'],
      ['idle', /^ok · inherits main · /, 'ok · inherits main'],
      ['work', /^migration required · /, 'migration required'],
    ];
    for (const [agent, description, start] of words) {
      const row = await waitFor(`agent row ${agent}`, async () => {
        const found = await findRow(page, agent);
        return found && description.test(found.description) ? found : undefined;
      }, 20_000).catch(async (error) => {
        await screenshot(page, 'sqlite-stores-tree');
        throw new Error(`${(error as Error).message}: ${JSON.stringify(await findRow(page, agent))}`);
      });
      assert.equal(row.level, 1);
      // At the default side-bar width the store words are drawn in full. Asked again while the tree
      // redraws (a row being replaced is not there for a moment); a cut row never passes.
      let seen = { visible: false, text: '' };
      await waitFor(`${agent}: "${start}" drawn inside the side bar`, async () => {
        seen = await descriptionStartVisible(page, agent, start.length);
        return seen.visible && seen.text.startsWith(start) ? true : undefined;
      }, 10_000).catch(async () => {
        await screenshot(page, 'sqlite-stores-cut');
        assert.fail(`${agent}: "${start}" is not drawn in full inside the side bar (${JSON.stringify(seen)})`);
      });
    }
    const icons = await page.locator('.part.sidebar .monaco-list-row[aria-level="1"]').evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.querySelector('.label-name')?.textContent?.trim(), r.querySelector('.codicon:not(.monaco-tl-twistie)')?.className ?? ''])));
    assert.match(icons.work ?? '', /codicon-warning/, 'the refused agent has a warning icon');
    assert.match(icons.solo ?? '', /codicon-pass/);
    await screenshot(page, 'sqlite-stores-tree');
    const workTip = (await rowTooltip(page, 'work')).replace(/\s+/g, ' ');
    assert.match(workTip, /Migration required: OpenClaw 2026\.9 refuses this agent/);
    assert.match(workTip, /agents\/work\/agent\/auth-profiles\.json/);
    assert.match(workTip, /Run openclaw doctor --fix/);
    assert.doesNotMatch(workTip, /Credentials:|Check:/, 'a refused agent reads no store and checks nothing');
    const mainTip = (await rowTooltip(page, 'main')).replace(/\s+/g, ' ');
    assert.match(mainTip, /the shared store in the SQLite database \S*state\/openclaw\.sqlite/);

    // Open in Store on main's profile (kept in SQLite): the row, masked, the profile's key selected.
    await expandRow(page, 'anthropic', 2).catch(() => undefined);
    const profile = page.locator('.part.sidebar .monaco-list-row[aria-level="3"]').filter({ has: page.locator('.label-name', { hasText: /^anthropic:default$/ }) }).first();
    await profile.hover();
    await profile.locator('.action-label[aria-label="Open in Store"], .action-label[title="Open in Store"]').first().click();
    const masked = await waitFor('the masked row document', async () => {
      const editor = await activeEditor(page);
      return /^openclaw\.sqlite · anthropic:default(\.json)?$/.test(editor.title) && editor.text.includes('"anthropic:default"') ? editor : undefined;
    }, 20_000).catch(async (error) => {
      await screenshot(page, 'sqlite-row-not-opened');
      throw new Error(`${(error as Error).message}: ${JSON.stringify(await activeEditor(page))}`);
    });
    assert.match(masked.text, /"token": "sk-ant-o\.\.\.dddddddd"/, `masked with the engine's mask:\n${masked.text}`);
    await selectedCount(page, 19, 'the profile\'s key "anthropic:default" is selected');
    await screenshot(page, 'sqlite-row-masked');
    assert.ok(!(await wholeDom(page)).includes(CANARY), 'no secret anywhere in the DOM while masked');
    await assertNoSecretOnScreen(page, 'masked row document');

    // Reveal Secrets, the masked document's title button: the same row with the secrets shown.
    await page.locator('.editor-actions .action-label[aria-label="Reveal Secrets"], .editor-actions .action-label[title="Reveal Secrets"]').first().click();
    const revealed = await waitFor('the revealed row document', async () => {
      const editor = await activeEditor(page);
      return /^openclaw\.sqlite · anthropic:default \(secrets shown\)(\.json)?$/.test(editor.title) && editor.text.includes(CANARY) ? editor : undefined;
    }, 20_000).catch(async (error) => {
      await screenshot(page, 'sqlite-row-not-revealed');
      throw new Error(`${(error as Error).message}: ${JSON.stringify((await activeEditor(page)).title)}`);
    });
    assert.match(revealed.text, new RegExp(`"token": "sk-ant-oat01-${CANARY}d{90}"`));
    await selectedCount(page, 19, 'the key is selected in the revealed row too');
    await screenshot(page, 'sqlite-row-revealed');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'sqlite home after Reveal Secrets');
  } finally {
    await session.close();
  }
});
