import type { EnvMode, EnvOrigin } from '../env/envSources.js';
import type { AgentAuthStatus } from './agentStatus.js';

/** Where the gateway service (systemd / launchd, no login session) reads variables from itself. */
const DAEMON_SOURCES: ReadonlySet<EnvOrigin> = new Set(['state-dotenv', 'gateway-env', 'config-env']);

/** A provider key the status resolves from this process's own environment only: a name, never a value. */
export interface GatewayBlindKey {
  variable: string;
  providers: string[];
}

/** What besides an agent's status decides it (an `OpenClawState` fits). */
export interface GatewayEnvView {
  mode: EnvMode;
  env: { loginShell: { enabled: boolean } };
}

/**
 * Keys a provider in use gets only from this process's environment (the editor's, or the shell
 * running the CLI): the gateway service does not have that environment, and no file it reads
 * (state `.env`, `gateway.env`, openclaw.json's `env`) sets them, nor will its login-shell import
 * (off). Empty in daemon mode, where the status already models the service. Sorted by variable.
 */
export function gatewayBlindKeysOf(view: GatewayEnvView, status: AgentAuthStatus): GatewayBlindKey[] {
  return gatewayBlindKeys({ ...view, agents: [{ status }] });
}

/** The same over several agents: each variable once, with every provider in use that it serves. */
export function gatewayBlindKeys(view: GatewayEnvView & { agents: readonly { status: AgentAuthStatus }[] }): GatewayBlindKey[] {
  if (view.mode !== 'shell' || view.env.loginShell.enabled) return [];
  const byVariable = new Map<string, Set<string>>();
  for (const { status } of view.agents) {
    const inUse = new Set(status.providersInUse);
    for (const overview of status.providers) {
      const env = overview.env;
      if (!inUse.has(overview.provider) || overview.effective.kind !== 'env' || env?.origin.origin !== 'process') continue;
      if ((env.origin.shadowed ?? []).some((s) => DAEMON_SOURCES.has(s.origin))) continue;
      const providers = byVariable.get(env.variable) ?? new Set<string>();
      providers.add(overview.provider);
      byVariable.set(env.variable, providers);
    }
  }
  return [...byVariable]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([variable, providers]) => ({ variable, providers: [...providers].sort() }));
}
