import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnoseDocument } from '../../server/src/diagnostics/documentDiagnostics.ts';
import { profileHover } from '../../server/src/features/profileHover.ts';
import { nestsDeeperThan, MAX_WALKED_DEPTH } from '../../server/src/openclaw/jsonDepth.ts';
import { formatStatusReport } from '../../server/src/openclaw/output/report.ts';
import { statusJson } from '../../server/src/openclaw/output/statusJson.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { parseStoreText } from '../../server/src/openclaw/stores/storeSource.ts';
import { buildStatusSnapshot } from '../../server/src/statusSnapshot.ts';
import { generateHome } from '../differential/generate.ts';
import { Random } from '../differential/random.ts';
import { materializeCase } from '../support/fakeHome.ts';
import { withTempDir } from '../support/tree.ts';

/**
 * Issue 13: the status path (engine, report, --json, the editor's snapshot, diagnostics and hover)
 * on generated homes with one file made hostile: deep nesting, thousands of keys, JavaScript's
 * reserved names as keys, huge numbers, invalid UTF-8. Seeded, so any failure replays from its seed.
 * Nothing may throw, and no profile may appear that no store file holds.
 */
const NOW = 1_790_000_000_000;
// FUZZ_SEEDS=1000 for a longer run by hand; the unit suite runs 120 (about 10 s).
const SEEDS = Number(process.env.FUZZ_SEEDS ?? 120);
const RESERVED = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const HUGE = ['1e308', '-1e308', '1e400', '-1e400', '9007199254740993', '-0', '5e-324', '123456789012345678901234567890'];

type Mutation = 'depth' | 'width' | 'reserved' | 'huge-number' | 'invalid-utf8';
const MUTATIONS: readonly Mutation[] = ['depth', 'width', 'reserved', 'huge-number', 'invalid-utf8'];

/** The JSON text of `value` with `fragment` (raw JSON text) in place of one of its values, chosen by `r`. */
function replaceAValue(r: Random, value: unknown, fragment: () => string): string {
  const marker = `"@@FUZZ${r.int(0, 1e9)}@@"`;
  const holders: Record<string, unknown>[] = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    if (!Array.isArray(v)) holders.push(v as Record<string, unknown>);
    for (const child of Object.values(v)) walk(child);
  };
  walk(value);
  const holder = holders.length > 0 ? r.pick(holders) : undefined;
  if (!holder) return fragment();
  const keys = Object.keys(holder);
  holder[keys.length > 0 && r.chance(0.7) ? r.pick(keys) : `fuzz${r.int(0, 99)}`] = JSON.parse(marker);
  return JSON.stringify(value, null, r.chance(0.5) ? 2 : 0).replace(marker, fragment());
}

function deepValue(r: Random): string {
  const depth = r.int(1_000, 12_000);
  return r.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + (r.chance(0.5) ? '1' : '"x"') + '}'.repeat(depth);
}

function wideValue(r: Random): string {
  const n = r.int(2_000, 6_000);
  const entries: string[] = [];
  const provider = r.pick(['openai', 'anthropic', 'mistral', 'weird']);
  for (let i = 0; i < n; i++) {
    const kind = r.int(0, 3);
    const id = `${provider}:w${i}`;
    if (kind === 0) entries.push(`"${id}":{"type":"api_key","provider":"${provider}","key":"sk-w${i}-${'x'.repeat(20)}"}`);
    else if (kind === 1) entries.push(`"${provider}${i}":["${id}"]`);
    else if (kind === 2) entries.push(`"${id}":{"lastUsed":${i},"cooldownUntil":${NOW + i}}`);
    else entries.push(`"k${i}":${i}`);
  }
  return `{${entries.join(',')}}`;
}

function reservedValue(r: Random): string {
  const key = r.pick(RESERVED);
  const inner = r.pick([
    `{"type":"api_key","provider":"${r.pick(['openai', key])}","key":"sk-reserved-${'r'.repeat(30)}"}`,
    `["openai:a","${key}"]`,
    `"${key}"`,
    `{"lastUsed":1,"cooldownUntil":${NOW + 3_600_000},"disabledUntil":${NOW + 7_200_000}}`,
    `{"provider":"openai","mode":"api_key"}`,
  ]);
  return `{"${key}":${inner},"openai:a":{"type":"api_key","provider":"openai","key":"sk-ok-${'o'.repeat(30)}"}}`;
}

/** One file of the generated home, made hostile; `undefined` when the home has no such file. */
function mutate(r: Random, files: Record<string, unknown>, mutation: Mutation): { rel: string; body: string | Buffer } | undefined {
  const candidates = Object.keys(files).filter((f) => f.endsWith('.json') || (mutation === 'invalid-utf8' && f.endsWith('.env')));
  if (candidates.length === 0) return undefined;
  const rel = r.pick(candidates);
  const original = files[rel];
  const value = typeof original === 'string' ? safeParse(original) : structuredClone(original);
  switch (mutation) {
    case 'depth':
      return { rel, body: replaceAValue(r, value, () => deepValue(r)) };
    case 'width':
      return { rel, body: replaceAValue(r, value, () => wideValue(r)) };
    case 'reserved':
      return { rel, body: replaceAValue(r, value, () => reservedValue(r)) };
    case 'huge-number':
      return { rel, body: replaceAValue(r, value, () => r.pick(HUGE)) };
    case 'invalid-utf8': {
      const text = typeof original === 'string' ? original : JSON.stringify(original, null, 2);
      const bytes = Buffer.from(text, 'utf8');
      // Lone continuation bytes, a truncated sequence, an overlong form, bytes never valid in UTF-8.
      const bad = Buffer.from(r.pick([[0x80], [0xc3, 0x28], [0xe2, 0x82], [0xc0, 0xaf], [0xff, 0xfe], [0xf8, 0x88, 0x80, 0x80, 0x80]]));
      // Inside a string when there is one (a quote), else anywhere.
      const quote = bytes.indexOf(0x22, r.int(0, Math.max(0, bytes.length - 1)));
      const at = quote >= 0 ? quote + 1 : r.int(0, bytes.length);
      return { rel, body: Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]) };
    }
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** Every profile id some store file of the home holds as its own key (what a real profile can be named). */
function storedProfileIds(home: string): Set<string> {
  const ids = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name === 'auth-profiles.json' || entry.name === 'auth.json' || entry.name === 'oauth.json') {
        const raw = safeParse(fs.readFileSync(full, 'utf8')) as Record<string, unknown> | null;
        const holders = [raw, raw && typeof raw.profiles === 'object' ? raw.profiles : undefined];
        for (const h of holders) if (h && typeof h === 'object') for (const k of Object.keys(h)) ids.add(k).add(`${k}:default`);
      }
    }
  };
  visit(home);
  return ids;
}

/** Runs everything the CLI and the editor run on the home, checking the invariants. */
function exercise(home: string, env: Record<string, string>, mutated: string): void {
  for (const mode of ['shell', 'daemon'] as const) {
    const state = loadOpenClawState({ env: { HOME: home, TZ: 'UTC', ...env }, mode, cwd: home, now: NOW, otherAgentsAsExplicit: true });
    const snapshot = buildStatusSnapshot(state);
    JSON.stringify(snapshot);
    const stored = storedProfileIds(home);
    for (const agent of state.agents) {
      JSON.stringify(statusJson(state, agent, false));
      formatStatusReport(state, agent);
      for (const p of agent.status.providers) {
        assert.ok(p.provider.length > 0, 'a provider without a name');
        for (const id of p.profileIds) assert.ok(stored.has(id), `phantom profile "${id}" for ${agent.agentId}/${p.provider}`);
      }
    }
    for (const agent of snapshot.agents) {
      for (const p of agent.providers) {
        for (const c of p.candidates) if (c.kind === 'profile') assert.ok(stored.has(c.id), `phantom profile "${c.id}" in the snapshot`);
      }
    }
    // The editor: the mutated file's diagnostics, and hovers over it.
    if (mode === 'shell') {
      const file = path.join(home, mutated);
      const text = fs.readFileSync(file, 'utf8');
      const doc = TextDocument.create(`file://${file}`, 'json', 1, text);
      diagnoseDocument(doc, file, { workspaceFolders: [home], state });
      for (const offset of [0, text.length >> 2, text.length >> 1, text.length - 1]) profileHover(doc, file, doc.positionAt(Math.max(0, offset)), snapshot);
      if (path.basename(file) === 'auth-profiles.json') sameRangesAsJsonc(text, file);
    }
  }
}

/** Our located findings agree with jsonc-parser's own lookup wherever it can walk the text. */
function sameRangesAsJsonc(text: string, file: string): void {
  if (nestsDeeperThan(text, MAX_WALKED_DEPTH)) return;
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  if (!root) return;
  for (const i of parseStoreText(text, file).issues) {
    if (!i.path || i.code.endsWith('/invalid-json')) continue;
    const node = findNodeAtLocation(root, i.path);
    const target = node?.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node;
    assert.deepEqual([i.offset, i.length], target ? [target.offset, target.length] : [0, 0], `${i.code} at ${i.path.join('.')}`);
  }
}

describe('status path fuzz: generated homes with one hostile file (seeded)', () => {
  for (const mutation of MUTATIONS) {
    it(`${mutation}: ${Math.ceil(SEEDS / MUTATIONS.length)} homes, nothing throws, no phantom profiles`, () => {
      for (let n = 0; n < SEEDS / MUTATIONS.length; n++) {
        const seed = 13_000 + MUTATIONS.indexOf(mutation) * 1000 + n;
        const r = new Random(seed);
        const generated = generateHome(seed);
        const change = mutate(r, generated.files ?? {}, mutation);
        if (!change) continue;
        withTempDir((home) => {
          const { env } = materializeCase(generated, home, NOW);
          fs.mkdirSync(path.dirname(path.join(home, change.rel)), { recursive: true });
          fs.writeFileSync(path.join(home, change.rel), change.body);
          try {
            exercise(home, env, change.rel);
          } catch (error) {
            throw new Error(`seed ${seed} (${mutation} in ${change.rel}): ${(error as Error).stack}`, { cause: error });
          }
        }, 'oc-fuzz-');
      }
    });
  }
});
