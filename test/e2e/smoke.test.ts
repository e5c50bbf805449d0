// The harness itself, with nothing of the extension: code-server serves VS Code's workbench, the
// browser opens the workspace folder, and stopping the session leaves no process behind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { livingGroupMembers } from './support/processes.ts';
import { openSession } from './support/session.ts';

const groupAlive = (pgid: number): boolean => livingGroupMembers(pgid).length > 0;

test('code-server opens the workspace folder in Chromium, and stops completely', { timeout: 120_000 }, async () => {
  const session = await openSession({ name: 'smoke', installVsix: false });
  let pid: number | undefined;
  try {
    const { page, workspace } = session;
    const folderName = workspace.split('/').pop() ?? '';
    // The explorer shows the folder's name and its file: the workbench talks to this server.
    await page.keyboard.press('Control+Shift+E');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'README.md' }).waitFor({ timeout: 30_000 });
    const title = await page.title();
    assert.match(title, new RegExp(folderName), `window title '${title}' names the workspace folder`);
    pid = session.server.pid;
    assert.ok(groupAlive(pid), 'code-server runs while the session is open');
  } finally {
    await session.close();
  }
  assert.equal(groupAlive(pid), false, 'no process of the code-server group survives close()');
});
