/**
 * The language server opened on a repository whose `.env` would steer the login shell (issue 13,
 * item 1): the repository's code never runs, whether the client says the workspace is trusted or
 * says nothing about trust (then the working folder is not read at all).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { StatusChangedNotification, type StatusSnapshot } from '../../server/src/protocol.ts';
import { profileRuns, STEERING_KEY, writeSteeringRepo } from '../support/steeringRepo.ts';
import { writeTree } from '../support/tree.ts';
import { LspServer } from './lspServer.ts';

/** A provider key in the working folder's `.env`: flagged when the folder is read, unseen when not. */
const WORKSPACE_KEY = `sk-proj-${'W'.repeat(40)}`;

async function openRepo(settings: Record<string, unknown>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-lsp-steer-'));
  const r = writeSteeringRepo(root);
  fs.appendFileSync(path.join(r.repo, '.env'), `OPENAI_API_KEY=${WORKSPACE_KEY}\n`);
  // The client starts the server in the workspace folder when trusted; an unknown client may too.
  const server = LspServer.start({ HOME: r.home }, r.repo);
  try {
    const first = server.nextNotification(StatusChangedNotification.type, () => true, 30_000);
    await server.initialize(r.repo, settings);
    const snapshot: StatusSnapshot = await first;
    return { r, root, snapshot, output: () => server.allOutput(), stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

const workspaceKeyFlagged = (s: StatusSnapshot) => s.issues.some((i) => i.code === 'env/workspace-key-ignored');

describe('language server: a working folder .env never steers the login shell', () => {
  for (const [name, settings, readsFolder] of [
    ['the client says the workspace is trusted', { trustedWorkspace: true }, true],
    ['the client says nothing about trust', {}, false],
  ] as const) {
    test(name, async () => {
      const opened = await openRepo(settings);
      try {
        assert.equal(profileRuns(opened.r), 1, "the user's own profile ran");
        assert.ok(!fs.existsSync(opened.r.marker), "the repository's code ran in the login shell");
        assert.equal(workspaceKeyFlagged(opened.snapshot), readsFolder, readsFolder ? 'a trusted folder is read' : 'an unknown trust means the folder is not read');
        const anthropic = opened.snapshot.agents[0]?.providers.find((p) => p.provider === 'anthropic');
        assert.equal(anthropic?.candidates[0]?.envOrigin, 'login-shell');
      } finally {
        await opened.stop();
        const output = opened.output();
        fs.rmSync(opened.root, { recursive: true, force: true });
        assert.ok(!output.includes(STEERING_KEY) && !output.includes(WORKSPACE_KEY), 'a secret appeared in the server output');
      }
    });
  }
});

test("the marker works: the same prefix in the user's own ~/.openclaw/.env does reach the shell, as the gateway's would", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-lsp-steer-'));
  try {
    const r = writeSteeringRepo(root);
    writeTree(r.home, { '.openclaw/.env': `SOME_PREFIX=${r.repo}\n` });
    const server = LspServer.start({ HOME: r.home }, r.home);
    try {
      const first = server.nextNotification(StatusChangedNotification.type, () => true, 30_000);
      await server.initialize(r.home, { trustedWorkspace: true });
      await first;
    } finally {
      await server.stop();
    }
    assert.ok(fs.existsSync(r.marker));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
