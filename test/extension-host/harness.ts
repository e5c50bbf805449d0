import * as vscode from 'vscode';
import type { OpenClawAuthApi } from '../../client/src/extension';
import type { StatusSnapshot } from '../../server/src/protocol';

export const EXTENSION_ID = 'openclaw-auth.openclaw-auth';

/** Activates the extension under test and waits for its first snapshot. */
export async function activateExtension(): Promise<OpenClawAuthApi> {
  const extension = vscode.extensions.getExtension<OpenClawAuthApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const api = await extension.activate();
  await withTimeout(api.ready, 30_000, 'the first snapshot');
  return api;
}

/** Resolves with the first snapshot (current or coming) that satisfies `predicate`. */
export function waitForSnapshot(
  api: OpenClawAuthApi, predicate: (s: StatusSnapshot) => boolean, what: string, timeoutMs = 30_000,
): Promise<StatusSnapshot> {
  const current = api.snapshot();
  if (current && predicate(current)) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last snapshot: ${describe(api.snapshot())}`));
    }, timeoutMs);
    const subscription = api.onDidChangeSnapshot((snapshot) => {
      if (snapshot && predicate(snapshot)) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(snapshot);
      }
    });
  });
}

function describe(snapshot: StatusSnapshot | undefined): string {
  if (!snapshot) return 'none';
  const agents = snapshot.agents.map((a) => `${a.agentId}:${a.checkCode}`).join(',');
  return `stateDir=${snapshot.stateDir} selected=${snapshot.selectedAgentId} agents=${agents}`;
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sets (or with `undefined` removes) a global `openclawAuth.*` setting. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('openclawAuth').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Retries `check` until it passes (settings-change events may arrive just after `update` resolves). */
export async function eventually(check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
