import * as vscode from 'vscode';
import type { ProfileTreeNode } from './profileTree';

/**
 * Copy `/model` pin: the chat command that pins a profile for the model in use,
 * `/model <provider>/<model>@<profileId>`. The model is the agent's first one on that provider.
 */
export function modelPin(model: string, profileId: string): string {
  return `/model ${model}@${profileId}`;
}

export async function copyModelPin(arg?: unknown): Promise<string | undefined> {
  const node = arg as ProfileTreeNode | undefined;
  if (node?.kind !== 'candidate' || node.candidate.kind !== 'profile') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a profile in the OpenClaw credentials tree to copy its /model pin.'));
    return undefined;
  }
  const model = node.provider.models?.[0];
  if (!model) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No model of agent {0} runs on {1}, so there is no model to pin {2} to.', node.agent.agentId, node.provider.provider, node.candidate.id));
    return undefined;
  }
  const pin = modelPin(model, node.candidate.id);
  await vscode.env.clipboard.writeText(pin);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', pin), 3000);
  return pin;
}
