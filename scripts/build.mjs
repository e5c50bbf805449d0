// Bundles the extension client, the language server and the CLI with esbuild.
// `vscode` is provided by the extension host; everything else is bundled so the VSIX ships no node_modules.
import fs from 'node:fs';
import * as esbuild from 'esbuild';
import { commonBuildOptions } from './buildOptions.mjs';
import { writeOverviewAssets } from './overviewAssets.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir DIR` builds elsewhere than dist/ (the VSIX packager stages its own copy, so a parallel build cannot swap files under it).
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? process.argv[outdirFlag + 1] : 'dist';

const common = commonBuildOptions({ production });

const entries = [
  // The language client's VS Code version check needs two functions of semver, not the package
  // (about 6 KB of the 400 KB VSIX): client/shims/.
  {
    entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js',
    alias: { 'semver/functions/parse': './client/shims/semverParse.cjs', 'semver/functions/satisfies': './client/shims/semverSatisfies.cjs' },
  },
  // The language server and the CLI share one bundle (server/src/bundleMain.ts); dist/server.js and
  // dist/cli.js are the launchers written below.
  { entryPoints: ['server/src/bundleMain.ts'], outfile: 'dist/engine.js' },
  // Mocha tests that run inside a VS Code extension host (code-server's smoke-test driver, or
  // @vscode/test-electron): extensionTestsPath = out/test/extension-host/index.js. Mocha is loaded
  // from the project's node_modules at run time. Not part of the VSIX.
  {
    entryPoints: ['test/extension-host/index.ts'], outfile: 'out/test/extension-host/index.js',
    external: ['vscode', 'node:sqlite', 'mocha'], testOnly: true,
  },
];

for (const entry of entries) {
  // The client arrives after the engine; build whatever entry points exist.
  if (!fs.existsSync(entry.entryPoints[0])) continue;
  const { testOnly, ...own } = entry;
  if (testOnly && outdir !== 'dist') continue; // a staged VSIX build needs no tests
  const options = { ...common, ...own, outfile: own.outfile.replace(/^dist\//, `${outdir}/`) };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
// What the language client forks and what `openclaw-auth` runs: each starts its program from the
// shared bundle. A start that throws while loading exits 1 with the message (no stack for users).
const launcher = (start) => `"use strict";\nrequire("./engine.js").${start}().catch((e) => { process.stderr.write(\`openclaw-auth: \${e && e.message}\\n\`); process.exit(1); });\n`;
fs.writeFileSync(`${outdir}/server.js`, launcher('startLanguageServer'));
fs.writeFileSync(`${outdir}/cli.js`, `#!/usr/bin/env node\n${launcher('startCli')}`, { mode: 0o755 });
// The overview webview's page, minified, with only the codicons it shows (scripts/overviewAssets.mjs).
await writeOverviewAssets(outdir);
