import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { before, describe, test } from 'node:test';
import { HoverRequest, PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { StatusRequest } from '../../server/src/protocol.ts';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { LspServer, serverPath } from './lspServer.ts';

/**
 * Issue 13, item 5: a large store full of mistakes, typed into, must neither block the server nor
 * flood the client. Measured from outside, over stdio, as an editor sees it.
 */
const STORE_REL = '.openclaw/agents/main/agent/auth-profiles.json';
const PROFILES = 20_000;

/** About 1.2 MB on one line, each profile with a schema mistake ("email" must be a string). */
function storeFullOfMistakes(): string {
  const profiles: Record<string, unknown> = {};
  for (let i = 0; i < PROFILES; i++) profiles[`openai:p${i}`] = { type: 'api_key', provider: 'openai', key: `sk-proj-${'k'.repeat(24)}`, email: i };
  return JSON.stringify({ version: 1, profiles });
}

before(() => {
  assert.ok(fs.existsSync(serverPath), 'dist/server.js exists (run `node scripts/build.mjs` first)');
});

/** A server initialised on a home with an empty store, its first status resolved. */
async function serverOnEmptyHome(prefix: string): Promise<{ home: string; server: LspServer }> {
  const home = tempHome(prefix);
  materializeCase({ files: { '.openclaw/openclaw.json': {}, [STORE_REL]: { version: 1, profiles: {} } } }, home);
  // As OpenClaw writes it: a store open to others would add a file/readable-by-others finding.
  fs.chmodSync(path.join(home, STORE_REL), 0o600);
  const server = LspServer.start({ HOME: home, OPENCLAW_STATE_DIR: path.join(home, '.openclaw') }, home);
  await server.initialize(home);
  await server.connection.sendRequest(StatusRequest.type);
  return { home, server };
}

describe('a large store with 20 000 mistakes in the editor', () => {
  test('the server answers hovers within 100 ms (median) while it checks, then publishes 1 000 diagnostics and one saying how many more', async (t) => {
    const { home, server } = await serverOnEmptyHome('oc-lsp-large-');
    try {
      const text = storeFullOfMistakes();
      assert.ok(text.length > 1_000_000, `${text.length} bytes`);
      const file = path.join(home, STORE_REL);
      const published = server.nextNotification(PublishDiagnosticsNotification.type, (p) => p.uri.endsWith(STORE_REL), 120_000);
      let done: PublishDiagnosticsParams | undefined;
      void published.then((p) => (done = p));
      const openedAt = performance.now();
      const uri = await server.open(file, text);
      // Hover over the first profile id again and again until the diagnostics arrive.
      const hoverAt = { line: 0, character: text.indexOf('"openai:p0"') + 3 };
      const latencies: { sentAfterMs: number; ms: number }[] = [];
      while (!done) {
        const sent = performance.now();
        const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverAt });
        latencies.push({ sentAfterMs: sent - openedAt, ms: performance.now() - sent });
        assert.ok(hover === null || typeof hover === 'object');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const diagnostics = (await published).diagnostics;
      const checkedAfterMs = performance.now() - openedAt;

      assert.equal(diagnostics.length, 1001);
      const summary = diagnostics[1000]?.message;
      assert.equal(typeof summary, 'string');
      assert.match(summary as string, /^19000 more problems in this file are not shown \(the first 1000 are\)/);
      assert.ok(diagnostics.slice(0, 1000).every((d) => d.code === 'store/schema'));
      // Hovers sent while the check ran (after the quiet time, before the diagnostics).
      const during = latencies.filter((l) => l.sentAfterMs > 300);
      assert.ok(during.length >= 5, `only ${during.length} hovers overlapped the check (${checkedAfterMs.toFixed(0)} ms)`);
      // The median is judged: on a shared 2-core machine the scheduler alone delays a request now
      // and then. A check on the main thread would hold every hover for its whole length (seconds).
      const times = during.map((l) => l.ms).sort((a, b) => a - b);
      const median = times[times.length >> 1] ?? 0;
      const slowest = times[times.length - 1] ?? 0;
      const seen = `${during.length} hovers in ${checkedAfterMs.toFixed(0)} ms: ${during.map((l) => l.ms.toFixed(0)).join(', ')} ms`;
      t.diagnostic(seen);
      assert.ok(median < 100, `median hover during the check took ${median.toFixed(0)} ms (${seen})`);
      assert.ok(slowest < 1000, `a hover waited ${slowest.toFixed(0)} ms (${seen})`);
    } finally {
      await server.stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  test('a burst of keystrokes is checked once, at its last version', async () => {
    const { home, server } = await serverOnEmptyHome('oc-lsp-burst-');
    try {
      const file = path.join(home, STORE_REL);
      const versions: number[] = [];
      server.on(PublishDiagnosticsNotification.type, (p) => {
        if (p.uri.endsWith(STORE_REL)) versions.push(p.version ?? -1);
      });
      const uri = await server.open(file, '{"version":1,"profiles":{}}');
      const typed = '{"version":1,"profiles":{"openai:x":{"type":"api_key","provider":"openai","key":"sk-proj-xxxxxxxxxxxxxxxxxxxxxxxx","email":1}}}';
      // Typed one character at a time from the 40th on: 80 changes within a few milliseconds.
      let version = 1;
      for (let n = 40; n <= typed.length; n++) await server.change(uri, ++version, typed.slice(0, n));
      const last = await server.diagnosticsFor(uri, (p) => p.version === version, 10_000);
      assert.equal(last.diagnostics.length, 1);
      // Nothing in between was checked: at most the opening text and the last version.
      assert.ok(versions.every((v) => v === 1 || v === version), `published versions ${versions.join(', ')}`);
    } finally {
      await server.stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  test('a store nested 10 000 levels deep gets its one diagnostic, and hovers over it answer', async () => {
    const { home, server } = await serverOnEmptyHome('oc-lsp-deep-');
    try {
      const depth = 10_000;
      const text = `{"version":1,"profiles":{"openai:a":{"type":"api_key","provider":"openai","key":"sk-proj-${'d'.repeat(30)}"},"x:y":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
      const uri = await server.open(path.join(home, STORE_REL), text);
      const published = await server.diagnosticsFor(uri, () => true, 30_000);
      assert.equal(published.diagnostics.length, 1);
      assert.equal(published.diagnostics[0]?.code, 'store/non-object');
      for (const offset of [30, text.length >> 1]) {
        const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: offset } });
        assert.ok(hover === null || typeof hover === 'object');
      }
    } finally {
      await server.stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
