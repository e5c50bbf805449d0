import fs from 'node:fs';
import path from 'node:path';

/**
 * dist/cli.js beside the bundled server, which the server's worker threads run (store checks,
 * credential writes); undefined when running from the sources (tsx), where the work stays in-thread.
 */
export function bundledCliFile(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const file = path.join(__dirname, 'cli.js');
  return fs.existsSync(file) ? file : undefined;
}
