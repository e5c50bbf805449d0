import fs from 'node:fs';
import path from 'node:path';

/**
 * A home whose main agent has only the old `auth.json` (no auth-profiles.json), with every shape
 * OpenClaw 2026.6.1's migration treats differently: `mode` instead of `type`, `apiKey` for `key`,
 * fields it drops, entries it drops (no provider, unknown type), a `keyRef` beside a key, a token
 * `expires` that is not a number, and the state's `credentials/oauth.json` (one provider new, one
 * already in auth.json). Every secret holds `canary`.
 */
export function legacyAuthFiles(canary: string, expires: number): { authJson: Record<string, unknown>; oauthJson: Record<string, unknown> } {
  return {
    authJson: {
      anthropic: { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${canary}${'a'.repeat(80)}`, expires, email: 'me@example.com', note: 'dropped' },
      openai: { mode: 'apiKey', provider: 'OpenAI', apiKey: `sk-proj-${canary}${'b'.repeat(40)}` },
      google: { type: 'oauth', provider: 'google', access: `ya29.${canary}access`, refresh: `1//${canary}refresh`, expires, projectId: 'proj-1', scope: 'dropped' },
      mistral: { type: 'api_key', provider: 'mistral', key: `mk-${canary}${'c'.repeat(30)}`, keyRef: { source: 'env', provider: 'default', id: 'MISTRAL_API_KEY' } },
      groq: { type: 'token', provider: 'groq', token: `gsk_${canary}${'d'.repeat(30)}`, expires: 'soon' },
      orphan: { type: 'api_key', key: `sk-${canary}orphan` },
      odd: { type: 'password', provider: 'odd', key: `sk-${canary}odd` },
    },
    oauthJson: {
      'github-copilot': { access: `gho_${canary}copilot`, refresh: `ghr_${canary}`, expires },
      google: { access: `ya29.${canary}other`, refresh: 'r', expires },
    },
  };
}

/**
 * What OpenClaw 2026.6.1 writes as auth-profiles.json from those files (seen running its
 * `models status --json`, which migrates on load): written out by hand from that run, not computed.
 */
export function expectedMigratedStore(canary: string, expires: number): unknown {
  return {
    version: 1,
    profiles: {
      'anthropic:default': { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${canary}${'a'.repeat(80)}`, expires, email: 'me@example.com' },
      'openai:default': { type: 'api_key', provider: 'openai', key: `sk-proj-${canary}${'b'.repeat(40)}` },
      'google:default': { type: 'oauth', provider: 'google', access: `ya29.${canary}access`, refresh: `1//${canary}refresh`, expires, projectId: 'proj-1' },
      'mistral:default': { type: 'api_key', provider: 'mistral' },
      'groq:default': { type: 'token', provider: 'groq', token: `gsk_${canary}${'d'.repeat(30)}`, expires: 0 },
      'github-copilot:default': { type: 'oauth', provider: 'github-copilot', access: `gho_${canary}copilot`, refresh: `ghr_${canary}`, expires },
    },
  };
}

/** Writes the home: openclaw.json (an anthropic default model), the agent's auth.json (mode 0644) and oauth.json. */
export function writeLegacyAuthHome(home: string, canary: string, expires: number): { stateDir: string; agentDir: string; authJson: string } {
  const stateDir = path.join(home, '.openclaw');
  const agentDir = path.join(stateDir, 'agents', 'main', 'agent');
  fs.mkdirSync(agentDir, { recursive: true });
  fs.mkdirSync(path.join(stateDir, 'credentials'), { recursive: true });
  fs.writeFileSync(path.join(stateDir, 'openclaw.json'), JSON.stringify({ agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } }));
  const files = legacyAuthFiles(canary, expires);
  const authJson = path.join(agentDir, 'auth.json');
  fs.writeFileSync(authJson, `${JSON.stringify(files.authJson, null, 2)}\n`);
  fs.chmodSync(authJson, 0o644);
  fs.writeFileSync(path.join(stateDir, 'credentials', 'oauth.json'), JSON.stringify(files.oauthJson, null, 2), { mode: 0o600 });
  return { stateDir, agentDir, authJson };
}

/**
 * An agent's auth-profiles.json in the legacy flat shape, with what `openclaw doctor --fix` treats
 * differently: a type guessed from the fields, `provider` from the entry (not normalised) or the
 * trimmed key, dropped fields, a blank key and an OAuth entry without `expires` (both left out).
 */
export function legacyFlatStore(canary: string, expires: number): Record<string, unknown> {
  return {
    openrouter: { apiKey: `sk-or-${canary}${'x'.repeat(30)}`, email: 'me@example.com', note: 'dropped' },
    anthropic: { token: `sk-ant-oat01-${canary}${'y'.repeat(80)}`, expires },
    google: { access: `ya29.${canary}access`, refresh: `1//${canary}refresh`, expires, projectId: 'proj-1' },
    ' Mixed ': { type: 'api_key', provider: 'Mixed', key: `k-${canary}${'z'.repeat(20)}` },
    blank: { type: 'api_key', key: '   ' },
    halfoauth: { access: `a-${canary}`, refresh: `r-${canary}` },
  };
}

/** What OpenClaw 2026.6.1's `doctor --fix` writes over that file (seen in a live run; written out by hand). */
export function expectedFlatRewrite(canary: string, expires: number): unknown {
  return {
    version: 1,
    profiles: {
      'openrouter:default': { type: 'api_key', provider: 'openrouter', key: `sk-or-${canary}${'x'.repeat(30)}`, email: 'me@example.com' },
      'anthropic:default': { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${canary}${'y'.repeat(80)}`, expires },
      'google:default': { type: 'oauth', provider: 'google', access: `ya29.${canary}access`, refresh: `1//${canary}refresh`, expires, projectId: 'proj-1' },
      'Mixed:default': { type: 'api_key', provider: 'Mixed', key: `k-${canary}${'z'.repeat(20)}` },
    },
  };
}

/** Writes a home whose main agent's auth-profiles.json (mode 0644) is in the legacy flat shape. */
export function writeLegacyFlatHome(home: string, canary: string, expires: number): { stateDir: string; agentDir: string; store: string } {
  const stateDir = path.join(home, '.openclaw');
  const agentDir = path.join(stateDir, 'agents', 'main', 'agent');
  fs.mkdirSync(agentDir, { recursive: true });
  fs.writeFileSync(path.join(stateDir, 'openclaw.json'), JSON.stringify({ agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } }));
  const store = path.join(agentDir, 'auth-profiles.json');
  fs.writeFileSync(store, `${JSON.stringify(legacyFlatStore(canary, expires), null, 2)}\n`);
  fs.chmodSync(store, 0o644);
  return { stateDir, agentDir, store };
}
