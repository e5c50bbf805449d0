/**
 * The walkthrough and the welcome texts link commands by id: every `command:` link and `onCommand:`
 * completion event must name a command this extension contributes (or one VS Code itself provides),
 * in English and French alike, or the button silently does nothing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
/** Provided by VS Code: the settings editor, and the focus command it creates for our view. */
const BUILT_IN = new Set(['workbench.action.openSettings', 'openclawAuth.profiles.focus']);

function linkedCommands(text: string): string[] {
  return [...text.matchAll(/\(command:([\w.-]+)/g)].map((m) => m[1]!);
}

for (const file of ['package.nls.json', 'package.nls.fr.json']) {
  test(`${file}: every command link names a real command`, () => {
    const strings = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
    const links = Object.values(strings).flatMap(linkedCommands);
    assert.ok(links.length >= 8, `links found: ${links.length}`);
    const unknown = links.filter((id) => !contributed.has(id) && !BUILT_IN.has(id));
    assert.deepEqual(unknown, []);
  });
}

test('the walkthrough has its four steps, each with a completion event on a real command or the view', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['stateFolder', 'status', 'pasteToken', 'check']);
  for (const step of walkthrough.steps as { completionEvents: string[]; media: Record<string, string> }[]) {
    for (const event of step.completionEvents) {
      const command = /^onCommand:(.+)$/.exec(event)?.[1];
      if (command) assert.ok(contributed.has(command), `${event} names a contributed command`);
      else assert.match(event, /^(onView:openclawAuth\.profiles|onSettingChanged:openclawAuth\.)/);
    }
    const media = step.media.svg ?? step.media.image;
    assert.ok(media && fs.existsSync(path.join(root, media)), `media ${media} exists`);
  }
});
