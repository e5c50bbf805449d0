import fs from 'node:fs';
import { issue, words, type SourceIssue, type Words } from './issues.js';

/** Files larger than this are not read: a credential file is a few kilobytes. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;
/**
 * A file whose size is unknown (0 in its stat) is read in chunks until it ends; one still giving
 * data after this long is not a credential file (a kernel log behind a symbolic link never ends).
 */
export const MAX_READ_MS = 1000;

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
      if (code === 'ELOOP') return unreadable(file, 'broken-symlink', words('This symbolic link loops back on itself (ELOOP), so it never reaches a file.'));
      if (code === 'ENOENT' || code === 'ENOTDIR') return unreadable(file, 'broken-symlink', words('This is a symbolic link whose target does not exist.'));
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
  if (symlinkTarget !== undefined && isUnderPseudoFileSystem(symlinkTarget)) return unreadable(file, 'pseudo-file', PSEUDO_FILE);
  let fd: number;
  try {
    // Non-blocking here too: a kernel file behind the link may otherwise wait forever for data.
    fd = fs.openSync(file, OPEN_FLAGS === undefined ? 'r' : O_RDONLY | O_NONBLOCK);
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
  // procfs and sysfs files say they are regular; procfs ones say size 0, which real files rarely do.
  if (stat.size === 0 && isOnPseudoFileSystem(file)) return unreadable(file, 'pseudo-file', PSEUDO_FILE);
  const bytes = stat.size > 0 ? readKnownSize(fd, stat.size) : readUntilEnd(fd, maxBytes);
  if (bytes === 'too-large') return unreadable(file, 'too-large', words('This file grew past the {0} MB a credential file may be while it was read; it was not read.', Math.round(maxBytes / 1048576)));
  if (bytes === 'never-ends') return unreadable(file, 'never-ends', NEVER_ENDS);
  const text = bytes.toString('utf8');
  if (isBinary(text)) return unreadable(file, 'binary', words('This file holds binary data, not text; OpenClaw cannot read it.'));
  return { kind: 'ok', text, mtimeMs: stat.mtimeMs, mode: stat.mode };
}

/** Exactly `size` bytes (fewer if the file shrank meanwhile), as readFileSync reads a file of known size. */
function readKnownSize(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const n = fs.readSync(fd, buffer, filled, size - filled, null);
    if (n === 0) break;
    filled += n;
  }
  return filled === size ? buffer : buffer.subarray(0, filled);
}

/** A file of unknown size, in chunks, bounded by `maxBytes` and MAX_READ_MS. */
function readUntilEnd(fd: number, maxBytes: number): Buffer | 'too-large' | 'never-ends' {
  const chunks: Buffer[] = [];
  let total = 0;
  const deadline = Date.now() + MAX_READ_MS;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // Opened non-blocking: EAGAIN means the file waits for more data instead of ending.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return 'never-ends';
      throw error;
    }
    if (n === 0) return Buffer.concat(chunks, total);
    total += n;
    if (total > maxBytes) return 'too-large';
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    if (Date.now() > deadline) return 'never-ends';
  }
}

/** Where the kernel makes file content up: never a credential file, and some of it never ends (/proc/kmsg). */
const PSEUDO_FILE_SYSTEM_ROOTS = ['/proc', '/sys'];
/** statfs magic numbers of the same kind of file system, wherever it is mounted (linux/magic.h). */
const PSEUDO_FILE_SYSTEM_TYPES: ReadonlySet<number> = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x64626720, // debugfs
  0x74726163, // tracefs
  0x73636673, // securityfs
]);

function isUnderPseudoFileSystem(realPath: string): boolean {
  return PSEUDO_FILE_SYSTEM_ROOTS.some((root) => realPath === root || realPath.startsWith(`${root}/`));
}

function isOnPseudoFileSystem(file: string): boolean {
  try {
    return PSEUDO_FILE_SYSTEM_TYPES.has(fs.statfsSync(file).type);
  } catch {
    return false;
  }
}

/**
 * For readers that cannot go through readTextFile (SQLite opens the file itself): the issue when
 * `file`, after its links, is a kernel file, else undefined.
 */
export function kernelFileIssue(file: string): SourceIssue | undefined {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return undefined;
  }
  return isUnderPseudoFileSystem(real) || isOnPseudoFileSystem(real) ? issue('file/pseudo-file', 'error', file, PSEUDO_FILE) : undefined;
}

const PSEUDO_FILE = words('This file is made up by the kernel (/proc or /sys), not a file OpenClaw keeps credentials in; some such files never end, so it is not read.');
const NEVER_ENDS = words('Reading this file did not finish within {0} s: it keeps producing data like a device, not a file; it was not read.', MAX_READ_MS / 1000);

/** Why a file that exists is not read: a folder, a device or pipe, or far too large for a credential file. */
function refusal(file: string, stat: fs.Stats, maxBytes: number): FileReadResult | undefined {
  if (stat.isDirectory()) return unreadable(file, 'is-directory', words('A folder stands where this file should be; OpenClaw reads nothing from it.'));
  if (!stat.isFile()) return unreadable(file, 'not-a-file', NOT_A_FILE);
  if (stat.size > maxBytes) {
    return unreadable(file, 'too-large', words('This file is {0} MB, larger than the {1} MB a credential file may be; it was not read.', Math.round(stat.size / 1048576), Math.round(maxBytes / 1048576)));
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

const NOT_A_FILE = words('This is not a regular file; OpenClaw reads nothing from it.');

function failedLookup(file: string, error: unknown): FileReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  return unreadable(file, 'unreadable', words('Cannot read this file ({0}).', code ?? 'error'));
}

function failedOpen(file: string, error: unknown): FileReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  const denied = code === 'EACCES' || code === 'EPERM';
  return unreadable(file, 'unreadable', denied
    ? words('Cannot read this file ({0}). Check its owner and permissions (OpenClaw writes it with mode 0600).', code)
    : words('Cannot read this file ({0}).', code ?? 'error'));
}

function unreadable(file: string, code: string, message: Words): FileReadResult {
  return { kind: 'unreadable', issue: issue(`file/${code}`, 'error', file, message) };
}
