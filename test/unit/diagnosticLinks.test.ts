import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { codeDocUrl, DIAGNOSTICS_DOC_URL } from '../../server/src/diagnostics/issueDiagnostic.ts';

// Every code the catalogue lists, as written in its table rows: | <a id="…"></a>`code` | …
const docFile = fileURLToPath(DIAGNOSTICS_DOC_URL);
const doc = fs.readFileSync(docFile, 'utf8');
const codes = [...doc.matchAll(/^\| <a id="[^"]+"><\/a>`([^`]+)`/gm)].map((m) => m[1]!);

test('the diagnostics link points at the shipped catalogue file', () => {
  assert.match(DIAGNOSTICS_DOC_URL, /^file:\/\/.*\/docs\/diagnostics\.md$/);
  assert.ok(fs.statSync(docFile).isFile());
  assert.ok(codes.length > 20, `the catalogue lists its codes (found ${codes.length})`);
});

test('each code links to its own anchor in the catalogue', () => {
  for (const code of codes) {
    const url = new URL(codeDocUrl(code));
    assert.equal(fileURLToPath(url), docFile, code);
    assert.ok(doc.includes(`<a id="${url.hash.slice(1)}"></a>\`${code}\``), `${code} has the anchor ${url.hash}`);
  }
});

test('every code the server and engine emit has its entry in the catalogue', () => {
  const root = path.resolve(path.dirname(docFile), '..');
  const files = (function walk(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  })(path.join(root, 'server', 'src'));
  const emitted = new Set<string>();
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\b(?:issue|makeDiagnostic)\((?:\s*doc,)?\s*'([a-z0-9-]+\/[a-z0-9-]+)'/g)) emitted.add(m[1]!);
  }
  assert.ok(emitted.has('profile/expired') && emitted.has('env/misspelled-key') && emitted.has('store/duplicate-key'), `found ${[...emitted].join(', ')}`);
  const missing = [...emitted].filter((code) => !codes.includes(code));
  assert.deepEqual(missing, [], 'codes without an entry in docs/diagnostics.md');
});
