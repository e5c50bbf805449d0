import fs from 'node:fs';
import path from 'node:path';

/**
 * Installs a stand-in command (a shell script of `lines`) the way users get a CLI on PATH: in
 * ~/.local/bin of the session's HOME, put first on PATH by their shell profile. code-server's
 * extension host and its terminals take PATH from the login and interactive shells, whose
 * /etc/profile would drop a PATH given to code-server itself.
 */
export function installStandIn(home: string, name: string, lines: string[]): string {
  const dir = path.join(home, '.local/bin');
  fs.mkdirSync(dir, { recursive: true });
  for (const rc of ['.profile', '.bashrc']) fs.writeFileSync(path.join(home, rc), 'PATH="$HOME/.local/bin:$PATH"\n');
  const script = path.join(dir, name);
  fs.writeFileSync(script, ['#!/bin/sh', ...lines].join('\n') + '\n', { mode: 0o755 });
  return script;
}
