/**
 * One product name, "OpenClaw Auth" (the manifest's displayName), in the activity-bar container,
 * the view, every command's category, the status-bar item's name, the output channel and the
 * walkthrough; in English and French. A different word in one of them is what made the palette show
 * "OpenClaw Auth: Focus on Credentials View" beside "OpenClaw: …" and cut the side-bar title.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const manifest = JSON.parse(read('package.json')) as {
  contributes: {
    viewsContainers: { activitybar: { title: string }[] };
    views: Record<string, { name: string; contextualTitle?: string }[]>;
    commands: { command: string; category?: string }[];
    walkthroughs: { title: string }[];
  };
};

for (const nlsFile of ['package.nls.json', 'package.nls.fr.json']) {
  test(`${nlsFile}: the container, the view, every command category and the walkthrough say the product name`, () => {
    const nls = JSON.parse(read(nlsFile)) as Record<string, string>;
    const say = (value: string) => value.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? `missing ${key}`);
    const name = say('%displayName%');
    assert.equal(name, 'OpenClaw Auth');
    const c = manifest.contributes;
    for (const container of c.viewsContainers.activitybar) assert.equal(say(container.title), name, 'container');
    // With one view, VS Code titles the side bar "CONTAINER: VIEW" unless both are the same name.
    for (const view of Object.values(c.views).flat()) {
      assert.equal(say(view.name), name, 'view');
      if (view.contextualTitle) assert.equal(say(view.contextualTitle), name, 'view\'s contextual title');
    }
    for (const command of c.commands.filter((x) => x.command.startsWith('openclawAuth.') && x.category)) {
      assert.equal(say(command.category!), name, `${command.command}'s category`);
    }
    for (const walkthrough of c.walkthroughs) assert.ok(say(walkthrough.title).includes(name), 'walkthrough');
  });
}

test('the client names its output channel, language client and status-bar item with the product name', () => {
  assert.match(read('client/src/extension.ts'), /createOutputChannel\('OpenClaw Auth'/);
  assert.match(read('client/src/serverConnection.ts'), /new LanguageClient\('openclawAuth', 'OpenClaw Auth'/);
  assert.match(read('client/src/statusBar.ts'), /this\.item\.name = vscode\.l10n\.t\('OpenClaw Auth'\)/);
  const fr = JSON.parse(read('l10n/bundle.l10n.fr.json')) as Record<string, string>;
  assert.equal(fr['OpenClaw Auth'], 'OpenClaw Auth', 'the name is not translated');
});
