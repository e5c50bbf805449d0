/**
 * The client never reads credential files and knows the server only through the protocol
 * (DESIGN.md: client -> protocol <- server -> openclaw). Every import in client/src must be VS Code,
 * the language client, a sibling client module or server/src/protocol; and one more, deliberately:
 * server/src/openclaw/output/timeLeft, the words for time left, so that the status bar, the tree and
 * the report (the engine's) cannot say it differently. It must stay import-free (tested below), so
 * allowing it never lets the engine into the client. And `node:crypto`, for revealKey.ts only: the
 * key that opens a revealed SQLite row the server sealed (no file system, no engine).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const clientDir = path.resolve(import.meta.dirname, '../../client/src');
const ALLOWED = [/^vscode$/, /^vscode-languageclient\/node$/, /^\.\/[A-Za-z]+$/, /^\.\.\/\.\.\/server\/src\/protocol$/, /^\.\.\/\.\.\/server\/src\/openclaw\/output\/timeLeft$/];
/** The one client module that may use Node's crypto (and nothing else of Node). */
const CRYPTO_USER = 'revealKey.ts';
const SHARED_WITH_ENGINE = path.resolve(import.meta.dirname, '../../server/src/openclaw/output/timeLeft.ts');

test('the time-left module the client shares with the engine imports nothing', () => {
  assert.deepEqual(importsOf(fs.readFileSync(SHARED_WITH_ENGINE, 'utf8')), []);
});

export function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|require\(\s*'([^']+)'\s*\)/g)]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

test('the import scanner sees every form', () => {
  assert.deepEqual(
    importsOf("import * as a from 'vscode';\nimport type { B } from './b';\nimport 'side';\nexport { c } from '../c';\nconst d = require('node:fs');"),
    ['vscode', './b', 'side', '../c', 'node:fs'],
  );
});

for (const file of fs.readdirSync(clientDir).filter((f) => f.endsWith('.ts'))) {
  test(`client/src/${file} imports only VS Code, the language client, client modules and the protocol`, () => {
    const imports = importsOf(fs.readFileSync(path.join(clientDir, file), 'utf8'));
    assert.ok(imports.length > 0, 'imports found');
    const allowed = file === CRYPTO_USER ? [...ALLOWED, /^node:crypto$/] : ALLOWED;
    const foreign = imports.filter((spec) => !allowed.some((re) => re.test(spec)));
    assert.deepEqual(foreign, [], 'no file system, no engine, no other server module');
  });
}
