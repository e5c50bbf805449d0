import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Every entry under `root` with its kind, mode, owner, size, modification time and (for files) a
 * hash of its bytes. Folders carry their modification time too, so a file created and removed again
 * during a read still shows. Access times are left out: reading is allowed to update them.
 */
export function fingerprintTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const s = fs.lstatSync(full, { bigint: true });
      const rel = path.relative(root, full);
      const head = `${s.mode.toString(8)} ${s.uid}:${s.gid} ${s.size} ${s.mtimeNs}`;
      if (s.isDirectory()) {
        out[rel + '/'] = head;
        walk(full);
      } else if (s.isSymbolicLink()) out[rel] = `${head} -> ${fs.readlinkSync(full)}`;
      else out[rel] = `${head} ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
    }
  };
  const top = fs.lstatSync(root, { bigint: true });
  out['./'] = `${top.mode.toString(8)} ${top.uid}:${top.gid} ${top.mtimeNs}`;
  walk(root);
  return out;
}
