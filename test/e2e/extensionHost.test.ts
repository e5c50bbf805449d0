// The client's mocha suite (test/extension-host, bundled to out/test/extension-host/index.js) run
// inside code-server's real extension host, the way @vscode/test-electron would run it in desktop
// VS Code. The workbench reports the result through codeAutomationExit (smoke-test driver).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { format } from 'node:util';
import { writeFixture } from '../fixtures/homes.ts';
import { freshRunDir, repoRoot } from './support/paths.ts';
import { openSession } from './support/session.ts';
import { assertNoSecretInLogs } from './support/openclawUi.ts';

const testsEntry = path.join(repoRoot, 'out/test/extension-host/index.js');

test('the extension-host mocha suite passes inside code-server', { timeout: 240_000, skip: !fs.existsSync(testsEntry) && 'out/test/extension-host/index.js not built' }, async () => {
  const stateDir = writeFixture('expiring', path.join(freshRunDir('home-exthost'), 'openclaw'));
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const output: string[] = [];
  const session = await openSession({
    name: 'exthost',
    stateDir,
    smokeTestDriver: true,
    // The extension under development is this checkout (dist/ and out/), not the VSIX.
    installVsix: false,
    beforeOpen: async (page, server, workspace) => {
      await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        const line = format(...(Array.isArray(args) ? args : [args]));
        output.push(line);
        // Mocha's spec lines are indented; the rest is the workbench's own console chatter.
        if (/^\s/.test(line) || /passing|failing/.test(line)) process.stdout.write(`  [exthost] ${line}\n`);
      });
      await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
      const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
      return server.folderUrl(workspace, [
        ['extensionDevelopmentPath', remote(repoRoot)],
        ['extensionTestsPath', remote(testsEntry)],
        ['extensionEnvironment', JSON.stringify({ OPENCLAW_STATE_DIR: stateDir })],
      ]);
    },
  });
  try {
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 200_000).unref());
    const code = await Promise.race([exited, timeout]);
    assert.notEqual(code, -1, 'the workbench reported the end of the tests (codeAutomationExit)');
    const passing = output.find((line) => /\d+ passing/.test(line));
    assert.ok(passing, `mocha printed its summary:\n${output.join('\n')}`);
    assert.equal(code, 0, `the extension-host suite failed:\n${output.join('\n')}`);
    assertNoSecretInLogs(output.join('\n'), 'extension-host mocha output');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'extension-host logs');
  } finally {
    await session.close();
  }
});
