import fs from 'node:fs';
import path from 'node:path';
import type { CompatVersion } from '../resolve/statusRules.js';
import { compareVersions, FIRST_SQLITE_VERSION, type StoreLayout } from './layout.js';

/** Which release's `StatusRules` a load follows, and why, in words for the user. */
export interface RuleSetChoice {
  version: CompatVersion;
  /** What decided it: the `--compat` option, the store files, `meta.lastTouchedVersion`, the `openclaw` on PATH, or nothing (the reference). */
  basis: 'compat-option' | 'store-files' | 'config' | 'openclaw-on-path' | 'reference';
  reason: string;
}

/** The rule set of an OpenClaw release: ≤ 2026.5 as 2026.3.13, 2026.6.0–2026.6.4 as 2026.6.1, SQLite releases as 2026.9.6. */
export function rulesOfRelease(release: string): CompatVersion {
  if (compareVersions(release, '2026.6.0') < 0) return '2026.3';
  if (compareVersions(release, FIRST_SQLITE_VERSION) < 0) return '2026.6';
  return '2026.9';
}

/** `openclaw --version` prints e.g. "OpenClaw 2026.9.6 (eb377ac)". */
export function parseOpenClawVersion(output: string): string | undefined {
  return /\b(\d{4}\.\d{1,2}\.\d{1,3})\b/.exec(output)?.[1];
}

export interface DetectRulesInput {
  compat?: CompatVersion;
  layout: StoreLayout;
  /** Agent folders to look in for archives `openclaw doctor --fix` leaves (`auth-profiles.json.migrated-…`). */
  agentDirs: readonly string[];
  /** The version of the `openclaw` on PATH; asked only when the home itself says nothing. */
  openclawOnPath?: () => string | undefined;
}

/**
 * The rule set a home needs. In order: `--compat`; SQLite files (only 2026.6.5+ writes them);
 * `meta.lastTouchedVersion`; archives of an import by a SQLite release's doctor; the `openclaw` on
 * PATH; else the reference, 2026.6.1.
 */
export function detectRuleSet(input: DetectRulesInput): RuleSetChoice {
  if (input.compat) return { version: input.compat, basis: 'compat-option', reason: `--compat ${input.compat}` };
  const { layout } = input;
  if (layout.kind === 'sqlite' && layout.basis === 'files') return { version: '2026.9', basis: 'store-files', reason: layout.reason };
  if (layout.lastTouchedVersion) {
    const version = rulesOfRelease(layout.lastTouchedVersion);
    return { version, basis: 'config', reason: `openclaw.json was last written by OpenClaw ${layout.lastTouchedVersion}` };
  }
  const archive = input.agentDirs.map(migratedArchive).find((f) => f !== undefined);
  if (archive) return { version: '2026.9', basis: 'store-files', reason: `${archive} was left by an import into SQLite (openclaw doctor --fix)` };
  const onPath = input.openclawOnPath?.();
  if (onPath) return { version: rulesOfRelease(onPath), basis: 'openclaw-on-path', reason: `the openclaw on PATH is ${onPath}` };
  return { version: '2026.6', basis: 'reference', reason: 'nothing in this home names an OpenClaw release; the reference rules (2026.6.1) apply' };
}

function migratedArchive(agentDir: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(agentDir);
  } catch {
    return undefined;
  }
  const found = names.find((n) => n.startsWith('auth-profiles.json.migrated-'));
  return found ? path.join(agentDir, found) : undefined;
}
