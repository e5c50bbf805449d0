// esbuild options every bundle shares: the shipped ones (scripts/build.mjs) and the engine the
// benchmark times (bench/status/engineBundle.ts), so the bench measures the code users run.

/** @param {{ production: boolean }} mode */
export function commonBuildOptions({ production }) {
  /** @type {import('esbuild').BuildOptions} */
  const options = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    // node:sqlite is built into Node >= 22.5; on older hosts the SQLite source reports itself unavailable.
    external: ['vscode', 'node:sqlite'],
    // jsonc-parser's UMD build hides its requires from esbuild; its ES module build bundles cleanly.
    mainFields: ['module', 'main'],
  };
  return options;
}
