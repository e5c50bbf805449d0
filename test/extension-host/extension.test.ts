/**
 * The extension in a real VS Code extension host: activation, commands, the Check codes, the status
 * bar and the tree, on OpenClaw homes written to disk here (through the `openclawAuth.stateDir`
 * setting) and, when given, on the home named by OPENCLAW_STATE_DIR (compared with the CLI).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { OpenClawAuthApi } from '../../client/src/extension';
import type { ProfileTreeNode } from '../../client/src/profileTree';
import { materializeCase } from '../support/fakeHome';
import { activateExtension, eventually, EXTENSION_ID, setSetting, waitForSnapshot, withTimeout } from './harness';

const COMMANDS = [
  'openclawAuth.showStatus', 'openclawAuth.check', 'openclawAuth.refresh', 'openclawAuth.openStore',
  'openclawAuth.openEnv', 'openclawAuth.selectAgent', 'openclawAuth.openInStore', 'openclawAuth.copyProfileId',
];
/** Only the masked form (first 8, last 8 characters) may ever be shown; the middle must never be. */
const CANARY_MIDDLE = 'CANARYMIDDLECANARYMIDDLECANARYMIDDLE';
const TOKEN = `sk-ant-oat01-${CANARY_MIDDLE}${'x'.repeat(40)}-tail`;
const HOUR = 3_600_000;

function storeWith(expiresAt: number): object {
  return { version: 1, profiles: { 'anthropic:default': { type: 'token', provider: 'anthropic', token: TOKEN, expires: expiresAt } } };
}

/** A home whose main agent runs on Anthropic with one token, plus a `work` agent. */
function writeHome(expiresAt: number): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-exthost-'));
  materializeCase({
    files: {
      '.openclaw/openclaw.json': {
        agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } }, list: [{ id: 'main', default: true }, { id: 'work' }] },
      },
      '.openclaw/agents/main/agent/auth-profiles.json': storeWith(expiresAt),
    },
  }, home);
  return path.join(home, '.openclaw');
}

function storeFile(stateDir: string): string {
  return path.join(stateDir, 'agents/main/agent/auth-profiles.json');
}

/** Every node of the tree, depth first. */
async function walkTree(api: OpenClawAuthApi, node?: ProfileTreeNode): Promise<ProfileTreeNode[]> {
  const children = await api.profileTree.getChildren(node);
  const all: ProfileTreeNode[] = [];
  for (const child of children) all.push(child, ...(await walkTree(api, child)));
  return all;
}

/** What a user can read from a tree item: label, description and tooltip. */
function itemText(api: OpenClawAuthApi, node: ProfileTreeNode): string {
  const item = api.profileTree.getTreeItem(node);
  // appendText escapes spaces as &nbsp; (rendered as spaces in the hover).
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value.replaceAll('&nbsp;', ' ') : String(item.tooltip ?? '');
  return [String(item.label), String(item.description ?? ''), tooltip].join('\n');
}

/** `openclaw-auth status --check` run as a real process: the reference for the Check command. */
function cliCheckCode(args: string[], cwd: string | undefined): number {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const cli = path.join(extension.extensionPath, 'dist/cli.js');
  const result = spawnSync(process.execPath, [cli, 'status', '--check', ...args], {
    cwd: cwd ?? os.tmpdir(), env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 30_000,
  });
  assert.equal(result.error, undefined, String(result.error));
  return result.status ?? -1;
}

/** The language server this extension host started (a child running dist/server.js), from /proc. */
function serverProcessId(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && commandLine.includes('dist/server.js')) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

export function defineExtensionSuites(): void {
  suite('OpenClaw Auth in the extension host', () => {
    let api: OpenClawAuthApi;
    const homes: string[] = [];

    suiteSetup(async () => {
      api = await activateExtension();
    });

    suiteTeardown(async () => {
      for (const key of ['stateDir', 'envMode', 'defaultAgent', 'statusBar.visible']) await setSetting(key, undefined);
      for (const stateDir of homes) fs.rmSync(path.dirname(stateDir), { recursive: true, force: true });
    });

    test('the extension activates and its server answers', () => {
      const snapshot = api.snapshot();
      assert.ok(snapshot, 'a snapshot arrived');
      assert.ok(snapshot.stateDir.length > 0);
    });

    test('every command is registered', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const id of COMMANDS) assert.ok(registered.has(id), `${id} is registered`);
    });

    test('Check agrees with the CLI on the home given by OPENCLAW_STATE_DIR', async function () {
      const given = process.env.OPENCLAW_STATE_DIR;
      if (!given) this.skip();
      const snapshot = api.snapshot();
      assert.ok(snapshot);
      assert.equal(path.resolve(snapshot.stateDir), path.resolve(given as string));
      const code = await vscode.commands.executeCommand<number>('openclawAuth.check');
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.equal(code, cliCheckCode(['--agent', snapshot.selectedAgentId], folder));
    });

    test('an expiring token: Check says 2, the status bar warns with the time left, the tree shows why', async () => {
      const stateDir = writeHome(Date.now() + 2 * HOUR);
      homes.push(stateDir);
      await setSetting('envMode', 'daemon'); // keys in this host's own environment must not count
      await setSetting('stateDir', stateDir);
      await waitForSnapshot(api, (s) => s.stateDir === stateDir && s.envMode === 'daemon', 'the fixture home');

      assert.equal(await vscode.commands.executeCommand<number>('openclawAuth.check'), 2);
      assert.match(api.statusBarText(), /^\$\(warning\) anthropic:default 1h$/);

      const nodes = await walkTree(api);
      const agents = nodes.filter((n) => n.kind === 'agent').map((n) => n.kind === 'agent' && n.agent.agentId);
      assert.deepEqual(agents.sort(), ['main', 'work']);
      const candidate = nodes.find((n) => n.kind === 'candidate' && n.agent.agentId === 'main' && n.candidate.id === 'anthropic:default');
      assert.ok(candidate, 'main → anthropic → anthropic:default');
      const item = api.profileTree.getTreeItem(candidate);
      assert.equal(item.contextValue, 'profile.expiring', 'an expiring profile is offered Paste Token');
      assert.match(String(item.description), /^in 1h · used · token:sk-ant-o\.\.\..*-tail$/);
      assert.match(itemText(api, candidate), /Used: the first usable profile/);
      for (const node of nodes) assert.ok(!itemText(api, node).includes(CANARY_MIDDLE), 'no secret in the tree');
      assert.ok(!api.statusBarText().includes(CANARY_MIDDLE));
      const tooltip = api.statusBarTooltip().replaceAll('&nbsp;', ' ');
      assert.match(tooltip, /\$\(warning\) anthropic — expiring — expires in 1h — token:sk-ant-o\.\.\.xxx-tail/);
      assert.ok(!tooltip.includes(CANARY_MIDDLE), 'no secret in the status-bar tooltip');
    });

    test('the file expires on disk: the server notices, Check says 1, the status bar turns to error', async () => {
      const stateDir = homes.at(-1) as string;
      fs.writeFileSync(storeFile(stateDir), JSON.stringify(storeWith(Date.now() - 3 * HOUR), null, 2));
      await waitForSnapshot(api, (s) => s.stateDir === stateDir && s.agents.some((a) => a.agentId === 'main' && a.checkCode === 1), 'the expired token');
      assert.equal(await vscode.commands.executeCommand<number>('openclawAuth.check'), 1);
      assert.match(api.statusBarText(), /^\$\(error\) anthropic:default expired$/);
    });

    test('a token valid for 30 days: Check says 0 and the status bar says OpenClaw is fine', async () => {
      const stateDir = homes.at(-1) as string;
      fs.writeFileSync(storeFile(stateDir), JSON.stringify(storeWith(Date.now() + 30 * 24 * HOUR), null, 2));
      await waitForSnapshot(api, (s) => s.stateDir === stateDir && s.agents.some((a) => a.agentId === 'main' && a.checkCode === 0), 'the valid token');
      assert.equal(await vscode.commands.executeCommand<number>('openclawAuth.check'), 0);
      assert.equal(api.statusBarText(), '$(check) OpenClaw');
      assert.equal(cliCheckCode(['--state-dir', stateDir, '--daemon'], undefined), 0);
    });

    test('Open in Store opens auth-profiles.json at the profile', async () => {
      const stateDir = homes.at(-1) as string;
      const node = (await walkTree(api)).find((n) => n.kind === 'candidate' && n.candidate.id === 'anthropic:default');
      assert.ok(node);
      await vscode.commands.executeCommand('openclawAuth.openInStore', node);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor, 'an editor opened');
      assert.equal(path.resolve(editor.document.uri.fsPath), path.resolve(storeFile(stateDir)));
      const lines = editor.document.getText(new vscode.Range(editor.selection.start.line, 0, editor.selection.end.line + 1, 0));
      assert.ok(lines.includes('anthropic:default'), `the selection is on the profile: ${JSON.stringify(lines)}`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    test('a key in the state .env: listed as an env candidate, Open in Store and Open .env go to the file', async () => {
      const stateDir = homes.at(-1) as string;
      const envFile = path.join(stateDir, '.env');
      fs.writeFileSync(envFile, `# keys for the gateway\nOPENAI_API_KEY=sk-proj-${CANARY_MIDDLE}zzzzzzzz\n`);
      await vscode.commands.executeCommand('openclawAuth.refresh');
      const node = (await walkTree(api)).find((n) => n.kind === 'candidate' && n.agent.agentId === 'main' && n.candidate.id === 'OPENAI_API_KEY');
      assert.ok(node, 'main → openai → OPENAI_API_KEY');
      assert.equal(api.profileTree.getTreeItem(node).contextValue, 'env');
      assert.ok(!itemText(api, node).includes(CANARY_MIDDLE), 'the key is masked');
      await vscode.commands.executeCommand('openclawAuth.openInStore', node);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      assert.equal(path.resolve(editor.document.uri.fsPath), path.resolve(envFile));
      assert.equal(editor.selection.start.line, 1, 'the line of OPENAI_API_KEY');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.commands.executeCommand('openclawAuth.openEnv');
      assert.equal(path.resolve(vscode.window.activeTextEditor?.document.uri.fsPath ?? ''), path.resolve(envFile));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(envFile);
      await vscode.commands.executeCommand('openclawAuth.refresh');
    });

    test('Show Status opens the report, read-only and masked', async () => {
      await vscode.commands.executeCommand('openclawAuth.showStatus');
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      assert.equal(editor.document.uri.scheme, 'openclaw-auth-report');
      const text = editor.document.getText();
      assert.match(text, /anthropic/);
      assert.ok(!text.includes(CANARY_MIDDLE), 'no secret in the report');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    test('Select Agent moves the status bar to another agent', async () => {
      const agentId = await vscode.commands.executeCommand<string>('openclawAuth.selectAgent', 'work');
      assert.equal(agentId, 'work');
      assert.equal(vscode.workspace.getConfiguration('openclawAuth').get('defaultAgent'), 'work');
      const snapshot = await waitForSnapshot(api, (s) => s.selectedAgentId === 'work', 'agent work selected');
      const roots = await api.profileTree.getChildren();
      const selected = roots.filter((n) => n.kind === 'agent' && n.selected).map((n) => n.kind === 'agent' && n.agent.agentId);
      assert.deepEqual(selected, ['work']);
      const code = await vscode.commands.executeCommand<number>('openclawAuth.check');
      assert.equal(code, cliCheckCode(['--state-dir', snapshot.stateDir, '--daemon', '--agent', 'work'], undefined));
    });

    test('statusBar.visible false hides the item, true shows it again', async () => {
      await setSetting('statusBar.visible', false);
      await eventually(() => assert.equal(api.statusBarVisible(), false));
      await setSetting('statusBar.visible', undefined);
      await eventually(() => assert.equal(api.statusBarVisible(), true));
    });

    test('the server crashes: the client starts it again and the state comes back', async function () {
      const server = serverProcessId();
      if (server === undefined) this.skip(); // needs Linux /proc
      const next = new Promise<void>((resolve) => {
        const subscription = api.onDidChangeSnapshot((snapshot) => {
          if (snapshot) {
            subscription.dispose();
            resolve();
          }
        });
      });
      process.kill(server as number, 'SIGKILL');
      await withTimeout(next, 30_000, 'a snapshot from the restarted server');
      assert.notEqual(serverProcessId(), server, 'a new server process');
      assert.equal(typeof (await vscode.commands.executeCommand<number>('openclawAuth.check')), 'number');
    });

    test('a state folder that does not exist: empty tree (welcome content) and no alarm', async () => {
      const missing = path.join(os.tmpdir(), `oc-exthost-missing-${process.pid}`);
      await setSetting('stateDir', missing);
      await waitForSnapshot(api, (s) => s.stateDir === missing, 'the missing state folder');
      assert.deepEqual(await api.profileTree.getChildren(), []);
      assert.match(api.statusBarText(), /^\$\(circle-slash\) OpenClaw$/);
    });
  });
}
