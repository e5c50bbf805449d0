import * as vscode from 'vscode';
import type { StatusSnapshot } from '../../server/src/protocol';
import { readSettings } from './config';
import { gatewayBlindAdvice } from './gatewayBlind';
import type { SnapshotStore } from './snapshotStore';
import {
  attentionSubject, msUntilSpanChanges, selectedAgent, statusBarModel, type Level, type ProviderLine, type StatusBarModel,
} from './statusModel';
import { expiryText, homeConditionText, statusText, timeLeftText } from './words';

export const STATUS_ITEM_ID = 'openclawAuth.status';
/** The command VS Code registers for the tree view: clicking the item reveals the profiles. */
export const FOCUS_TREE_COMMAND = 'openclawAuth.profiles.focus';

const CODICON: Record<Level, string> = { ok: '$(check)', warning: '$(warning)', error: '$(error)' };
/** VS Code allows only these two backgrounds on a status-bar item; ok gets none. */
const BACKGROUND: Record<Level, string | undefined> = {
  ok: undefined,
  warning: 'statusBarItem.warningBackground',
  error: 'statusBarItem.errorBackground',
};

/**
 * The left status-bar item: the worst credential state across the in-use providers of the selected
 * agent, with the time left by the client's clock. Redrawn on every snapshot and when the time-left
 * words change; the server notifies when a threshold is crossed.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private redrawTimer: NodeJS.Timeout | undefined;
  private isVisible = false;

  constructor(private readonly store: SnapshotStore) {
    this.item.name = vscode.l10n.t('OpenClaw Auth');
    this.item.command = { title: vscode.l10n.t('Show OpenClaw profiles'), command: FOCUS_TREE_COMMAND };
    this.disposables.push(
      store.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('openclawAuth.statusBar.visible')) this.render();
      }),
    );
    this.render();
  }

  /** The text currently shown (tests read it; the item itself is not observable from the API). */
  get text(): string {
    return this.item.text;
  }

  /** The tooltip's markdown source (tests check it; no secret may ever be in it). */
  get tooltipMarkdown(): string {
    const tooltip = this.item.tooltip;
    return tooltip instanceof vscode.MarkdownString ? tooltip.value : String(tooltip ?? '');
  }

  get visible(): boolean {
    return this.isVisible;
  }

  dispose(): void {
    clearTimeout(this.redrawTimer);
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }

  private render(): void {
    clearTimeout(this.redrawTimer);
    if (!readSettings().statusBarVisible) {
      this.item.hide();
      this.isVisible = false;
      return;
    }
    const snapshot = this.store.snapshot;
    const now = Date.now();
    const model = statusBarModel(snapshot);
    this.item.text = itemText(model, snapshot, now, this.store.viewState === 'error');
    const background = model.level === 'none' ? undefined : BACKGROUND[model.level];
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.item.tooltip = tooltip(model, snapshot, now, this.store.viewState === 'error');
    this.item.show();
    this.isVisible = true;
    this.scheduleRedraw(model, now);
  }

  /** Redraw when the shown time left changes ("3h" becomes "2h"); no timer when nothing expires. */
  private scheduleRedraw(model: StatusBarModel, now: number): void {
    const delay = msUntilSpanChanges(model.attention?.expiresAt, now);
    if (delay === undefined) return;
    // Node timers overflow past 2^31-1 ms; a day is plenty, the next render reschedules.
    this.redrawTimer = setTimeout(() => this.render(), Math.min(delay, 86_400_000));
  }
}

function itemText(model: StatusBarModel, snapshot: StatusSnapshot | undefined, now: number, failed: boolean): string {
  if (!snapshot) return `${failed ? CODICON.error : '$(sync~spin)'} ${vscode.l10n.t('OpenClaw')}`;
  if (model.level === 'none') return `$(circle-slash) ${vscode.l10n.t('OpenClaw')}`;
  const attention = model.attention;
  if (model.level === 'ok' || !attention) return `${CODICON[model.level]} ${vscode.l10n.t('OpenClaw')}`;
  const subject = attentionSubject(attention);
  if (attention.status === 'expiring' && attention.expiresAt !== undefined) {
    return `${CODICON.warning} ${subject} ${timeLeftText(attention.expiresAt, now)}`;
  }
  return `${CODICON[model.level]} ${subject} ${statusText(attention.status)}`;
}

function tooltip(model: StatusBarModel, snapshot: StatusSnapshot | undefined, now: number, failed: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  if (!snapshot) {
    md.appendText(failed
      ? vscode.l10n.t('The OpenClaw Auth language server is not running. See the OpenClaw Auth output.')
      : vscode.l10n.t('Reading OpenClaw credentials…'));
    return md;
  }
  const condition = homeConditionText(snapshot);
  if (!snapshot.stateDirExists) {
    md.appendText(condition ?? vscode.l10n.t('No OpenClaw state folder was found at {0}.', snapshot.stateDir));
    return md;
  }
  if (condition) {
    md.appendMarkdown('$(error) ');
    md.appendText(condition);
    md.appendMarkdown('\n\n');
  }
  const agent = selectedAgent(snapshot);
  md.appendMarkdown('**');
  md.appendText(vscode.l10n.t('OpenClaw credentials of agent {0}', agent?.agentId ?? snapshot.selectedAgentId));
  md.appendMarkdown('**\n\n');
  if (model.providers.length === 0) {
    md.appendText(vscode.l10n.t('No provider is in use by this agent\'s models.'));
    md.appendMarkdown('\n\n');
  }
  for (const line of model.providers) appendProviderLine(md, line, now);
  for (const key of agent?.gatewayBlindKeys ?? []) {
    md.appendMarkdown('$(warning) ');
    md.appendText(gatewayBlindAdvice(key.variable, snapshot.envFile));
    md.appendMarkdown('\n\n');
  }
  if (snapshot.unknownAgentSetting) {
    md.appendText(vscode.l10n.t('The openclawAuth.defaultAgent setting names an unknown agent: {0}.', snapshot.unknownAgentSetting));
    md.appendMarkdown('\n\n');
  }
  appendIssues(md, snapshot);
  if (snapshot.loadError) {
    md.appendText(vscode.l10n.t('The last refresh failed: {0}', snapshot.loadError));
    md.appendMarkdown('\n\n');
  }
  md.appendText(vscode.l10n.t('Click to show the profiles.'));
  if (model.level === 'warning' || model.level === 'error') {
    // The one command link of the tooltip: trusted for that command only.
    md.isTrusted = { enabledCommands: [PASTE_TOKEN_COMMAND] };
    const args = encodeURIComponent(JSON.stringify([{ agentId: agent?.agentId, ...(model.attention?.provider ? { provider: model.attention.provider } : {}), ...(model.attention?.profileId ? { profileId: model.attention.profileId } : {}) }]));
    md.appendMarkdown(`\n\n[$(key) ${escapeMarkdown(vscode.l10n.t('Paste a new token'))}](command:${PASTE_TOKEN_COMMAND}?${args})`);
  }
  return md;
}

/** Paste Token (writeCommands.ts), linked from the tooltip when a credential needs renewing. */
const PASTE_TOKEN_COMMAND = 'openclawAuth.pasteToken';

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** How many of the file problems the tooltip names; the rest are counted (Problems lists them all). */
const ISSUES_SHOWN = 3;

function appendIssues(md: vscode.MarkdownString, snapshot: StatusSnapshot): void {
  const issues = snapshot.issues;
  if (issues.length === 0) return;
  for (const issue of issues.slice(0, ISSUES_SHOWN)) {
    md.appendMarkdown(issue.severity === 'error' ? '$(error) ' : issue.severity === 'warning' ? '$(warning) ' : '$(info) ');
    md.appendText(`${issue.message} (${issue.code})`);
    md.appendMarkdown('\n\n');
  }
  if (issues.length > ISSUES_SHOWN) {
    md.appendText(vscode.l10n.t('{0} more problems in OpenClaw\'s files.', issues.length - ISSUES_SHOWN));
    md.appendMarkdown('\n\n');
  }
}

function appendProviderLine(md: vscode.MarkdownString, line: ProviderLine, now: number): void {
  md.appendMarkdown(`${providerIcon(line.status)} `);
  // Status and time before the masked label, as in the tree.
  const parts = [line.provider, statusText(line.status)];
  if (line.expiresAt !== undefined) parts.push(expiryText(line.expiresAt, now));
  if (line.label) parts.push(line.label);
  md.appendText(parts.join(' — '));
  md.appendMarkdown('\n\n');
}

function providerIcon(status: ProviderLine['status']): string {
  if (status === 'expiring') return '$(warning)';
  if (status === 'expired' || status === 'missing') return '$(error)';
  return '$(check)';
}
