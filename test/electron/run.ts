/**
 * `npm run test:electron`: runs the extension-host tests (test/extension-host, bundled to
 * out/test/extension-host/index.js by scripts/build.mjs) in a VS Code that @vscode/test-electron
 * downloads. Needs access to update.code.visualstudio.com; machines without it run the same tests
 * in code-server (see the e2e suite). Extra argument: a folder to open as the workspace.
 * OPENCLAW_STATE_DIR, when set, is passed on to the extension host.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(import.meta.dirname, '../..');
const extensionTestsPath = path.join(root, 'out/test/extension-host/index.js');

async function main(): Promise<number> {
  if (!fs.existsSync(extensionTestsPath)) {
    console.error(`test:electron: ${path.relative(root, extensionTestsPath)} is missing; run node scripts/build.mjs first`);
    return 1;
  }
  const workspace = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'oc-electron-ws-'));
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-electron-ud-'));
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
      extensionTestsEnv: process.env.OPENCLAW_STATE_DIR ? { OPENCLAW_STATE_DIR: process.env.OPENCLAW_STATE_DIR } : {},
    });
    return 0;
  } catch (error) {
    console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

void main().then((code) => { process.exitCode = code; });
