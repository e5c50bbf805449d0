/**
 * The Credentials overview: a webview panel with every agent × provider and an expiry timeline,
 * live from the same snapshot notifications as the tree. The page gets ids, states and words only
 * (overviewModel.ts carries no label), runs under a strict CSP with a nonce, loads nothing remote,
 * and asks for actions by message; the extension checks each against the snapshot before acting.
 */
import * as vscode from 'vscode';
import type { StatusSnapshot } from '../../server/src/protocol';
import type { CandidateNode } from './profileTree';
import { findCredential, overviewModel, TIMELINE_MS, type OverviewModel } from './overviewModel';
import type { SnapshotStore } from './snapshotStore';
import { msUntilSpanChanges } from './statusModel';
import { agentWorstText, expiryText, homeConditionText, statusText } from './words';

export const OVERVIEW_COMMAND = 'openclawAuth.showOverview';
const VIEW_TYPE = 'openclawAuth.overview';

/** The commands a row's buttons run, with the credential as the tree would pass it. */
const ACTIONS: Record<string, string> = {
  open: 'openclawAuth.openInStore',
  copy: 'openclawAuth.copyProfileId',
  paste: 'openclawAuth.pasteToken',
  remove: 'openclawAuth.removeProfile',
};

export class OverviewPanel implements vscode.Disposable {
  private static current: OverviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private redrawTimer: NodeJS.Timeout | undefined;

  static show(extensionUri: vscode.Uri, store: SnapshotStore): OverviewPanel {
    if (OverviewPanel.current) {
      OverviewPanel.current.panel.reveal();
      return OverviewPanel.current;
    }
    // Built by scripts/overviewAssets.mjs from client/webview/: page.js, page.css, codicon.woff2.
    const assets = vscode.Uri.joinPath(extensionUri, 'dist', 'overview');
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Credentials Overview'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [assets],
    });
    OverviewPanel.current = new OverviewPanel(panel, store, assets);
    return OverviewPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly store: SnapshotStore,
    assets: vscode.Uri,
  ) {
    panel.webview.html = pageHtml(panel.webview, assets);
    this.disposables.push(
      store.onDidChange(() => this.render()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    if (OverviewPanel.current === this) OverviewPanel.current = undefined;
    clearTimeout(this.redrawTimer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  private render(): void {
    clearTimeout(this.redrawTimer);
    const snapshot = this.store.snapshot;
    const now = Date.now();
    void this.panel.webview.postMessage({ type: 'render', view: snapshot ? viewOf(snapshot, now) : undefined });
    // Redraw when a time-left word changes ("3h" → "2h"), as the tree does; never more than each 30 s.
    const delays = snapshot ? overviewModel(snapshot, now).marks.map((m) => msUntilSpanChanges(m.expiresAt, now) ?? Infinity) : [];
    const delay = Math.min(...delays);
    if (Number.isFinite(delay)) this.redrawTimer = setTimeout(() => this.render(), Math.min(Math.max(delay, 30_000), 86_400_000));
  }

  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const { type, key } = message as { type?: unknown; key?: unknown };
    if (type === 'ready') return this.render();
    if (type === 'refresh') return void vscode.commands.executeCommand('openclawAuth.refresh');
    const command = typeof type === 'string' ? ACTIONS[type] : undefined;
    const node = command ? candidateNode(this.store.snapshot, key) : undefined;
    if (command && node) await vscode.commands.executeCommand(command, node);
  }
}

function candidateNode(snapshot: StatusSnapshot | undefined, key: unknown): CandidateNode | undefined {
  const found = findCredential(snapshot, key);
  if (!snapshot || !found) return undefined;
  const agent = snapshot.agents[found.agentIndex]!;
  const provider = agent.providers[found.providerIndex]!;
  return { kind: 'candidate', agent, provider, candidate: provider.candidates[found.candidateIndex]!, sqliteStore: agent.store.kind === 'sqlite' };
}

/** What the page draws: the model plus every word already in the user's language. */
function viewOf(snapshot: StatusSnapshot, now: number) {
  const model: OverviewModel = overviewModel(snapshot, now);
  const when = (expiresAt: number | undefined) => (expiresAt === undefined ? '' : expiryText(expiresAt, now));
  return {
    condition: homeConditionText(snapshot) ?? '',
    warnBand: model.warnBand,
    // The shaded band marks the first day: no "1 d" tick to crowd "now".
    axis: [0, 7, 14, 21, 30].map((days) => ({ position: (days * 86_400_000) / TIMELINE_MS, text: days === 0 ? vscode.l10n.t('now') : vscode.l10n.t('{0} d', days) })),
    agents: model.agents.map((a) => ({
      agentId: a.agentId,
      level: a.worst.level,
      summary: [agentWorstText(a.worst), ...(a.selected ? [vscode.l10n.t('in the status bar')] : []), ...(a.isDefault ? [vscode.l10n.t('default')] : [])].join(' · '),
      providers: a.providers.map((p) => ({
        provider: p.provider,
        level: p.inUse ? p.level : 'quiet',
        state: [...(p.inUse ? [] : [vscode.l10n.t('not in use')]), statusText(p.status)].join(' · '),
        time: when(p.expiresAt),
        candidates: p.candidates.map((c) => ({
          key: { agentId: c.agentId, provider: c.provider, candidateId: c.candidateId },
          id: c.candidateId,
          level: c.use === 'used' || (p.inUse && c.level !== 'ok') ? c.level : 'quiet',
          state: statusText(c.status),
          time: when(c.expiresAt),
          use: c.use === 'used' ? vscode.l10n.t('used') : c.use === 'wouldBeUsed' ? vscode.l10n.t('first in line') : '',
          pasteable: c.pasteable,
          removable: c.kind === 'profile',
        })),
      })),
    })),
    marks: model.marks.map((m) => ({
      key: { agentId: m.agentId, provider: m.provider, candidateId: m.candidateId },
      position: m.position,
      place: m.place,
      level: m.inUse ? m.level : 'quiet',
      text: vscode.l10n.t('{0} (agent {1}): {2}', m.candidateId, m.agentId, when(m.expiresAt)),
    })),
    words: {
      title: vscode.l10n.t('Credentials Overview'),
      timeline: vscode.l10n.t('Expiry timeline, now to 30 days (shaded: the warning window)'),
      noExpiry: vscode.l10n.t('No token or OAuth login expires: API keys never do.'),
      agent: vscode.l10n.t('Agent'),
      provider: vscode.l10n.t('Provider'),
      state: vscode.l10n.t('State'),
      timeLeft: vscode.l10n.t('Time left'),
      credential: vscode.l10n.t('Credential'),
      actions: vscode.l10n.t('Actions'),
      open: vscode.l10n.t('Open in Store'),
      copy: vscode.l10n.t('Copy Profile ID'),
      paste: vscode.l10n.t('Paste Token'),
      remove: vscode.l10n.t('Remove Profile'),
      refresh: vscode.l10n.t('Refresh'),
      none: vscode.l10n.t('No credential'),
    },
  };
}

function pageHtml(webview: vscode.Webview, assets: vscode.Uri): string {
  const nonce = randomNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(assets, file)).toString();
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link nonce="${nonce}" rel="stylesheet" href="${uri('page.css')}">
<title>${escapeAttribute(vscode.l10n.t('Credentials Overview'))}</title>
</head>
<body>
<main id="overview" aria-live="polite"></main>
<script nonce="${nonce}" src="${uri('page.js')}"></script>
</body>
</html>`;
}

function randomNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[+/=]/g, '');
}

function escapeAttribute(text: string): string {
  return text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
