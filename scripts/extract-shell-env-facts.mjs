#!/usr/bin/env node
// Extracts the facts of OpenClaw's login-shell env import (env.shellEnv / OPENCLAW_LOAD_SHELL_ENV)
// from an installed OpenClaw CLI: the keys it may import ("expected keys", in its own order) and the
// inherited variables it strips before starting the shell. Writes them as data:
// server/src/openclaw/data/shell-env-<version>.json.
// Run with Node 24: node scripts/extract-shell-env-facts.mjs .cache/peers/openclaw-2026.6.1 2026.6.1
// The data is committed; this script documents where it came from and refreshes it for a new release.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importBundledFunction, peerDist } from './peer-bundle.mjs';

const [, , peerDir, version, outDir = 'server/src/openclaw/data'] = process.argv;
if (!peerDir || !version) {
  console.error('usage: extract-shell-env-facts.mjs PEER_DIR VERSION [OUT_DIR]');
  process.exit(2);
}
const bundle = peerDist(peerDir);
const { dist, files } = bundle;
const textOf = (f) => fs.readFileSync(path.join(dist, f), 'utf8');

// An empty home and env: the key list must not depend on the machine it is extracted on.
process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-shellenv-'));
for (const k of Object.keys(process.env)) if (k.startsWith('OPENCLAW_')) delete process.env[k];

const load = (name) => importBundledFunction(bundle, name);

/** The first array literal assigned to `const NAME = [...]` in the bundle (older releases keep the list inline). */
function arrayLiteral(name) {
  for (const f of files) {
    const m = new RegExp(`const ${name} = (\\[[^\\]]*\\])`).exec(textOf(f));
    if (m) return JSON.parse(m[1].replace(/,\s*\]/, ']'));
  }
  return undefined;
}

/** The host env security policy object (`var host_env_security_policy_default = {...}`), read as JSON. */
function securityPolicy() {
  for (const f of files) {
    const m = /var host_env_security_policy_default = (\{[\s\S]*?\n\});/.exec(textOf(f));
    if (m) return JSON.parse(m[1].replace(/,(\s*[\]}])/g, '$1').replace(/(\w+):/g, '"$1":'));
  }
  return undefined;
}

const resolveExpected = await load('resolveShellEnvExpectedKeys');
const expectedKeys = resolveExpected ? resolveExpected(process.env) : arrayLiteral('SHELL_ENV_EXPECTED_KEYS');
if (!Array.isArray(expectedKeys) || expectedKeys.length === 0) throw new Error('no expected keys found');
const policy = securityPolicy();
const upper = (xs) => [...new Set((xs ?? []).map((x) => x.toUpperCase()))].sort();
const blocked = policy
  ? {
      // As OpenClaw derives them: blocked everywhere, plus override-only keys not allowed to be inherited.
      blockedInheritedKeys: upper([
        ...(policy.blockedEverywhereKeys ?? policy.blockedKeys ?? []),
        ...(policy.blockedOverrideOnlyKeys ?? []).filter((k) => !(policy.allowedInheritedOverrideOnlyKeys ?? []).map((x) => x.toUpperCase()).includes(k.toUpperCase())),
      ]),
      blockedInheritedPrefixes: upper(policy.blockedInheritedPrefixes ?? policy.blockedPrefixes),
    }
  : undefined;

// 2026.3 passes only portable names (letters, digits, underscore) of its own env to the shell.
const portableOnly = files.some((f) => /function sanitizeHostExecEnv\(params\) \{[\s\S]{0,300}?listNormalizedPortableEnvEntries\(baseEnv\)/.test(textOf(f)));

const data = {
  openclawVersion: version,
  note: 'Facts read from the OpenClaw CLI by scripts/extract-shell-env-facts.mjs; data, not code.',
  // 2026.6: import each missing key; 2026.3: import nothing as soon as one expected key has a value.
  importsOnlyWhenAllMissing: !resolveExpected,
  expectedKeys,
  inheritsPortableKeysOnly: portableOnly,
  ...(blocked ?? {}),
};
const out = path.join(outDir, `shell-env-${version}.json`);
fs.writeFileSync(out, JSON.stringify(data, null, 1) + '\n');
console.log(`${out}: ${expectedKeys.length} expected keys, ${blocked?.blockedInheritedKeys.length ?? 0} blocked keys`);
