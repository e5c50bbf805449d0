/**
 * A working folder's `.env` must not steer the login shell (issue 13, item 1): the shell starts
 * from the gateway's own environment (process env, the user's own env files), never from values
 * a repository put in its `.env`. OpenClaw itself passes them on (docs/differences.md).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { LoginShellRequest } from '../../server/src/openclaw/env/loginShellEnv.ts';
import { loadOpenClawState } from '../../server/src/openclaw/state.ts';
import { cliPath } from '../support/runCli.ts';
import { profileRuns, STEERING_KEY, writeSteeringRepo } from '../support/steeringRepo.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

const COMPATS = [undefined, '2026.3'] as const;

describe('the login shell never gets a working folder\'s .env values', () => {
  for (const compat of COMPATS) {
    it(`the shell's env: the process env and ~/.openclaw/.env, not the repository's (${compat ?? '2026.6'} rules)`, () =>
      withTempDir((root) => {
        const r = writeSteeringRepo(root);
        // The user's own file also names the prefix: the repository's value shadows it in the
        // report (a working folder's .env comes first), but the shell gets the user's.
        writeTree(r.home, { '.openclaw/.env': `SOME_PREFIX=${r.home}/own\nOWN_FILE_VAR=from-state-dotenv\n` });
        const requests: LoginShellRequest[] = [];
        const state = loadOpenClawState({
          env: { HOME: r.home, PATH: '/usr/bin:/bin', PROCESS_VAR: 'from-process' },
          mode: 'shell',
          cwd: r.repo,
          ...(compat ? { compat } : {}),
          loginShell: (request) => {
            requests.push(request);
            return { ok: true, env: new Map([['ANTHROPIC_API_KEY', STEERING_KEY]]) };
          },
        });
        assert.equal(requests.length, 1, 'the shell ran once');
        const shellEnv = requests[0]!.env;
        assert.equal(shellEnv.SOME_PREFIX, `${r.home}/own`);
        assert.equal(shellEnv.XDG_CONFIG_HOME, undefined);
        assert.equal(shellEnv.OWN_FILE_VAR, 'from-state-dotenv');
        assert.equal(shellEnv.PROCESS_VAR, 'from-process');
        assert.equal(shellEnv.HOME, r.home);
        assert.ok(!Object.values(shellEnv).some((v) => v.includes(r.repo)), 'no value of the repository reaches the shell');
        // The report still says what the working folder's .env holds, and the import worked.
        assert.equal(state.env.values.get('SOME_PREFIX')?.origin, 'cwd-dotenv');
        assert.equal(state.env.values.get('XDG_CONFIG_HOME')?.value, `${r.repo}/.config`);
        assert.deepEqual(state.env.loginShell.appliedKeys, ['ANTHROPIC_API_KEY']);
      }));

    it(`openclaw-auth status run in the repository never runs its code (${compat ?? '2026.6'} rules)`, () =>
      withTempDir((root) => {
        const r = writeSteeringRepo(root);
        const run = spawnSync(process.execPath, [cliPath, 'status', '--json', ...(compat ? ['--compat', compat] : [])], {
          env: { PATH: process.env.PATH ?? '', HOME: r.home, TZ: 'UTC', NO_COLOR: '1' },
          cwd: r.repo,
          encoding: 'utf8',
          timeout: 30_000,
        });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(profileRuns(r), 1, "the user's own profile ran");
        assert.equal(fs.readFileSync(r.profileRan, 'utf8').trim(), r.home, 'the shell runs in the home folder, not the repository');
        assert.ok(!fs.existsSync(r.marker), "the repository's code ran in the login shell");
        const doc = JSON.parse(run.stdout) as { auth: { providers: { provider: string; env?: { source: string } }[] } };
        assert.equal(doc.auth.providers.find((p) => p.provider === 'anthropic')?.env?.source, 'shell env: ANTHROPIC_API_KEY');
        assert.ok(!run.stdout.includes(STEERING_KEY) && !run.stderr.includes(STEERING_KEY), 'no secret in the output');
        assert.ok(fs.existsSync(path.join(r.repo, '.tool', 'env')), 'the payload was in place');
      }));
  }
});
