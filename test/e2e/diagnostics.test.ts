// The language server's problems in a real VS Code: opening an agent's auth-profiles.json with a
// setup-token stored as an API key shows a coded problem in the Problems panel, without the secret.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { CANARY, writeFiles, writeFixture } from '../fixtures/homes.ts';
import { freshRunDir } from './support/paths.ts';
import { openSession } from './support/session.ts';
import { waitFor } from './support/processes.ts';
import { screenshot } from './support/workbench.ts';
import { expectStatus } from './support/openclawUi.ts';

test('auth-profiles.json with a setup-token stored as an API key: a problem with its code', { timeout: 120_000 }, async () => {
  const stateDir = writeFixture('ok', path.join(freshRunDir('home-diagnostics'), 'openclaw'));
  const store = path.join(stateDir, 'agents/main/agent/auth-profiles.json');
  const setupToken = `sk-ant-oat01-${CANARY}-${'y'.repeat(70)}tail`;
  writeFiles(stateDir, {
    'agents/main/agent/auth-profiles.json': { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: setupToken } } },
  });
  const session = await openSession({
    name: 'diagnostics',
    stateDir,
    // The state folder is the workspace, as `npm start` opens it; the store opens in an editor.
    beforeOpen: async (_page, server) =>
      `${server.folderUrl(stateDir)}&payload=${encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${server.port}${store}`]]))}`,
  });
  try {
    const { page } = session;
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' });
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const problem = await waitFor(
      'the setup-token-as-api-key problem',
      async () => (await rows.allInnerTexts()).find((t) => t.includes('profile/setup-token-as-api-key')),
      30_000,
    );
    assert.ok(!problem.includes(CANARY), `the problem does not quote the secret: ${problem}`);
    assert.match(problem, /\[Ln \d+, Col \d+\]/, 'the problem points at a position in the file');
    await screenshot(page, 'diagnostics-problems');
  } finally {
    await session.close();
  }
});
