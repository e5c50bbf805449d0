/**
 * The write commands in a real extension host: registered, offered on the right tree items (an
 * expired profile, a provider), linked from the status-bar tooltip, the /model pin, and drag and
 * drop in the tree writing the auth order through the server. No secret in anything they show.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { OpenClawAuthApi } from '../../client/src/extension';
import type { CandidateNode, ProfileTreeNode } from '../../client/src/profileTree';
import { PROFILE_DRAG_MIME } from '../../client/src/profileOrderDrag';
import { materializeCase } from '../support/fakeHome';
import { activateExtension, setSetting, waitForSnapshot } from './harness';

const WRITE_COMMANDS = [
  'openclawAuth.pasteToken', 'openclawAuth.setupToken', 'openclawAuth.authOrder', 'openclawAuth.clearAuthOrder',
  'openclawAuth.removeProfile', 'openclawAuth.copyModelPin',
];
const CANARY = 'CANARYWRITESCANARYWRITES';
const HOUR = 3_600_000;
const token = (tag: string) => `sk-ant-oat01-${CANARY}${'x'.repeat(60)}-${tag}`;

function writeHome(profiles: Record<string, unknown>): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-exthost-writes-'));
  materializeCase({
    files: {
      '.openclaw/openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } },
      '.openclaw/agents/main/agent/auth-profiles.json': { version: 1, profiles },
    },
  }, home);
  return path.join(home, '.openclaw');
}

async function profileNodes(api: OpenClawAuthApi): Promise<CandidateNode[]> {
  const out: CandidateNode[] = [];
  const walk = async (node?: ProfileTreeNode): Promise<void> => {
    for (const child of await api.profileTree.getChildren(node)) {
      if (child.kind === 'candidate' && child.candidate.kind === 'profile') out.push(child);
      await walk(child);
    }
  };
  await walk();
  return out;
}

export function defineWriteSuites(): void {
  suite('OpenClaw Auth write commands in the extension host', () => {
    let api: OpenClawAuthApi;
    const homes: string[] = [];

    suiteSetup(async () => {
      api = await activateExtension();
      await setSetting('envMode', 'daemon');
    });

    suiteTeardown(async () => {
      for (const key of ['stateDir', 'envMode']) await setSetting(key, undefined);
      for (const stateDir of homes) fs.rmSync(path.dirname(stateDir), { recursive: true, force: true });
    });

    test('every write command is registered', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const id of WRITE_COMMANDS) assert.ok(registered.has(id), `${id} is registered`);
    });

    test('an expired profile is offered Paste Token in the tree and from the status-bar tooltip', async () => {
      const stateDir = writeHome({ 'anthropic:default': { type: 'token', provider: 'anthropic', token: token('old'), expires: Date.now() - 2 * HOUR } });
      homes.push(stateDir);
      await setSetting('stateDir', stateDir);
      await waitForSnapshot(api, (s) => s.stateDir === stateDir && s.agents.some((a) => a.checkCode === 1), 'the expired home');
      const [node] = await profileNodes(api);
      assert.ok(node);
      assert.equal(api.profileTree.getTreeItem(node).contextValue, 'profile.expired');
      const tooltip = api.statusBarTooltip();
      const link = /\(command:openclawAuth\.pasteToken\?([^)]+)\)/.exec(tooltip);
      assert.ok(link, `the tooltip links Paste Token: ${tooltip}`);
      assert.deepEqual(JSON.parse(decodeURIComponent(link[1]!)), [{ agentId: 'main', provider: 'anthropic', profileId: 'anthropic:default' }]);
      assert.ok(!tooltip.includes(CANARY));
    });

    test('Copy /model pin copies the chat command that pins the profile to the model in use', async () => {
      const [node] = await profileNodes(api);
      const pin = await vscode.commands.executeCommand<string>('openclawAuth.copyModelPin', node);
      assert.equal(pin, '/model anthropic/claude-sonnet-4-5@anthropic:default');
      assert.equal(await vscode.env.clipboard.readText(), pin);
    });

    test('dropping a profile on another in the tree writes the auth order, and the tree follows', async () => {
      const far = Date.now() + 30 * 24 * HOUR;
      const stateDir = writeHome({
        'anthropic:a': { type: 'token', provider: 'anthropic', token: token('a'), expires: far },
        'anthropic:b': { type: 'token', provider: 'anthropic', token: token('b'), expires: far },
      });
      homes.push(stateDir);
      await setSetting('stateDir', stateDir);
      await waitForSnapshot(api, (s) => s.stateDir === stateDir, 'the two-profile home');
      const [first, second] = await profileNodes(api);
      assert.ok(first && second);
      assert.equal(api.profileTree.getTreeItem(first).contextValue, 'profile', 'an ok profile has the plain context');
      const data = new vscode.DataTransfer();
      await api.profileDrag.handleDrag([second], data);
      assert.ok(data.get(PROFILE_DRAG_MIME), 'the drag carries the profile');
      await api.profileDrag.handleDrop(first, data);
      const written = JSON.parse(fs.readFileSync(path.join(stateDir, 'agents/main/agent/auth-state.json'), 'utf8'));
      assert.deepEqual(written.order.anthropic, [second.candidate.id, first.candidate.id]);
      const after = (await profileNodes(api)).map((n) => n.candidate.id);
      assert.deepEqual(after, [second.candidate.id, first.candidate.id], 'the tree shows the new order at once');
      const mode = fs.statSync(path.join(stateDir, 'agents/main/agent/auth-state.json')).mode & 0o777;
      assert.equal(mode, 0o600);
    });

    test('Clear Auth Order on the provider removes the override', async () => {
      const provider = (await api.profileTree.getChildren((await api.profileTree.getChildren())[0])).find((n) => n.kind === 'provider');
      assert.ok(provider);
      const summary = await vscode.commands.executeCommand<string>('openclawAuth.clearAuthOrder', provider);
      assert.ok(summary, 'the command reports what it did');
      const stateDir = homes.at(-1) as string;
      const file = path.join(stateDir, 'agents/main/agent/auth-state.json');
      const order = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).order?.anthropic : undefined;
      assert.equal(order, undefined);
    });
  });
}
