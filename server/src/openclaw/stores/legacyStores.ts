import type { AuthStore } from '../credential.js';
import { readTextFile } from '../fileRead.js';
import { issue, words, type SourceIssue } from '../issues.js';
import { migrateLegacyAuth } from './legacyAuthMigration.js';

/**
 * Files OpenClaw imports when an agent has no usable `auth-profiles.json`: the agent's old
 * `auth.json` (`{ provider: credential }`) and the state's `credentials/oauth.json`. OpenClaw
 * migrates them on the next run (and deletes `auth.json`); we only read them, and say so.
 */
export function legacyProfiles(legacyAuthFile: string, oauthFile: string, issues: SourceIssue[]): AuthStore['profiles'] {
  // Exactly what OpenClaw's migration would write (legacyAuthMigration.ts), so the quick fix that
  // does it now changes nothing the status shows.
  const migration = migrateLegacyAuth(readJson(legacyAuthFile), readJson(oauthFile));
  if (migration.fromAuthJson > 0) {
    issues.push(issue('store/legacy-auth-json', 'warning', legacyAuthFile, words('OpenClaw reads this legacy auth.json because the agent has no auth-profiles.json, and migrates it into auth-profiles.json on its next run.')));
  }
  if (migration.fromOAuthJson > 0) issues.push(issue('store/legacy-oauth-json', 'warning', oauthFile, words('OpenClaw imports OAuth credentials from this legacy file into agents that have no auth-profiles.json.')));
  return migration.profiles as unknown as AuthStore['profiles'];
}

/** A legacy file's JSON as OpenClaw loads it: missing, unreadable or invalid all count as absent. */
export function readJson(file: string): unknown {
  const read = readTextFile(file, { maxBytes: 16 * 1024 * 1024 });
  if (read.kind !== 'ok') return undefined;
  try {
    return JSON.parse(read.text);
  } catch {
    return undefined;
  }
}
