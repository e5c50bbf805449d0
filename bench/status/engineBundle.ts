import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { commonBuildOptions } from '../../scripts/buildOptions.mjs';
import { repoRoot } from '../../test/support/runCli.ts';

export type EngineModule = typeof import('./engineLoad.ts');

/**
 * engineLoad.ts bundled and minified as the shipped dist/*.js are (scripts/buildOptions.mjs), so
 * the large-home bench times the code users run, not tsx's on-the-fly TypeScript (whose helpers
 * make it about 10–15 % slower). The baseline comes from the same bundle.
 */
export async function loadEngineBundle(options: { readableNames?: boolean } = {}): Promise<EngineModule> {
  const outfile = path.join(repoRoot, '.cache', 'bench', options.readableNames ? 'engineLoad.named.cjs' : 'engineLoad.cjs');
  // Readable names for profiles (engineProfile.ts): the same code, identifiers left as written.
  const names = options.readableNames ? { minifyIdentifiers: false, minifySyntax: true, minifyWhitespace: true, minify: false } : {};
  await esbuild.build({ ...commonBuildOptions({ production: true }), ...names, entryPoints: [path.join(import.meta.dirname, 'engineLoad.ts')], outfile });
  return createRequire(import.meta.url)(outfile) as EngineModule;
}
