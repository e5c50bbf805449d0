#!/usr/bin/env node
// Extracts the provider facts the engine needs (which env vars serve which provider, provider
// aliases, CLI-backed providers, non-secret key markers) from an installed OpenClaw CLI by asking
// its own functions, and writes them as data: server/src/openclaw/data/provider-catalog-<version>.json.
// Run with Node 24: node scripts/extract-provider-catalog.mjs .cache/peers/openclaw-2026.6.1 2026.6.1
// The data is committed; this script documents where it came from and refreshes it for a new release.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSON5 from 'json5';
import { importBundledFunction, peerDist } from './peer-bundle.mjs';

const [, , peerDir, version] = process.argv;
if (!peerDir || !version) {
  console.error('usage: extract-provider-catalog.mjs PEER_DIR VERSION');
  process.exit(2);
}
const bundle = peerDist(peerDir);
const { dist, files } = bundle;

/** The bundled function `name`; the extraction cannot go on without it. */
async function load(name) {
  const fn = await importBundledFunction(bundle, name);
  if (!fn) throw new Error(`function ${name} not found in ${dist}`);
  return fn;
}

// An empty home and env: the catalog must not depend on the machine it is extracted on.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-catalog-'));
process.env.HOME = home;
for (const k of Object.keys(process.env)) if (k.startsWith('OPENCLAW_')) delete process.env[k];

/** Older releases (2026.3.x) keep the env table as a plain literal instead of plugin manifests. */
function literalTable(constName) {
  for (const f of files) {
    const text = fs.readFileSync(path.join(dist, f), 'utf8');
    const start = text.indexOf(`const ${constName} = {`);
    if (start === -1) continue;
    const open = text.indexOf('{', start);
    const end = text.indexOf('\n};', open);
    return JSON5.parse(text.slice(open, end + 2));
  }
  return undefined;
}

/** The ids in a bundled `const NAME = new Set([...])` literal, or undefined when no module has it. */
function literalSet(constName) {
  for (const f of files) {
    const text = fs.readFileSync(path.join(dist, f), 'utf8');
    // 2026.9's bundler marks the call: `new Set(/* @__PURE__ */ [` or `/* @__PURE__ */ new Set([`.
    const found = new RegExp(`const ${constName} = (?:/\\* @__PURE__ \\*/ )?new Set\\(`).exec(text);
    if (!found) continue;
    const open = text.indexOf('[', found.index);
    const end = text.indexOf(']', open);
    return JSON5.parse(text.slice(open, end + 1));
  }
  return undefined;
}

const legacyTable = literalTable('PROVIDER_ENV_API_KEY_CANDIDATES');
if (legacyTable) {
  const catalog = {
    openclawVersion: version,
    note: 'Facts read from the OpenClaw CLI by scripts/extract-provider-catalog.mjs; data, not code.',
    envCandidates: Object.fromEntries(Object.entries(legacyTable).sort(([a], [b]) => a.localeCompare(b))),
    envLookupAliases: {},
    authEvidenceProviders: ['google-vertex'],
    authAliases: {},
    cliProviders: ['claude-cli', 'codex-cli'],
    nonSecretMarkers: ['custom-local', 'ollama-local', 'secretref-managed'],
    cooldownBypassProviders: ['openrouter'],
  };
  writeCatalog(catalog);
  process.exit(0);
}

function writeCatalog(catalog) {
  const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'server/src/openclaw/data', `provider-catalog-${version}.json`);
  fs.writeFileSync(out, JSON.stringify(catalog, null, 1) + '\n');
  fs.rmSync(home, { recursive: true, force: true });
  console.log(`wrote ${out}: ${Object.keys(catalog.envCandidates).length} env providers, ${Object.keys(catalog.authAliases).length} auth aliases, ${catalog.cliProviders.length} CLI providers`);
}

const lookupMaps = await load('resolveProviderAuthLookupMaps');
const authAlias = await load('resolveProviderIdForAuth');
const isCliProvider = await load('isCliProvider');

const maps = lookupMaps({ config: {}, env: {} });
const manifests = fs.readdirSync(path.join(dist, 'extensions'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(dist, 'extensions', d.name, 'openclaw.plugin.json'))
  .filter((p) => fs.existsSync(p))
  .map((p) => JSON.parse(fs.readFileSync(p, 'utf8')));
const manifestProviders = manifests.flatMap((m) => [...(m.providers ?? []), ...Object.keys(m.providerAuthAliases ?? {}), ...(m.cliBackends ?? [])]);
const nonSecretMarkers = (await importBundledFunction(bundle, 'listKnownNonSecretApiKeyMarkers')) ?? (await markersByPredicate());

/**
 * 2026.9 no longer exports the marker list, only the predicate: ask it about every marker the
 * bundle and its plugin manifests name (the exported *_MARKER constants and `nonSecretAuthMarkers`).
 */
async function markersByPredicate() {
  const isMarker = await load('isNonSecretApiKeyMarker');
  const named = new Set();
  for (const f of files) {
    const text = fs.readFileSync(path.join(dist, f), 'utf8');
    for (const m of text.matchAll(/const [A-Z_]+_(?:AUTH_)?MARKER = "([^"]+)"/g)) named.add(m[1]);
  }
  for (const m of manifests) for (const marker of m.nonSecretAuthMarkers ?? []) named.add(marker);
  return () => [...named].filter((marker) => isMarker(marker)).sort();
}

const known = [...new Set([
  ...Object.keys(maps.envCandidateMap), ...Object.keys(maps.aliasMap), ...Object.values(maps.aliasMap),
  ...manifestProviders.filter((p) => typeof p === 'string'),
  'openai-codex', 'codex', 'claude-cli', 'codex-cli', 'gemini-cli', 'google-gemini-cli',
].map((p) => p.trim().toLowerCase()).filter(Boolean))].sort();

const authAliases = {};
const cliProviders = [];
for (const p of known) {
  const target = authAlias(p, { config: {} });
  if (target && target !== p) authAliases[p] = target;
  if (isCliProvider(p, {})) cliProviders.push(p);
}

const catalog = {
  openclawVersion: version,
  note: 'Facts read from the OpenClaw CLI by scripts/extract-provider-catalog.mjs; data, not code.',
  envCandidates: Object.fromEntries(Object.entries(maps.envCandidateMap).sort(([a], [b]) => a.localeCompare(b))),
  envLookupAliases: maps.aliasMap,
  authEvidenceProviders: Object.keys(maps.authEvidenceMap).sort(),
  authAliases,
  cliProviders,
  nonSecretMarkers: nonSecretMarkers(),
  cooldownBypassProviders: ['openrouter', 'kilocode'],
  // models.providers entries for these may leave out baseUrl and models (overlays on a bundled
  // provider); any other id must declare both or the config is refused.
  modelProviderOverlayIds: literalSet('BUILT_IN_MODEL_PROVIDER_OVERLAY_IDS'),
  // 2026.9: the models of plugins that start with the CLI (activation.onStartup), per provider, from
  // their manifests' static catalogue. `models status` can judge such a model's auth; any other
  // model without a stored profile gets "could not be confirmed" (see resolve/statusRules.ts).
  ...(manifests.some((m) => m.activation) ? { startupModels: startupModels() } : {}),
  // 2026.9: the utility model `models status` also counts as in use, per provider of the agent's
  // primary model, from the manifests' `defaultUtilityModel` (see resolve/statusRules.ts).
  ...(manifests.some((m) => m.activation) ? { defaultUtilityModels: defaultUtilityModels() } : {}),
};

function defaultUtilityModels() {
  const out = {};
  for (const m of manifests) {
    for (const [provider, entry] of Object.entries(m.modelCatalog?.providers ?? {})) {
      const model = typeof entry.defaultUtilityModel === 'string' ? entry.defaultUtilityModel.trim() : '';
      if (model && !(provider in out)) out[provider] = model;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function startupModels() {
  const out = {};
  for (const m of manifests.filter((x) => x.activation?.onStartup === true)) {
    for (const [provider, entry] of Object.entries(m.modelCatalog?.providers ?? {})) {
      if (!(m.providers ?? []).includes(provider)) continue;
      out[provider] = [...new Set((entry.models ?? []).map((model) => model.id))].sort();
    }
  }
  return out;
}
if (!catalog.modelProviderOverlayIds) throw new Error('BUILT_IN_MODEL_PROVIDER_OVERLAY_IDS not found');
writeCatalog(catalog);
process.exit(0);
