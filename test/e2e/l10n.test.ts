// The extension's strings in French (package.nls.fr.json, l10n/bundle.l10n.fr.json) when VS Code
// runs with --locale fr: status bar, command titles in the palette, notification. VS Code only
// switches language when a language pack for it is installed, and the real one comes from the
// Marketplace (unreachable here): a stub pack (test/fixtures/language-pack-fr) that translates
// nothing of VS Code itself makes it run in French, so extensions get vscode.env.language = fr.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { writeFiles, writeFixture } from '../fixtures/homes.ts';
import { freshRunDir, repoRoot } from './support/paths.ts';
import { openSession } from './support/session.ts';
import { waitFor } from './support/processes.ts';
import { notificationTexts, runFromPalette, screenshot } from './support/workbench.ts';
import { expectStatus } from './support/openclawUi.ts';

/**
 * The server finds language packs through UD/languagepacks.json, which only its running extension
 * service writes (not `--install-extension`): write the entry it would write, before it starts.
 */
function registerLanguagePack({ userDataDir, extensionsDir }: { userDataDir: string; extensionsDir: string }): void {
  const id = 'openclaw-auth-tests.stub-language-pack-fr';
  const version = '0.0.1';
  const translations = path.join(extensionsDir, `${id}-${version}`, 'translations/main.i18n.json');
  assert.ok(fs.existsSync(translations), `the stub language pack is installed (${translations})`);
  const hash = crypto.createHash('md5').update(id).update(version).digest('hex');
  const packs = { fr: { hash, extensions: [{ extensionIdentifier: { id }, version }], translations: { vscode: translations }, label: 'français' } };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}

test('in French: status bar, palette title, Check notification, and the server\'s problems and hover', { timeout: 150_000 }, async () => {
  const stateDir = writeFixture('expired', path.join(freshRunDir('home-fr'), 'openclaw'));
  // The store also names a profile it lacks (an engine finding, worded from its template); the order is another provider's, so the status is the same.
  const store = path.join(stateDir, 'agents/main/agent/auth-profiles.json');
  writeFiles(stateDir, { 'agents/main/agent/auth-profiles.json': { ...JSON.parse(fs.readFileSync(store, 'utf8')), order: { openai: ['openai:gone'] } } });
  const languagePack = path.join(freshRunDir('stub-fr'), 'stub-language-pack-fr.vsix');
  execFileSync(path.join(repoRoot, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--skip-license', '-o', languagePack], {
    cwd: path.join(repoRoot, 'test/fixtures/language-pack-fr'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const session = await openSession({
    name: 'l10n-fr', stateDir, locale: 'fr', extraVsix: [languagePack], beforeServe: registerLanguagePack,
    // The store opens in an editor: the language server's problems and hover, in the client's language.
    beforeOpen: async (_page, server) => `${server.folderUrl(stateDir)}&payload=${encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${server.port}${store}`]]))}`,
  });
  try {
    const { page } = session;
    await expectStatus(page, { text: 'anthropic:default expiré', icon: 'error', level: 'error' });
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const problems = await waitFor('the French problems of the store', async () => {
      const texts = await rows.allInnerTexts();
      return texts.some((t) => t.includes('profile/expired')) && texts.some((t) => t.includes('store/order-unknown-profile')) ? texts : undefined;
    }, 30_000);
    assert.ok(problems.some((t) => t.includes('Le jeton de « anthropic:default » : expiré depuis 2 h ; OpenClaw ne l\'utilise plus')), problems.join('\n'));
    assert.ok(problems.some((t) => t.includes('L\'ordre du fournisseur « openai » cite « openai:gone », qui n\'est pas un profil de ce fichier')), problems.join('\n'));
    await page.locator('.monaco-editor .view-line span', { hasText: '"anthropic:default"' }).first().hover();
    const hover = page.locator('.monaco-hover').filter({ hasText: 'fournisseur : anthropic' }).last();
    await hover.waitFor({ timeout: 20_000 });
    assert.match(await hover.innerText(), /anthropic:default : expiré[\s\S]*agent : main, fournisseur : anthropic[\s\S]*expiré depuis 2 h/);
    await screenshot(page, 'l10n-fr-problems-hover');
    await page.keyboard.press('Escape');
    // The command's title comes from package.nls.fr.json.
    await runFromPalette(page, 'OpenClaw Auth: Vérifier les identifiants');
    const message = await waitFor('the French Check notification', async () => (await notificationTexts(page)).find((t) => /OpenClaw/.test(t)), 20_000);
    assert.equal(message, "Échec de la vérification OpenClaw pour l'agent main : anthropic:default est expiré.");
    await screenshot(page, 'l10n-fr-check');
    // The write commands too: Paste Token's title, and its first question (the provider).
    await runFromPalette(page, 'OpenClaw Auth: Coller un jeton');
    await waitFor('the French provider question', async () => ((await page.locator('.quick-input-widget input.input').getAttribute('placeholder')) === 'Fournisseur' ? true : undefined), 15_000);
    await screenshot(page, 'l10n-fr-paste-token');
    await page.keyboard.press('Escape');
  } finally {
    await session.close();
  }
});
