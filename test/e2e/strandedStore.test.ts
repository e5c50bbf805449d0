// A stranded auth-profiles.json under OpenClaw 2026.9 in a real VS Code (code-server + Chromium):
// the opened file shows the refusal, the light bulb's quick fix asks first (doctor --fix also
// repairs plugins and takes minutes), then runs `openclaw doctor --fix` in a terminal named
// "OpenClaw doctor" with the home's OPENCLAW_STATE_DIR. `openclaw` here is a stand-in put first
// on PATH (by the shell profile, as test/e2e/setupToken.test.ts puts `claude`): it records its arguments, environment and folder, and archives the file as the real
// doctor does (the real one takes minutes and repairs plugins). The state folder comes from the
// openclawAuth.stateDir setting, not the environment, so only the quick fix can have told the
// terminal where it is. Without any `openclaw` on PATH the fix says so and offers the doctor's docs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { CANARY, writeFiles } from '../fixtures/homes.ts';
import { nodeWithSqlite, runSql } from '../support/tree.ts';
import { ensure, freshRunDir } from './support/paths.ts';
import { waitFor } from './support/processes.ts';
import { openSession, type WorkbenchSession } from './support/session.ts';
import { installStandIn } from './support/standIn.ts';
import { notificationTexts, pressUntilShown, screenshot } from './support/workbench.ts';
import { assertNoSecretInLogs } from './support/openclawUi.ts';

const STORE = 'agents/main/agent/auth-profiles.json';
const FIX_TITLE = 'Run openclaw doctor --fix in a terminal';

/** An `openclaw` that answers `--version` as 2026.9.6 and records every run into `record`; `doctor --fix` archives the main store. */
function installStandInOpenClaw(home: string, record: string): void {
  installStandIn(home, 'openclaw', [
    `record='${record}'`,
    '{ printf "args=%s\\n" "$*"; printf "OPENCLAW_STATE_DIR=%s\\n" "${OPENCLAW_STATE_DIR-(unset)}"; printf "cwd=%s\\n" "$(pwd)"; } >> "$record"',
    '[ "$1" = --version ] && { echo "OpenClaw 2026.9.6"; exit 0; }',
    '[ "$*" = "doctor --fix" ] || exit 2',
    `store="$OPENCLAW_STATE_DIR/${STORE}"`,
    '[ -f "$store" ] && mv "$store" "$store.migrated-e2e"',
    'echo "Doctor: imported the legacy auth profile file."',
  ]);
}

/** A home 2026.9.6 refuses: a hand-written store beside the agent's empty SQLite store, as an upgrade leaves it. */
function strandedHome(name: string): { runDir: string; stateDir: string; store: string } {
  ensure('ensure-node24.sh');
  const sqliteNode = nodeWithSqlite();
  assert.ok(sqliteNode, 'a Node with node:sqlite (Node 24 from .cache/node24)');
  const runDir = freshRunDir(name);
  const stateDir = path.join(runDir, 'openclaw');
  writeFiles(stateDir, {
    'openclaw.json': { meta: { lastTouchedVersion: '2026.9.6' }, agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } },
    [STORE]: { version: 1, profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${CANARY}-${'s'.repeat(80)}` } } },
  });
  runSql(sqliteNode, path.join(stateDir, 'agents/main/agent/openclaw-agent.sqlite'), [
    { sql: 'CREATE TABLE auth_profile_store (store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER)' },
    { sql: 'CREATE TABLE auth_profile_state (state_key TEXT PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER)' },
  ]);
  return { runDir, stateDir, store: path.join(stateDir, STORE) };
}

/**
 * The workbench on the state folder with the store open. The state folder is given by the
 * openclawAuth.stateDir setting only; `home` is called with the session's HOME before it starts.
 */
function openStranded(name: string, stateDir: string, store: string, home: (dir: string) => void = () => undefined): Promise<WorkbenchSession> {
  return openSession({
    name,
    beforeServe: ({ userDataDir }) => {
      // The session's HOME is <run dir>/home, beside user-data.
      home(path.join(path.dirname(userDataDir), 'home'));
      const settingsFile = path.join(userDataDir, 'User', 'settings.json');
      const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'openclawAuth.stateDir': stateDir }, null, 2));
    },
    beforeOpen: async (_page, server) =>
      `${server.folderUrl(stateDir)}&payload=${encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${server.port}${store}`]]))}`,
  });
}

/** Waits for the refusal on the open store, puts the cursor on "profiles" (where it is) and picks the fix from the light bulb's menu. */
async function applyDoctorFix(page: Page): Promise<void> {
  const editor = page.locator('.monaco-editor .view-lines').first();
  await editor.waitFor({ timeout: 30_000 });
  await waitFor('the refusal on the file', async () => ((await page.locator('.squiggly-error').count()) > 0 ? true : undefined), 45_000).catch(async (error: unknown) => {
    await screenshot(page, 'stranded-failure');
    throw error;
  });
  await editor.click();
  await page.keyboard.press('Control+F');
  await page.keyboard.type('"profiles"');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first();
  await pressUntilShown(page, 'Control+.', fix, 'stranded-failure');
  await screenshot(page, 'stranded-lightbulb');
  await fix.click();
}

test('stranded auth-profiles.json: the light bulb runs openclaw doctor --fix in a terminal, after a modal, with the home\'s OPENCLAW_STATE_DIR', { timeout: 240_000 }, async () => {
  const { runDir, stateDir, store } = strandedHome('home-stranded');
  const record = path.join(runDir, 'openclaw-runs.txt');
  const session = await openStranded('stranded', stateDir, store, (home) => installStandInOpenClaw(home, record));
  const { page } = session;
  try {
    await applyDoctorFix(page);

    // The modal says what else the doctor does before anything runs.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'stranded-failure');
      throw new Error(`no confirmation; notifications: ${JSON.stringify(await notificationTexts(page))} (${(error as Error).message.split('\n')[0]})`);
    });
    const dialogText = await dialog.innerText();
    assert.match(dialogText, /Run openclaw doctor --fix on /);
    assert.match(dialogText, /also repairs plugins and other state/);
    assert.match(dialogText, /several minutes/);
    assert.ok(!fs.existsSync(record) || !fs.readFileSync(record, 'utf8').includes('doctor'), 'nothing ran before the confirmation');
    await screenshot(page, 'stranded-modal');
    await dialog.locator('.monaco-button', { hasText: 'Run doctor --fix' }).first().click();

    const runs = await waitFor('openclaw doctor --fix ran in the terminal', async () => {
      const text = fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : '';
      return text.includes('args=doctor --fix') ? text : undefined;
    }, 60_000).catch(async (error: unknown) => {
      await screenshot(page, 'stranded-failure');
      throw error;
    });
    const doctorRun = runs.slice(runs.indexOf('args=doctor --fix')).split('\n').slice(0, 3);
    assert.deepEqual(doctorRun, ['args=doctor --fix', `OPENCLAW_STATE_DIR=${stateDir}`, `cwd=${runDir}`]);
    assert.equal(runs.split('args=doctor --fix').length, 2, 'the doctor ran once');
    await page.locator('.terminal-tabs-entry, .single-terminal-tab, .pane-header', { hasText: 'OpenClaw doctor' }).first().waitFor({ timeout: 15_000 });
    // The stand-in archived the file as the doctor does: the refusal leaves the editor.
    await waitFor('the refusal gone after the doctor', async () => ((await page.locator('.squiggly-error').count()) === 0 ? true : undefined), 30_000);
    assert.ok(fs.existsSync(`${store}.migrated-e2e`));
    await screenshot(page, 'stranded-doctor-ran');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'stranded store and doctor --fix');
  } finally {
    await session.close();
  }
});

test('without openclaw on PATH the fix says so and offers the doctor\'s docs instead of a terminal', { timeout: 180_000 }, async () => {
  const { stateDir, store } = strandedHome('home-stranded-none');
  const session = await openStranded('stranded-none', stateDir, store);
  const { page } = session;
  try {
    await applyDoctorFix(page);
    const toast = page.locator('.notification-toast').filter({ hasText: /openclaw is not on the PATH of this host/ }).first();
    await toast.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'stranded-failure');
      throw new Error(`no 'not on the PATH' notification; shown: ${JSON.stringify(await notificationTexts(page))} (${(error as Error).message.split('\n')[0]})`);
    });
    await toast.locator('.monaco-button', { hasText: 'Open the doctor docs' }).first().waitFor({ timeout: 5_000 });
    await screenshot(page, 'stranded-no-openclaw');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no confirmation for a command that cannot run');
    assert.equal(await page.locator('.terminal-tabs-entry, .single-terminal-tab, .pane-header', { hasText: 'OpenClaw doctor' }).count(), 0, 'no terminal opened');
    assert.ok(fs.existsSync(store), 'the file is left as it was');
  } finally {
    await session.close();
  }
});
