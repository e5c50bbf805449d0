import fs from 'node:fs';
import { issue, type SourceIssue } from './issues.js';

/** Files larger than this are not read: a credential file is a few kilobytes. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

export type FileReadResult =
  | { kind: 'ok'; text: string; symlinkTarget?: string; mtimeMs: number; mode: number }
  | { kind: 'missing' }
  | { kind: 'unreadable'; issue: SourceIssue };

export interface ReadOptions {
  maxBytes?: number;
  /**
   * The file is absent more often than not (auth-state.json): look before opening, since a failed
   * open throws and a thrown error costs several times a lookup (bench/status).
   */
  oftenMissing?: boolean;
}

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
/**
 * Open without following a symbolic link (a link fails with ELOOP and takes the slow path) and
 * without blocking on a FIFO. Where the flags do not exist (Windows), every file is looked at first.
 */
const OPEN_FLAGS = O_NOFOLLOW !== undefined && O_NONBLOCK !== undefined ? O_RDONLY | O_NOFOLLOW | O_NONBLOCK : undefined;

/**
 * Reads a text file without ever throwing: a missing file is normal, every other failure (folder in
 * its place, permissions, binary content, size) becomes an issue that says what to do.
 *
 * The usual case, a regular file, costs what `readFileSync` costs: open, fstat on the descriptor,
 * read, close. A separate lstat by path before it was the dearest system call of a fleet load.
 */
export function readTextFile(file: string, options: ReadOptions = {}): FileReadResult {
  const maxBytes = options.maxBytes ?? MAX_READ_BYTES;
  if (OPEN_FLAGS === undefined || options.oftenMissing) {
    let lstat: fs.Stats | undefined;
    try {
      lstat = fs.lstatSync(file, { throwIfNoEntry: false });
    } catch (error) {
      return failedLookup(file, error);
    }
    if (!lstat) return { kind: 'missing' };
    if (lstat.isSymbolicLink() || OPEN_FLAGS === undefined) return readFollowingLinks(file, maxBytes, lstat);
  }
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: O_NOFOLLOW met a symbolic link (a loop or a broken link included, which readFollowingLinks names).
    if (code === 'ELOOP') return readSymlink(file, maxBytes);
    // ENXIO: a socket, which cannot be opened as a file.
    if (code === 'ENXIO') return unreadable(file, 'not-a-file', NOT_A_FILE);
    return failedOpen(file, error);
  }
  return readAndClose(file, fd, maxBytes);
}

function readSymlink(file: string, maxBytes: number): FileReadResult {
  let lstat: fs.Stats | undefined;
  try {
    lstat = fs.lstatSync(file, { throwIfNoEntry: false });
  } catch (error) {
    return failedLookup(file, error);
  }
  return lstat ? readFollowingLinks(file, maxBytes, lstat) : { kind: 'missing' };
}

/** A symbolic link (or any file where O_NOFOLLOW does not exist): resolve it, then read what it points to. */
function readFollowingLinks(file: string, maxBytes: number, lstat: fs.Stats): FileReadResult {
  let symlinkTarget: string | undefined;
  if (lstat.isSymbolicLink()) {
    try {
      symlinkTarget = fs.realpathSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A loop never reaches a file either, but "does not exist" would send the user looking for the wrong thing.
      if (code === 'ELOOP') return unreadable(file, 'broken-symlink', 'This symbolic link loops back on itself (ELOOP), so it never reaches a file.');
      if (code === 'ENOENT' || code === 'ENOTDIR') return unreadable(file, 'broken-symlink', 'This is a symbolic link whose target does not exist.');
      return failedLookup(file, error);
    }
  }
  let stat: fs.Stats;
  try {
    stat = symlinkTarget === undefined ? lstat : fs.statSync(file);
  } catch (error) {
    return failedLookup(file, error);
  }
  // Checked before opening: opening a FIFO without O_NONBLOCK would wait for a writer.
  const refused = refusal(file, stat, maxBytes);
  if (refused) return refused;
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    return failedOpen(file, error);
  }
  const result = readAndClose(file, fd, maxBytes);
  if (result.kind === 'ok' && symlinkTarget) result.symlinkTarget = symlinkTarget;
  return result;
}

/** Reads an open file (refusing folders, devices and oversized files by its fstat) and closes it. */
function readAndClose(file: string, fd: number, maxBytes: number): FileReadResult {
  try {
    return readOpenFile(file, fd, fs.fstatSync(fd), maxBytes);
  } catch (error) {
    return failedOpen(file, error);
  } finally {
    fs.closeSync(fd);
  }
}

function readOpenFile(file: string, fd: number, stat: fs.Stats, maxBytes: number): FileReadResult {
  const refused = refusal(file, stat, maxBytes);
  if (refused) return refused;
  const text = fs.readFileSync(fd, 'utf8');
  if (isBinary(text)) return unreadable(file, 'binary', 'This file holds binary data, not text; OpenClaw cannot read it.');
  return { kind: 'ok', text, mtimeMs: stat.mtimeMs, mode: stat.mode };
}

/** Why a file that exists is not read: a folder, a device or pipe, or far too large for a credential file. */
function refusal(file: string, stat: fs.Stats, maxBytes: number): FileReadResult | undefined {
  if (stat.isDirectory()) return unreadable(file, 'is-directory', 'A folder stands where this file should be; OpenClaw reads nothing from it.');
  if (!stat.isFile()) return unreadable(file, 'not-a-file', NOT_A_FILE);
  if (stat.size > maxBytes) {
    return unreadable(file, 'too-large', `This file is ${Math.round(stat.size / 1048576)} MB, larger than the ${Math.round(maxBytes / 1048576)} MB a credential file may be; it was not read.`);
  }
  return undefined;
}

/**
 * A NUL in the first 8 KB is the usual sign of a binary file (git uses the same rule). A NUL byte,
 * and only a NUL byte, decodes to U+0000, so the decoded text can be searched directly.
 */
function isBinary(text: string): boolean {
  const nul = text.indexOf('\u0000');
  return nul >= 0 && nul < 8192;
}

const NOT_A_FILE = 'This is not a regular file; OpenClaw reads nothing from it.';

function failedLookup(file: string, error: unknown): FileReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  return unreadable(file, 'unreadable', `Cannot read this file (${code ?? 'error'}).`);
}

function failedOpen(file: string, error: unknown): FileReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  const hint = code === 'EACCES' || code === 'EPERM' ? ' Check its owner and permissions (OpenClaw writes it with mode 0600).' : '';
  return unreadable(file, 'unreadable', `Cannot read this file (${code ?? 'error'}).${hint}`);
}

function unreadable(file: string, code: string, message: string): FileReadResult {
  return { kind: 'unreadable', issue: issue(`file/${code}`, 'error', file, message) };
}
