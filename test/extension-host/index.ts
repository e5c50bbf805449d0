/**
 * Entry of the tests that run inside a VS Code extension host. Bundled by scripts/build.mjs to
 * out/test/extension-host/index.js: pass that as `extensionTestsPath` (code-server with the
 * smoke-test driver, see test/e2e, or @vscode/test-electron, see test/electron/run.ts).
 * Optional: OPENCLAW_STATE_DIR in the extension host's environment, compared with the CLI.
 */
import Mocha from 'mocha';
import { defineExtensionSuites } from './extension.test';
import { defineWriteSuites } from './writes.test';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  // The specs are bundled into this file, so mocha cannot load them by path: expose its `suite`
  // and `test` globals, then let the specs register themselves.
  mocha.suite.emit('pre-require', globalThis, 'extension-host', mocha);
  defineExtensionSuites();
  defineWriteSuites();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
