// Reads facts out of an installed OpenClaw CLI by calling its own bundled functions (used by the
// extract-*.mjs scripts; their output is committed data, so this runs only when refreshing it).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The bundle folder of an OpenClaw installed under PEER_DIR (as scripts/ensure-peer.sh installs it). */
export function peerDist(peerDir) {
  const dist = path.resolve(peerDir, 'node_modules/openclaw/dist');
  return { dist, files: fs.readdirSync(dist).filter((f) => f.endsWith('.js') || f.endsWith('.mjs')) }; // .mjs from 2026.9
}

/**
 * Imports the bundled function `name` through the alias its module exports it under (the bundler
 * renames exports), or returns undefined when no module defines and exports it.
 */
export async function importBundledFunction({ dist, files }, name) {
  for (const f of files) {
    const text = fs.readFileSync(path.join(dist, f), 'utf8');
    if (!text.includes(`function ${name}(`)) continue;
    const exp = /export\s*\{([^}]*)\}/.exec(text);
    const alias = exp?.[1].split(',').map((s) => s.trim().split(/\s+as\s+/)).find(([local]) => local === name)?.[1];
    if (!alias) continue;
    const mod = await import(pathToFileURL(path.join(dist, f)).href);
    return mod[alias];
  }
  return undefined;
}
