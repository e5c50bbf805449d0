#!/usr/bin/env node
// Extracts the `models` part of OpenClaw's own JSON schema for openclaw.json (`openclaw config
// schema`) and writes it as data: server/src/openclaw/data/config-models-schema-<version>.json.
// Titles, descriptions and examples are dropped: the engine needs the structure, not OpenClaw's words.
// Run with Node 24: node scripts/extract-config-schema.mjs .cache/peers/openclaw-2026.6.1 2026.6.1
// The data is committed; `npm run generate:schema` compiles it into a validator.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [, , peerDir, version] = process.argv;
if (!peerDir || !version) {
  console.error('usage: extract-config-schema.mjs PEER_DIR VERSION');
  process.exit(2);
}
// An empty home and no OPENCLAW_* variables: the schema must not depend on this machine.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-schema-'));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENCLAW_')));
const cli = path.resolve(peerDir, 'node_modules/openclaw/openclaw.mjs');
const text = execFileSync(process.execPath, [cli, 'config', 'schema'], { env: { ...env, HOME: home }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
fs.rmSync(home, { recursive: true, force: true });
const models = JSON.parse(text.slice(text.indexOf('{'))).properties?.models;
if (!models) throw new Error('no properties.models in `openclaw config schema`');

const WORDS = new Set(['title', 'description', 'examples']);
const structure = (value) =>
  Array.isArray(value) ? value.map(structure)
    : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k]) => !WORDS.has(k)).map(([k, v]) => [k, structure(v)]))
      : value;
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment: `The "models" section of openclaw.json as OpenClaw ${version} validates it (\`openclaw config schema\`), read by scripts/extract-config-schema.mjs; data, not code.`,
  ...structure(models),
};
const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'server/src/openclaw/data', `config-models-schema-${version}.json`);
fs.writeFileSync(out, JSON.stringify(schema, null, 1) + '\n');
console.log(`wrote ${out}`);
