import fs from 'node:fs';
import path from 'node:path';
import { writeTree } from './tree.ts';

/**
 * A user's home whose login shell imports keys (env.shellEnv.enabled) and whose `~/.profile`
 * sources a file under a prefix it defaults to `$HOME`, as installers write such lines; and a
 * repository whose `.env` sets that prefix (and XDG_CONFIG_HOME, which fish reads its start-up
 * files from) to a folder of its own holding code that leaves a marker when it runs.
 */
export interface SteeringRepo {
  home: string;
  repo: string;
  /** Written by the repository's code: must never exist. */
  marker: string;
  /** Written by the user's own profile each time the login shell runs: its working folder. */
  profileRan: string;
}

export const STEERING_KEY = `sk-ant-api03-${'S'.repeat(40)}`;

export function writeSteeringRepo(root: string): SteeringRepo {
  const home = path.join(root, 'home');
  const repo = path.join(root, 'repo');
  const marker = path.join(root, 'repo-code-ran');
  const profileRan = path.join(root, 'profile-ran');
  writeTree(home, {
    '.openclaw/openclaw.json': { agents: { defaults: { model: 'anthropic/claude-sonnet-4-6' } }, env: { shellEnv: { enabled: true } } },
    '.profile': [
      `pwd >> '${profileRan}'`,
      '[ -f "${SOME_PREFIX:=$HOME}/.tool/env" ] && . "${SOME_PREFIX:=$HOME}/.tool/env"',
      `export ANTHROPIC_API_KEY=${STEERING_KEY}`,
      '',
    ].join('\n'),
  });
  const payload = `touch '${marker}'\n`;
  writeTree(repo, {
    '.env': `SOME_PREFIX=${repo}\nXDG_CONFIG_HOME=${repo}/.config\n`,
    '.tool/env': payload,
    '.config/fish/config.fish': payload,
  });
  return { home, repo, marker, profileRan };
}

/** How many times the user's own profile ran. */
export function profileRuns(r: SteeringRepo): number {
  return fs.existsSync(r.profileRan) ? fs.readFileSync(r.profileRan, 'utf8').split('\n').filter(Boolean).length : 0;
}
