import fs from 'node:fs';
import { issue, type SourceIssue } from './issues.js';

/** Files larger than this are not read: a credential file is a few kilobytes. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

export type FileReadResult =
  | { kind: 'ok'; text: string; symlinkTarget?: string; mtimeMs: number; mode: number }
  | { kind: 'missing' }
  | { kind: 'unreadable'; issue: SourceIssue };

/**
 * Reads a text file without ever throwing: a missing file is normal, every other failure (folder in
 * its place, permissions, binary content, size) becomes an issue that says what to do.
 */
export function readTextFile(file: string, maxBytes = MAX_READ_BYTES): FileReadResult {
  let stat: fs.Stats;
  let symlinkTarget: string | undefined;
  try {
    // Most optional files are absent; a thrown ENOENT costs far more than the read (bench/status).
    const lstat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!lstat) return { kind: 'missing' };
    if (lstat.isSymbolicLink()) {
      try {
        symlinkTarget = fs.realpathSync(file);
      } catch (error) {
        // A loop never reaches a file either, but "does not exist" would send the user looking for the wrong thing.
        const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
        return unreadable(file, 'broken-symlink', loop ? 'This symbolic link loops back on itself (ELOOP), so it never reaches a file.' : 'This is a symbolic link whose target does not exist.');
      }
    }
    // For anything but a symbolic link, lstat already describes the file itself: one system call fewer per file.
    stat = symlinkTarget === undefined ? lstat : fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return unreadable(file, 'unreadable', `Cannot read this file (${code ?? 'error'}).`);
  }
  if (stat.isDirectory()) return unreadable(file, 'is-directory', 'A folder stands where this file should be; OpenClaw reads nothing from it.');
  if (!stat.isFile()) return unreadable(file, 'not-a-file', 'This is not a regular file; OpenClaw reads nothing from it.');
  if (stat.size > maxBytes) {
    return unreadable(file, 'too-large', `This file is ${Math.round(stat.size / 1048576)} MB, larger than the ${Math.round(maxBytes / 1048576)} MB a credential file may be; it was not read.`);
  }
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EACCES' || code === 'EPERM' ? ' Check its owner and permissions (OpenClaw writes it with mode 0600).' : '';
    return unreadable(file, 'unreadable', `Cannot read this file (${code ?? 'error'}).${hint}`);
  }
  if (isBinary(buffer)) return unreadable(file, 'binary', 'This file holds binary data, not text; OpenClaw cannot read it.');
  const result: FileReadResult = { kind: 'ok', text: buffer.toString('utf8'), mtimeMs: stat.mtimeMs, mode: stat.mode };
  if (symlinkTarget) result.symlinkTarget = symlinkTarget;
  return result;
}

/** A NUL byte in the first 8 KB is the usual sign of a binary file (git uses the same rule). */
function isBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0);
}

function unreadable(file: string, code: string, message: string): FileReadResult {
  return { kind: 'unreadable', issue: issue(`file/${code}`, 'error', file, message) };
}
