// The Credentials overview webview's files (client/src/overviewPanel.ts), written to OUTDIR/overview/:
// page.js and page.css minified from client/webview/, and only the codicons the page shows cut out
// of @vscode/codicons (a WOFF2 of about 1 KB instead of the whole 123 KB font, and only their
// classes). The VSIX must stay under 400 KB (test/e2e/package.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import subsetFont from 'subset-font';

/** Every codicon client/webview/overview.js uses (test/unit/overviewPanel.test.ts checks). */
export const OVERVIEW_CODICONS = ['pass', 'warning', 'error', 'circle-outline', 'go-to-file', 'copy', 'key', 'trash', 'refresh'];

const require = createRequire(import.meta.url);
const codicons = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
const webview = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../client/webview');

export async function writeOverviewAssets(outdir) {
  const css = fs.readFileSync(path.join(codicons, 'codicon.css'), 'utf8');
  const rules = OVERVIEW_CODICONS.map((name) => {
    const rule = new RegExp(`\\.codicon-${name}:before \\{ content: "\\\\([0-9a-f]+)" \\}`).exec(css);
    if (!rule) throw new Error(`@vscode/codicons has no icon ${name}`);
    return { name, codepoint: parseInt(rule[1], 16) };
  });
  const font = await subsetFont(fs.readFileSync(path.join(codicons, 'codicon.ttf')), String.fromCodePoint(...rules.map((r) => r.codepoint)), { targetFormat: 'woff2' });
  const iconCss = `/*! Icons: a subset of @vscode/codicons, Copyright (c) Microsoft Corporation, MIT License. */
@font-face { font-family: "codicon"; font-display: block; src: url("./codicon.woff2") format("woff2"); }
.codicon[class*='codicon-'] { font: normal normal normal 16px/1 codicon; display: inline-block; text-decoration: none; text-align: center; -webkit-font-smoothing: antialiased; user-select: none; }
${rules.map((r) => `.codicon-${r.name}:before { content: "\\${r.codepoint.toString(16)}" }`).join('\n')}
`;
  const pageCss = await esbuild.transform(iconCss + fs.readFileSync(path.join(webview, 'overview.css'), 'utf8'), { loader: 'css', minify: true, legalComments: 'inline' });
  const pageJs = await esbuild.transform(fs.readFileSync(path.join(webview, 'overview.js'), 'utf8'), { loader: 'js', minify: true, target: 'chrome120' });
  const out = path.join(outdir, 'overview');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'codicon.woff2'), font);
  fs.writeFileSync(path.join(out, 'page.css'), pageCss.code);
  fs.writeFileSync(path.join(out, 'page.js'), pageJs.code);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeOverviewAssets(process.argv[2] ?? 'dist').catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
