import type { EnvOrigin } from '../openclaw/env/envSources.js';
import type { OpenClawState } from '../openclaw/state.js';

/** Where the gateway service (systemd / launchd, no login session) reads variables from itself. */
const DAEMON_SOURCES: ReadonlySet<EnvOrigin> = new Set(['state-dotenv', 'gateway-env', 'config-env']);

/** A provider key the status resolves from the editor's own environment only. */
export interface GatewayBlindKey {
  variable: string;
  providers: string[];
}

/**
 * Keys a provider in use gets only from this editor's process environment: the gateway service
 * does not have that environment, and no file it reads (state `.env`, `gateway.env`, openclaw.json's
 * `env`) sets them, nor will its login-shell import (off). Empty in daemon mode, where the status
 * already models the service.
 */
export function gatewayBlindKeys(state: OpenClawState): GatewayBlindKey[] {
  if (state.mode !== 'shell' || state.env.loginShell.enabled) return [];
  const byVariable = new Map<string, Set<string>>();
  for (const agent of state.agents) {
    const inUse = new Set(agent.status.providersInUse);
    for (const overview of agent.status.providers) {
      const env = overview.env;
      if (!inUse.has(overview.provider) || overview.effective.kind !== 'env' || env?.origin.origin !== 'process') continue;
      if ((env.origin.shadowed ?? []).some((s) => DAEMON_SOURCES.has(s.origin))) continue;
      const providers = byVariable.get(env.variable) ?? new Set<string>();
      providers.add(overview.provider);
      byVariable.set(env.variable, providers);
    }
  }
  return [...byVariable].map(([variable, providers]) => ({ variable, providers: [...providers].sort() }));
}
