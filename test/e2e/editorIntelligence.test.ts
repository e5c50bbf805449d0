// The language server's editor features in a real VS Code (code-server + Chromium), as a user meets
// them: a quick fix applied from the light bulb, a code lens above a token, a completion accepted
// in the state .env, and that file coloured by our dotenv grammar.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { CANARY, writeFiles, writeFixture } from '../fixtures/homes.ts';
import { freshRunDir } from './support/paths.ts';
import { waitFor } from './support/processes.ts';
import { openSession } from './support/session.ts';
import { pressUntilShown, screenshot } from './support/workbench.ts';

const HOUR = 3_600_000;

test('light-bulb quick fix, expiry lens, .env completion and colours', { timeout: 240_000 }, async () => {
  const stateDir = writeFixture('ok', path.join(freshRunDir('home-intel'), 'openclaw'));
  const store = path.join(stateDir, 'agents/main/agent/auth-profiles.json');
  const setupToken = `sk-ant-oat01-${CANARY}-${'y'.repeat(80)}tail`;
  const seconds = Math.floor(Date.now() / 1000) + 90 * 86_400;
  writeFiles(stateDir, {
    'agents/main/agent/auth-profiles.json': {
      version: 1,
      profiles: {
        'anthropic:soon': { type: 'token', provider: 'anthropic', token: setupToken, expires: Date.now() + 3 * HOUR + 20 * 60_000 },
        'anthropic:secs': { type: 'token', provider: 'anthropic', token: setupToken, expires: seconds },
      },
    },
    '.env': 'export OPENAI_BASE_URL="https://${HOST}/v1" # proxy\n',
  });
  const session = await openSession({
    name: 'intel',
    stateDir,
    beforeOpen: async (_page, server) =>
      `${server.folderUrl(stateDir)}&payload=${encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${server.port}${store}`]]))}`,
  });
  try {
    const { page } = session;
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.waitFor({ timeout: 30_000 });

    // The lens above the token that expires soon, and Paste Token beside it.
    const lenses = await waitFor('the expiry lens', async () => {
      const texts = await page.locator('.codelens-decoration').allInnerTexts();
      return texts.some((t) => /expires in 3h/.test(t)) && texts.some((t) => /Paste Token/.test(t)) ? texts : undefined;
    }, 45_000).catch(async (error: unknown) => {
      await screenshot(page, 'editor-intel-failure');
      throw error;
    });
    assert.ok(!lenses.join().includes(CANARY));
    await screenshot(page, 'editor-intel-lens');

    // The light bulb on the expires written in seconds: go to it, Ctrl+., pick the fix.
    await waitFor('the seconds problem', async () => ((await page.locator('.squiggly-error').count()) > 0 ? true : undefined), 30_000);
    await editor.click();
    await page.keyboard.press('Control+F');
    await page.keyboard.type(String(seconds));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Convert "expires" to milliseconds' }).first();
    await pressUntilShown(page, 'Control+.', fix, 'editor-intel-failure');
    await screenshot(page, 'editor-intel-lightbulb');
    await fix.click();
    await waitFor('the value in milliseconds', async () => ((await editor.innerText()).includes(String(seconds * 1000)) ? true : undefined), 15_000);

    // The state .env: a completion accepted, then the colours of the first line.
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('.env');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: '.env' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await waitFor('the .env editor', async () => ((await page.locator('.monaco-editor .view-lines').first().innerText()).includes('OPENAI_BASE_URL') ? true : undefined), 15_000);
    const language = await page.locator('.statusbar-item[id="status.editor.mode"]').innerText();
    assert.match(language, /dotenv/i, 'the .env file has the dotenv language');
    const envEditor = page.locator('.monaco-editor .view-lines').first();
    await envEditor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('ANTH');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'ANTHROPIC_API_KEY' }).first();
    await pressUntilShown(page, 'Control+Space', suggestion, 'editor-intel-failure');
    await page.keyboard.press('Enter');
    await waitFor('the accepted completion', async () => ((await envEditor.innerText()).includes('ANTHROPIC_API_KEY=') ? true : undefined), 10_000);

    // Our grammar colours export, the key, the string and the comment differently.
    const colours = await page.locator('.monaco-editor .view-line').first().evaluate((line) =>
      Array.from(line.querySelectorAll('span span')).map((span) => ({ text: span.textContent ?? '', colour: getComputedStyle(span).color })));
    const colourOf = (text: string) => colours.find((c) => c.text.includes(text))?.colour;
    const distinct = new Set([colourOf('export'), colourOf('OPENAI_BASE_URL'), colourOf('https://'), colourOf('proxy')]);
    assert.ok(!distinct.has(undefined), `tokens found: ${JSON.stringify(colours)}`);
    assert.ok(distinct.size >= 3, `at least three colours on the line: ${JSON.stringify(colours)}`);
    await screenshot(page, 'editor-intel-dotenv');
  } finally {
    await session.close();
  }
});
