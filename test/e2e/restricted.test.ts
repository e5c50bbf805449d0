// Restricted Mode, as users meet it in a folder they have not trusted: the extension declares
// limited untrusted support, so it must still activate and show the credential state.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { writeFixture } from '../fixtures/homes.ts';
import { freshRunDir } from './support/paths.ts';
import { openSession } from './support/session.ts';
import { screenshot } from './support/workbench.ts';
import { assertNoSecretOnScreen, expectStatus } from './support/openclawUi.ts';

test('in Restricted Mode the status bar still shows the credential state', { timeout: 120_000 }, async () => {
  const stateDir = writeFixture('expired', path.join(freshRunDir('home-restricted'), 'openclaw'));
  const session = await openSession({ name: 'restricted', stateDir, trusted: false });
  try {
    const { page } = session;
    // The workbench asks whether to trust the folder; the user has not answered, and need not.
    await expectStatus(page, { text: 'anthropic:default expired', icon: 'error', level: 'error' });
    // The badge may be drawn after our status item (seen once in a CI rehearsal): wait for it, then count.
    const badge = page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
    await badge.first().waitFor({ timeout: 20_000 }).catch(() => undefined);
    assert.equal(await badge.count(), 1, 'the window really is in Restricted Mode (its status-bar badge)');
    await screenshot(page, 'restricted-mode');
    await assertNoSecretOnScreen(page, 'restricted mode');
  } finally {
    await session.close();
  }
});
