import { isRecord } from './authStore.js';
import type { AuthStore, Credential } from '../credential.js';
import { readTextFile } from '../fileRead.js';
import { issue, type SourceIssue } from '../issues.js';
import { normalizeProviderId } from '../providerIds.js';

/**
 * Files OpenClaw imports when an agent has no usable `auth-profiles.json`: the agent's old
 * `auth.json` (`{ provider: credential }`) and the state's `credentials/oauth.json`. OpenClaw
 * migrates them on the next run (and deletes `auth.json`); we only read them, and say so.
 */
export function legacyProfiles(legacyAuthFile: string, oauthFile: string, issues: SourceIssue[]): AuthStore['profiles'] {
  const profiles: AuthStore['profiles'] = {};
  const legacy = readJson(legacyAuthFile);
  if (isRecord(legacy) && !('profiles' in legacy)) {
    for (const [provider, value] of Object.entries(legacy)) {
      if (!isRecord(value)) continue;
      const type = value.type === 'apiKey' ? 'api_key' : value.type ?? value.mode;
      // OpenClaw requires an explicit provider here too: the key alone does not make one.
      const credProvider = typeof value.provider === 'string' ? normalizeProviderId(value.provider) : '';
      if ((type !== 'api_key' && type !== 'token' && type !== 'oauth') || !credProvider) continue;
      profiles[`${provider}:default`] = { ...value, type, provider: credProvider } as Credential;
    }
    if (Object.keys(profiles).length > 0) {
      issues.push(issue('store/legacy-auth-json', 'warning', legacyAuthFile, 'OpenClaw reads this legacy auth.json because the agent has no auth-profiles.json, and migrates it into auth-profiles.json on its next run.'));
    }
  }
  const oauth = readJson(oauthFile);
  if (isRecord(oauth)) {
    let added = 0;
    for (const [provider, creds] of Object.entries(oauth)) {
      const id = `${provider}:default`;
      if (!isRecord(creds) || profiles[id]) continue;
      profiles[id] = { type: 'oauth', provider, ...creds } as Credential;
      added++;
    }
    if (added > 0) issues.push(issue('store/legacy-oauth-json', 'warning', oauthFile, 'OpenClaw imports OAuth credentials from this legacy file into agents that have no auth-profiles.json.'));
  }
  return profiles;
}

function readJson(file: string): unknown {
  const read = readTextFile(file, { maxBytes: 16 * 1024 * 1024 });
  if (read.kind !== 'ok') return undefined;
  try {
    return JSON.parse(read.text);
  } catch {
    return undefined;
  }
}
