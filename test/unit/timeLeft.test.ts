/**
 * One way to say time left (server/src/openclaw/output/timeLeft.ts), at its boundaries, in English
 * and French; and every surface says it through that module: the engine's report (Show Status and
 * the CLI text), the hover, and the client's status bar, tree, tooltips, notifications and overview.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { formatStatusReport } from '../../server/src/openclaw/output/report.ts';
import { shortTimeLeftWords, spanWords, timeLeftLanguage, timeLeftWords } from '../../server/src/openclaw/output/timeLeft.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import { profileHover } from '../../server/src/features/profileHover.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const CANARY = 'sk-ant-oat01-CANARYCANARYCANARYCANARYCANARYCANARYCANARYCANARYCANARYCANARY-secret-tail';

const BOUNDARIES: [string, number, string, string][] = [
  ['59 min', 59 * MIN, 'expires in 59m', 'expire dans 59 min'],
  ['59 min 59 s', HOUR - 1000, 'expires in 59m', 'expire dans 59 min'],
  ['1 h', HOUR, 'expires in 1h', 'expire dans 1 h'],
  ['23 h 59', 23 * HOUR + 59 * MIN, 'expires in 23h', 'expire dans 23 h'],
  ['24 h (1 d)', DAY, 'expires in 24h', 'expire dans 24 h'],
  ['1 d 23 h 59', 2 * DAY - MIN, 'expires in 47h', 'expire dans 47 h'],
  ['2 d', 2 * DAY, 'expires in 2d', 'expire dans 2 j'],
  ['30 s left', 30_000, 'expires in 1m', 'expire dans 1 min'],
  ['expired 30 s ago', -30_000, 'expired 1m ago', 'expiré depuis 1 min'],
  ['expired just now', 0, 'expired 1m ago', 'expiré depuis 1 min'],
  ['expired 2 h 59 ago', -(2 * HOUR + 59 * MIN), 'expired 2h ago', 'expiré depuis 2 h'],
  ['expired 3 d ago', -3 * DAY, 'expired 3d ago', 'expiré depuis 3 j'],
];

for (const [name, left, en, fr] of BOUNDARIES) {
  test(`time left, ${name}: "${en}" / "${fr}"`, () => {
    assert.equal(timeLeftWords(NOW + left, NOW, 'en'), en);
    assert.equal(timeLeftWords(NOW + left, NOW, 'fr'), fr);
  });
}

test('the tree rows\' short words are the same rounding: "in 2h" / "5h ago", "dans 2 h" / "il y a 5 h"', () => {
  assert.equal(shortTimeLeftWords(NOW + 2 * HOUR + 59 * MIN, NOW, 'en'), 'in 2h');
  assert.equal(shortTimeLeftWords(NOW + 2 * HOUR + 59 * MIN, NOW, 'fr'), 'dans 2 h');
  assert.equal(shortTimeLeftWords(NOW - 5 * HOUR - 10 * MIN, NOW, 'en'), '5h ago');
  assert.equal(shortTimeLeftWords(NOW - 5 * HOUR - 10 * MIN, NOW, 'fr'), 'il y a 5 h');
  assert.equal(shortTimeLeftWords(NOW - 30_000, NOW, 'en'), '1m ago');
  assert.equal(shortTimeLeftWords(NOW + 2 * DAY, NOW, 'en'), 'in 2d');
});

test('the status bar\'s short span is the same rounding', () => {
  assert.equal(spanWords(NOW + 2 * HOUR + 59 * MIN, NOW, 'en'), '2h');
  assert.equal(spanWords(NOW + 2 * HOUR + 59 * MIN, NOW, 'fr'), '2 h');
  assert.equal(spanWords(NOW - 30_000, NOW, 'en'), '1m');
});

test('the language follows VS Code\'s locale: French for fr and fr-*, English otherwise', () => {
  assert.deepEqual(['fr', 'fr-ca', 'FR-fr', 'en', 'en-us', 'de', undefined].map(timeLeftLanguage), ['fr', 'fr', 'fr', 'en', 'en', 'en', 'en']);
});

test('report (Show Status and the CLI) and hover say what timeLeftWords says for the same token', () => {
  const home = tempHome('oc-time-left-');
  const expires = NOW + 2 * HOUR + 59 * MIN; // rounding to nearest would say 3h here
  materializeCase({
    files: {
      '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/some-model' } } } },
      '.openclaw/agents/main/agent/auth-profiles.json': { version: 1, profiles: { 'anthropic:t': { type: 'token', provider: 'anthropic', token: CANARY, expires } } },
    },
  }, home, NOW);
  const state = loadOpenClawState({ env: { HOME: home }, mode: 'daemon', now: NOW, stateDir: path.join(home, '.openclaw') });
  const words = timeLeftWords(expires, NOW);
  assert.equal(words, 'expires in 2h');
  const report = formatStatusReport(state, state.agents[0]!);
  assert.match(report, /anthropic:t expiring expires in 2h$/m);
  assert.ok(!report.includes('3h'));

  const file = path.join(home, '.openclaw/agents/main/agent/auth-profiles.json');
  const text = fs.readFileSync(file, 'utf8');
  const doc = TextDocument.create(`file://${file}`, 'json', 1, text);
  const hover = profileHover(doc, file, doc.positionAt(text.indexOf('"anthropic:t"') + 2), buildStatusSnapshot(state), NOW);
  const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
  assert.ok(value.includes(words), `hover says "${words}": ${value}`);
  assert.ok(!value.includes(CANARY));
});

/** Each surface and the words it must say time left with (the client's go through words.ts). */
const SURFACES: [string, RegExp][] = [
  ['client/src/words.ts', /from '\.\.\/\.\.\/server\/src\/openclaw\/output\/timeLeft'/],
  ['client/src/statusBar.ts', /\b(timeLeftText|expiryText)\(/],
  ['client/src/profileTree.ts', /\bexpiryText\(/],
  ['client/src/commands.ts', /\bexpiryText\(/],
  ['client/src/overviewPanel.ts', /\bexpiryText\(/],
  ['server/src/openclaw/output/report.ts', /\btimeLeftWords\(/],
  ['server/src/features/profileHover.ts', /\btimeLeftWords\(/],
  ['server/src/diagnostics/timeWords.ts', /\btimeLeftWords\(/],
];
/** What a surface that says time left its own way would contain (a cooldown's length in the report is OpenClaw's own form, not an expiry). */
const OWN_WAY = /formatRemainingShort\(|roundSpan\(|Math\.(floor|round)\([^)]*(60_?000|3_?600_?000|HOUR|MINUTE|DAY)|['`"]expires in |['`"]expired [^'`"]*ago/;

for (const [file, calls] of SURFACES) {
  test(`${file} says time left through the shared words, and no other way`, () => {
    const source = fs.readFileSync(path.resolve(import.meta.dirname, '../..', file), 'utf8');
    assert.match(source, calls);
    const expiryLines = source.split('\n').filter((line) => !/^\s*(\/\/|\/?\*)/.test(line) && OWN_WAY.test(line) && !/formatRemainingShort\(u\.remainingMs\)/.test(line));
    assert.deepEqual(expiryLines, [], 'no second rounding of an expiry');
  });
}
