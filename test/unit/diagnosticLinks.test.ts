import assert from 'node:assert/strict';
import fs from 'node:fs';
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
