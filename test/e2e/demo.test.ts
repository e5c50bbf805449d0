// The demo home (four agents: ok, expiring, expired, missing) as a user meets it: the tree of
// agents, providers and profiles, commands from the palette, and the agent the status bar follows.
// One code-server for the whole file; the tests run in order on the same window.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { writeFixture } from '../fixtures/homes.ts';
import { freshRunDir } from './support/paths.ts';
import { openSession, type WorkbenchSession } from './support/session.ts';
import { waitFor } from './support/processes.ts';
import { notificationTexts, pickQuickItem, runFromPalette, screenshot } from './support/workbench.ts';
import {
  assertNoSecretInLogs, assertNoSecretOnScreen, expandRow, expectStatus, findRow, openProfilesView, profileTreeRows,
} from './support/openclawUi.ts';

async function notificationMatching(page: Page, pattern: RegExp): Promise<string> {
  return waitFor(`a notification matching ${pattern}`, async () => (await notificationTexts(page)).find((t) => pattern.test(t)), 20_000);
}

async function selectAgent(page: Page, agentId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await runFromPalette(page, 'OpenClaw Auth: Select Agent');
  await pickQuickItem(page, agentId);
}

describe('demo home (agents main ok, work expiring, night expired, research missing)', { timeout: 240_000 }, () => {
  let session: WorkbenchSession;
  let page: Page;

  before(async () => {
    const stateDir = writeFixture('demo', path.join(freshRunDir('home-demo'), 'openclaw'));
    session = await openSession({ name: 'demo', stateDir });
    page = session.page;
  });

  after(async () => {
    if (!session) return;
    try {
      await assertNoSecretOnScreen(page, 'demo, end');
      assertNoSecretInLogs(session.server.extensionHostLog(), 'demo');
    } finally {
      await session.close();
    }
  });

  test('the default agent main is fine: status bar and its tree rows', async () => {
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' });
    await openProfilesView(page);
    const main = await findRow(page, 'main');
    assert.ok(main, 'the tree lists agent main');
    assert.equal(main.expanded, true, 'the agent the status bar follows starts expanded');
    // Its state first, then the markers, the model last (the part the width may cut).
    assert.match(main.description, /^ok · in the status bar · default · anthropic\/claude-sonnet-4-5$/);
    const anthropic = await findRow(page, 'anthropic', 'main');
    assert.ok(anthropic, 'main shows its provider anthropic');
    assert.match(anthropic.description, /^ok · in (29|30)d$/);
    const profile = await findRow(page, 'anthropic:default', 'main');
    assert.ok(profile, 'the anthropic provider shows its profile');
    // Masked as OpenClaw prints it: first 8 characters, ..., last 8.
    assert.match(profile.description, /^in (29|30)d · used · token:sk-ant-o\.\.\.xxxxmain$/);
    await screenshot(page, 'demo-tree-main');
  });

  test('F1 -> OpenClaw: Check Credentials says main passes', async () => {
    await runFromPalette(page, 'OpenClaw Auth: Check Credentials');
    const passed = await notificationMatching(page, /OpenClaw check/);
    assert.equal(passed, 'OpenClaw check passed for agent main: every provider in use has a usable credential.');
    await screenshot(page, 'demo-check-main');
  });

  test('Select Agent work: the status bar warns about its OAuth token, Check says when it expires', async () => {
    await selectAgent(page, 'work');
    await expectStatus(page, { text: 'openai-codex:work 3h', icon: 'warning', level: 'warning' });
    await runFromPalette(page, 'OpenClaw Auth: Check Credentials');
    const warned = await notificationMatching(page, /agent work/);
    assert.match(warned, /^OpenClaw check for agent work: openai-codex:work expires in 3h\.$/);
    await screenshot(page, 'demo-select-work');
  });

  test('Select Agent research: no credential for google, error', async () => {
    await selectAgent(page, 'research');
    await expectStatus(page, { text: 'google missing', icon: 'error', level: 'error' });
    await screenshot(page, 'demo-select-research');
  });

  test('the tree shows each agent with its own model and the providers that model needs', async () => {
    // Back to main, so work and night are agents the status bar does not follow.
    await selectAgent(page, 'main');
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' });
    await openProfilesView(page);
    for (const agent of ['work', 'night']) {
      if ((await findRow(page, agent))?.expanded !== true) await expandRow(page, agent, 1);
    }
    const rows = JSON.stringify(await profileTreeRows(page));
    const work = await findRow(page, 'work');
    const workCodex = await findRow(page, 'openai-codex', 'work');
    assert.ok(work && workCodex, `work shows provider openai-codex: ${rows}`);
    assert.match(workCodex.description, /^expiring · in 3h$/, 'the provider says it is expiring and when');
    // Expanding the provider shows the profile, masked as OpenClaw prints an OAuth credential.
    await expandRow(page, 'openai-codex', 2); // the first openai-codex row is work's (agents keep their order)
    const workProfile = await findRow(page, 'openai-codex:work', 'work');
    assert.ok(workProfile, `the provider lists profile openai-codex:work: ${JSON.stringify(await profileTreeRows(page))}`);
    assert.match(workProfile.description, /^in 3h · used · OAuth \(work@example\.com\)$/);
    await screenshot(page, 'demo-tree-agents');
    // openclaw.json gives work the model openai-codex/gpt-5.2 (`openclaw models status --agent work` agrees).
    assert.match(work.description, /^1 expiring · .*openai-codex\/gpt-5\.2$/, `agent work's row says its worst state, then names its own model: ${rows}`);
    assert.doesNotMatch(workCodex.description, /not in use/, `work's model needs openai-codex: ${rows}`);
    const nightCodex = await findRow(page, 'openai-codex', 'night');
    assert.ok(nightCodex, `night shows provider openai-codex: ${rows}`);
    assert.match(nightCodex.description, /^expired · 2h ago$/);
  });
});
