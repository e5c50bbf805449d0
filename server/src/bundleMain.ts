/**
 * The shipped bundle behind both programs: dist/server.js (the language server) and dist/cli.js
 * (the CLI, and the worker threads the server starts from it) are one-line files that call into
 * dist/engine.js. Both carry the engine, zod, json5 and jsonc-parser (about 370 KB minified), so
 * one bundle keeps the VSIX near half the size of two. server.ts and cli.ts each run on import;
 * esbuild evaluates a dynamically imported module only when the import runs, so each start
 * function starts its own program and nothing of the other.
 */
export function startLanguageServer(): Promise<unknown> {
  return import('./server.js');
}

export function startCli(): Promise<unknown> {
  return import('./cli.js');
}
