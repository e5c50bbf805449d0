import * as vscode from 'vscode';
import type {
  AgentSnapshot, CandidateSnapshot, CredentialStatus, ProviderSnapshot, StatusSnapshot,
} from '../../server/src/protocol';
import type { SnapshotStore } from './snapshotStore';
import { GATEWAY_BLIND_CONTEXT, gatewayBlindAdvice, gatewayBlindMarker, gatewayBlindVariable } from './gatewayBlind';
import { migrationSentence, storeInForceMarker, storeInForceSentence } from './storeInForceWords';
import { agentWorst, candidateUse, levelOfCheck, levelOfStatus, msUntilSpanChanges, type Level } from './statusModel';
import { agentWorstText, envOriginText, homeConditionText, expiryText, reasonText, shortExpiryText, statusText } from './words';

export const PROFILE_VIEW_ID = 'openclawAuth.profiles';

export interface AgentNode { kind: 'agent'; agent: AgentSnapshot; selected: boolean }
export interface ProviderNode { kind: 'provider'; agent: AgentSnapshot; provider: ProviderSnapshot }
export interface CandidateNode { kind: 'candidate'; agent: AgentSnapshot; provider: ProviderSnapshot; candidate: CandidateSnapshot; sqliteStore: boolean }
export type ProfileTreeNode = AgentNode | ProviderNode | CandidateNode;

/**
 * `contextValue` of a candidate, read by the `view/item/context` menus in package.json:
 * `profile` (in a JSON store), `profile.sqlite`, `env` (from a file), `env.process`, `configKey`.
 * A profile that is expiring or expired adds `.expiring` / `.expired` (Paste Token replaces it).
 */
export function candidateContextValue(node: CandidateNode): string {
  const c = node.candidate;
  if (c.kind === 'profile') {
    const base = node.sqliteStore && !c.inheritedFromMain ? 'profile.sqlite' : 'profile';
    return c.status === 'expiring' || c.status === 'expired' ? `${base}.${c.status}` : base;
  }
  if (c.kind === 'env') return c.file ? 'env' : `env.process${gatewayBlindVariable(node.provider, c) ? GATEWAY_BLIND_CONTEXT : ''}`;
  return 'configKey';
}

const ICON_COLOR: Record<Level, string> = {
  ok: 'testing.iconPassed',
  warning: 'problemsWarningIcon.foreground',
  error: 'problemsErrorIcon.foreground',
};
const ICON_ID: Record<Level, string> = { ok: 'pass', warning: 'warning', error: 'error' };

function levelIcon(level: Level): vscode.ThemeIcon {
  return new vscode.ThemeIcon(ICON_ID[level], new vscode.ThemeColor(ICON_COLOR[level]));
}

function statusIcon(status: CredentialStatus): vscode.ThemeIcon {
  return levelIcon(levelOfStatus(status));
}

/** Rows no model needs: quiet, never a green check that reads as "fine and used". */
function quietIcon(): vscode.ThemeIcon {
  return new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('disabledForeground'));
}

/**
 * Agents → providers → candidates (profiles, env keys, the config key), in the order OpenClaw tries
 * them. Empty while there is nothing to show, so the welcome content chosen by the view-state
 * context key explains why.
 */
export class ProfileTreeProvider implements vscode.TreeDataProvider<ProfileTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProfileTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private redrawTimer: NodeJS.Timeout | undefined;

  constructor(private readonly store: SnapshotStore) {
    this.subscription = store.onDidChange(() => this.refresh());
  }

  /** Redraws every node, and again when an expiry word next changes ("3h" → "2h"). */
  refresh(): void {
    clearTimeout(this.redrawTimer);
    this.changed.fire(undefined);
    const delay = nextWordChange(this.store.snapshot, Date.now());
    // At least 30 s apart however many expiries there are; Node timers cap near 24.8 days.
    if (delay !== undefined) this.redrawTimer = setTimeout(() => this.refresh(), Math.min(Math.max(delay, 30_000), 86_400_000));
  }

  dispose(): void {
    clearTimeout(this.redrawTimer);
    this.subscription.dispose();
    this.changed.dispose();
  }

  getChildren(node?: ProfileTreeNode): ProfileTreeNode[] {
    const snapshot = this.store.snapshot;
    if (!snapshot || this.store.viewState !== 'ready') return [];
    if (!node) return agentNodes(snapshot);
    if (node.kind === 'agent') return node.agent.providers.map((provider) => ({ kind: 'provider', agent: node.agent, provider }));
    if (node.kind === 'provider') {
      const sqliteStore = node.agent.store.kind === 'sqlite';
      return node.provider.candidates.map((candidate) => ({ kind: 'candidate', agent: node.agent, provider: node.provider, candidate, sqliteStore }));
    }
    return [];
  }

  getTreeItem(node: ProfileTreeNode): vscode.TreeItem {
    const now = Date.now();
    switch (node.kind) {
      case 'agent': return agentItem(node);
      case 'provider': return providerItem(node, now, this.store.snapshot?.envFile);
      case 'candidate': return candidateItem(node, now, this.store.snapshot?.envFile);
    }
  }
}

/**
 * The line above the tree when the home itself is the problem but there is still a tree to show
 * (a refused config; a SQLite home with env keys only); the welcome views cover the empty cases.
 */
export function bindTreeMessage(view: vscode.TreeView<ProfileTreeNode>, store: SnapshotStore): vscode.Disposable {
  const update = () => {
    view.message = store.snapshot && store.viewState === 'ready' ? homeConditionText(store.snapshot) : undefined;
  };
  update();
  return store.onDidChange(update);
}

function nextWordChange(snapshot: StatusSnapshot | undefined, now: number): number | undefined {
  let soonest: number | undefined;
  for (const agent of snapshot?.agents ?? []) {
    for (const provider of agent.providers) {
      for (const expiresAt of [provider.expiresAt, ...provider.candidates.map((c) => c.expiresAt)]) {
        const delay = msUntilSpanChanges(expiresAt, now);
        if (delay !== undefined && (soonest === undefined || delay < soonest)) soonest = delay;
      }
    }
  }
  return soonest;
}

function agentNodes(snapshot: StatusSnapshot): AgentNode[] {
  return snapshot.agents.map((agent) => ({ kind: 'agent', agent, selected: agent.agentId === snapshot.selectedAgentId }));
}

function agentItem(node: AgentNode): vscode.TreeItem {
  const { agent } = node;
  const item = new vscode.TreeItem(agent.agentId, node.selected ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `agent/${agent.agentId}`;
  // What to act on first, then the short markers; the model last, where the width may cut it.
  const migration = agent.migrationRequired;
  const notes = [migration ? vscode.l10n.t('migration required') : agentWorstText(agentWorst(agent))];
  if (!migration) notes.push(storeInForceMarker(agent) ?? '');
  if (node.selected) notes.push(vscode.l10n.t('in the status bar'));
  if (agent.isDefault) notes.push(vscode.l10n.t('default'));
  notes.push(agent.defaultModel);
  item.description = notes.filter(Boolean).join(' · ');
  item.iconPath = levelIcon(migration ? 'warning' : levelOfCheck(agent.checkCode));
  item.contextValue = node.selected ? 'agent.selected' : 'agent';
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(vscode.l10n.t('Agent {0}', agent.agentId));
  md.appendMarkdown('**\n\n');
  // A refused agent reads no store, and OpenClaw checks nothing for it: the refusal is the whole story.
  const where = migration ? migrationSentence(migration) : storeInForceSentence(agent);
  if (where) {
    md.appendText(where);
    md.appendMarkdown('\n\n');
  }
  md.appendText(vscode.l10n.t('Store: {0}', agent.store.location));
  md.appendMarkdown('\n\n');
  if (agent.defaultModel) {
    md.appendText(vscode.l10n.t('Default model: {0}', agent.defaultModel));
    md.appendMarkdown('\n\n');
  }
  if (!agent.store.exists) {
    md.appendText(vscode.l10n.t('The store does not exist yet.'));
    md.appendMarkdown('\n\n');
  }
  if (!migration) md.appendText(agent.checkCode === 0
    ? vscode.l10n.t('Check: every provider in use has a usable credential.')
    : agent.checkCode === 2
      ? vscode.l10n.t('Check: a credential in use expires soon.')
      : vscode.l10n.t('Check: a provider in use has no usable credential.'));
  item.tooltip = md;
  return item;
}

function providerItem(node: ProviderNode, now: number, envFile: string | undefined): vscode.TreeItem {
  const { provider } = node;
  const item = new vscode.TreeItem(
    provider.provider,
    provider.inUse ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = `agent/${node.agent.agentId}/provider/${provider.provider}`;
  const notes = provider.inUse ? [] : [vscode.l10n.t('not in use')];
  const blind = gatewayBlindVariable(provider);
  if (blind) notes.push(gatewayBlindMarker());
  notes.push(statusText(provider.status));
  if (provider.expiresAt !== undefined) notes.push(shortExpiryText(provider.expiresAt, now));
  item.description = notes.join(' · ');
  item.iconPath = provider.inUse ? statusIcon(provider.status) : quietIcon();
  item.contextValue = `${provider.inUse ? 'provider.inUse' : 'provider'}${blind ? GATEWAY_BLIND_CONTEXT : ''}`;
  if (provider.candidates.length === 0) item.collapsibleState = vscode.TreeItemCollapsibleState.None;
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(provider.provider);
  md.appendMarkdown('**\n\n');
  md.appendText(provider.inUse
    ? vscode.l10n.t('A model of this agent needs this provider.')
    : vscode.l10n.t('No model of this agent needs this provider.'));
  md.appendMarkdown('\n\n');
  md.appendText(provider.effective.kind === 'missing'
    ? vscode.l10n.t('OpenClaw finds no credential for it.')
    : vscode.l10n.t('OpenClaw uses: {0}', provider.effective.detail));
  if (blind) {
    md.appendMarkdown('\n\n');
    md.appendText(gatewayBlindAdvice(blind, envFile));
  }
  item.tooltip = md;
  return item;
}

function candidateItem(node: CandidateNode, now: number, envFile: string | undefined): vscode.TreeItem {
  const c = node.candidate;
  const item = new vscode.TreeItem(c.id, vscode.TreeItemCollapsibleState.None);
  item.id = `agent/${node.agent.agentId}/provider/${node.provider.provider}/${c.kind}/${c.id}`;
  // Time and use first, short (the icon says expiring or expired): the masked label is the part
  // the side bar's width may cut; the tooltip says it all in full.
  const notes: string[] = [];
  const blind = gatewayBlindVariable(node.provider, c);
  if (blind) notes.push(gatewayBlindMarker());
  if (c.expiresAt !== undefined) notes.push(shortExpiryText(c.expiresAt, now));
  else if (levelOfStatus(c.status) !== 'ok') notes.push(statusText(c.status));
  const use = candidateUse(node.provider, c);
  if (use === 'used') notes.push(vscode.l10n.t('used'));
  if (use === 'wouldBeUsed') notes.push(vscode.l10n.t('first in line'));
  notes.push(c.label);
  item.description = notes.join(' · ');
  item.iconPath = use === 'used' || (node.provider.inUse && levelOfStatus(c.status) !== 'ok')
    ? statusIcon(c.status)
    : node.provider.inUse ? new vscode.ThemeIcon('circle-outline') : quietIcon();
  item.contextValue = candidateContextValue(node);
  const tooltip = candidateTooltip(node, now);
  if (blind) tooltip.appendText(gatewayBlindAdvice(blind, envFile));
  item.tooltip = tooltip;
  return item;
}

function candidateTooltip(node: CandidateNode, now: number): vscode.MarkdownString {
  const c = node.candidate;
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(c.id);
  md.appendMarkdown('** — ');
  md.appendText(`${statusText(c.status)} — ${c.label}`);
  md.appendMarkdown('\n\n');
  md.appendText(reasonText(c));
  md.appendMarkdown('\n\n');
  if (candidateUse(node.provider, c) === 'wouldBeUsed') {
    md.appendText(vscode.l10n.t('No model of this agent needs this provider, so OpenClaw uses nothing here now; it would use this credential first.'));
    md.appendMarkdown('\n\n');
  }
  if (c.expiresAt !== undefined) {
    md.appendText(expiryText(c.expiresAt, now));
    md.appendMarkdown('\n\n');
  }
  if (c.kind === 'env') {
    md.appendText(c.envOrigin
      ? vscode.l10n.t('Read from {0}.', c.file ? `${envOriginText(c.envOrigin)} (${c.file})` : envOriginText(c.envOrigin))
      : vscode.l10n.t('Read from the environment.'));
    md.appendMarkdown('\n\n');
    for (const shadowed of c.shadowed ?? []) {
      md.appendText(vscode.l10n.t('It hides the value in {0}.', shadowed.file ? `${envOriginText(shadowed.origin)} (${shadowed.file})` : envOriginText(shadowed.origin)));
      md.appendMarkdown('\n\n');
    }
  } else if (c.file) {
    md.appendText(vscode.l10n.t('Stored in {0}.', c.file));
    md.appendMarkdown('\n\n');
  }
  if (c.inheritedFromMain) {
    md.appendText(vscode.l10n.t('Inherited from the main agent\'s store.'));
    md.appendMarkdown('\n\n');
  }
  return md;
}
