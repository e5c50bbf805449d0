import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A conformance case: a fake HOME as files, extra env and extra CLI args. Strings "$EXP(+2h)" become
 * a millisecond timestamp relative to now ("$EXPS(...)" seconds), the format of shared/openclaw/cases.
 */
export interface FakeHomeCase {
  description?: string;
  files?: Record<string, unknown>;
  env?: Record<string, string>;
  args?: string[];
}

const UNIT_MS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 };

export function substituteExpiries(text: string, now: number): string {
  return text.replace(/"\$(EXPS?)\(([+-]\d+)([smhd])\)"/g, (_all, kind: string, n: string, unit: string) => {
    const ms = now + Number(n) * (UNIT_MS[unit] ?? 0);
    return String(kind === 'EXPS' ? Math.floor(ms / 1000) : ms);
  });
}

/** Writes the case's files under `home` and returns its env (with $HOME expanded) and args. */
export function materializeCase(c: FakeHomeCase, home: string, now = Date.now()): { env: Record<string, string>; args: string[] } {
  fs.mkdirSync(home, { recursive: true });
  for (const [rel, body] of Object.entries(c.files ?? {})) {
    const file = path.join(home, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
    fs.writeFileSync(file, substituteExpiries(text, now));
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.env ?? {})) env[k] = v.replaceAll('$HOME', home);
  return { env, args: c.args ?? [] };
}

export function tempHome(prefix = 'oc-home-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
