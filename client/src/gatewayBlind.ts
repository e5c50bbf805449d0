/**
 * "The gateway service will not see this key": the engine's finding (the snapshot's
 * `gatewayBlindKeys`, `gatewayBlindKey` per provider) in the user's language, for the tree rows and
 * the status-bar tooltip. Names only: the value never reaches the client.
 */
import * as vscode from 'vscode';
import type { CandidateSnapshot, ProviderSnapshot } from '../../server/src/protocol';

/** `contextValue` suffix of the rows that offer Add to the State .env (package.json menus). */
export const GATEWAY_BLIND_CONTEXT = '.gatewayBlind';

/** The variable a provider row, or its env-key row from the process environment, stands for. */
export function gatewayBlindVariable(provider: ProviderSnapshot, candidate?: CandidateSnapshot): string | undefined {
  const variable = provider.gatewayBlindKey;
  if (!variable || !candidate) return variable;
  return candidate.kind === 'env' && candidate.id === variable && !candidate.file ? variable : undefined;
}

/** The short marker leading the row's description. */
export function gatewayBlindMarker(): string {
  return `⚠ ${vscode.l10n.t('the gateway service will not see it')}`;
}

/** The tooltip line: what is wrong and the three ways to mend it. */
export function gatewayBlindAdvice(variable: string, envFile: string | undefined): string {
  return vscode.l10n.t(
    'The gateway service will not see {0}: only the environment VS Code was started from sets it. Add it to {1} (Add to the State .env), to the env block of openclaw.json, or enable env.shellEnv.',
    variable, envFile ?? '~/.openclaw/.env',
  );
}
