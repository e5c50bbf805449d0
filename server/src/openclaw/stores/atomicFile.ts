import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/** Credential files are private to their owner, as OpenClaw writes them. */
export const SECRET_FILE_MODE = 0o600;

/**
 * Where a write to `file` lands: a symbolic link is followed (OpenClaw's `saveJsonFile` writes
 * through it to its target, keeping the link), anything else is written in place.
 */
export function writeTargetOf(file: string): string {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return file;
    throw error;
  }
  if (!stat.isSymbolicLink()) return file;
  return path.resolve(path.dirname(file), fs.readlinkSync(file));
}

/**
 * Replaces `file` with `text` so a reader (or a crash at any point) sees the old content or the new,
 * never a part: a temp file in the same folder, created exclusively with mode 0600, written and
 * fsynced, renamed over the target, then the folder fsynced so the rename itself survives a crash.
 */
export function replaceFileAtomically(file: string, text: string): void {
  const target = writeTargetOf(file);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${target}.${randomUUID()}.tmp`;
  const previousMtimeMs = mtimeMsOf(target);
  try {
    const fd = fs.openSync(temp, 'wx', SECRET_FILE_MODE);
    try {
      fs.writeFileSync(fd, text, 'utf8');
      // The umask can only remove bits; this also mends a temp created on a filesystem that ignores the mode.
      fs.fchmodSync(fd, SECRET_FILE_MODE);
      keepMtimeDistinct(fd, previousMtimeMs);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  syncFolder(dir);
}

/** Deletes `file` (through a symbolic link's target, as a write would); a missing file is fine. */
export function removeFileDurably(file: string): boolean {
  const target = writeTargetOf(file);
  try {
    fs.unlinkSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  syncFolder(path.dirname(target));
  return true;
}

function mtimeMsOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * A running OpenClaw caches each store keyed by its mtime (and auth-state.json's). File times tick
 * coarsely (a few ms on Linux), so a write right after the gateway's could carry the same mtime and
 * the gateway would keep writing from its stale copy, losing ours. Never give it the same mtime.
 */
function keepMtimeDistinct(fd: number, previousMtimeMs: number | undefined): void {
  if (previousMtimeMs === undefined) return;
  const stat = fs.fstatSync(fd);
  if (stat.mtimeMs > previousMtimeMs) return;
  const next = (previousMtimeMs + 1) / 1000;
  fs.futimesSync(fd, stat.atimeMs / 1000, next);
}

function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems (and Windows) cannot fsync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
