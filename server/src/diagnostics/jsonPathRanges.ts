import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../openclaw/jsonDepth.js';

/**
 * Where given JSON paths are in a text JSON.parse accepted, in one pass that skips every value no
 * asked-for path goes through: strings by `indexOf`, containers by counting brackets. Building
 * jsonc-parser's whole tree of a 1 MB store costs several times JSON.parse itself, and the
 * editor re-checks on every pause in typing. The first property of a name wins, as in jsonLocate.ts.
 */
export type JsonPath = readonly (string | number)[];

export interface PathRange {
  /** The property name, quotes included (absent for array elements and the root). */
  keyStart?: number;
  keyEnd?: number;
  valueStart: number;
  valueEnd: number;
}

interface Trie {
  children: Map<string | number, Trie>;
  /** The path ending here, as `pathKey` makes it, when it was asked for. */
  wanted?: string;
}

/** A map key for a path (JSON of it: unambiguous between "1" and 1). */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/** The ranges of `paths` that exist in `text` (which must be valid JSON), keyed by pathKey. */
export function jsonPathRanges(text: string, paths: readonly JsonPath[]): Map<string, PathRange> {
  const root: Trie = { children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      let next = node.children.get(segment);
      if (!next) node.children.set(segment, (next = { children: new Map() }));
      node = next;
    }
    node.wanted = pathKey(path);
  }
  const found = new Map<string, PathRange>();
  const start = skipBlanks(text, 0);
  const end = walk(text, start, root, found);
  if (root.wanted) found.set(root.wanted, { valueStart: start, valueEnd: end });
  return found;
}

/** Walks the value at `pos` along the paths of `trie`; returns where the value ends. */
function walk(text: string, pos: number, trie: Trie, found: Map<string, PathRange>): number {
  if (trie.children.size === 0) return skipValue(text, pos);
  const open = text.charCodeAt(pos);
  if (open === OPEN_BRACE) {
    pos = skipBlanks(text, pos + 1);
    if (text.charCodeAt(pos) === CLOSE_BRACE) return pos + 1;
    for (;;) {
      const keyStart = pos;
      const keyEnd = stringEnd(text, pos);
      const raw = text.slice(keyStart + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
      pos = skipBlanks(text, skipBlanks(text, keyEnd) + 1); // past the colon
      const child = trie.children.get(key);
      const valueStart = pos;
      pos = child ? walk(text, pos, child, found) : skipValue(text, pos);
      if (child?.wanted && !found.has(child.wanted)) found.set(child.wanted, { keyStart, keyEnd, valueStart, valueEnd: pos });
      pos = skipBlanks(text, pos);
      if (text.charCodeAt(pos) === COMMA) pos = skipBlanks(text, pos + 1);
      else return pos + 1; // the closing brace
    }
  }
  if (open === OPEN_BRACKET) {
    pos = skipBlanks(text, pos + 1);
    if (text.charCodeAt(pos) === CLOSE_BRACKET) return pos + 1;
    for (let index = 0; ; index++) {
      const child = trie.children.get(index);
      const valueStart = pos;
      pos = child ? walk(text, pos, child, found) : skipValue(text, pos);
      if (child?.wanted && !found.has(child.wanted)) found.set(child.wanted, { valueStart, valueEnd: pos });
      pos = skipBlanks(text, pos);
      if (text.charCodeAt(pos) === COMMA) pos = skipBlanks(text, pos + 1);
      else return pos + 1;
    }
  }
  return skipValue(text, pos);
}

/** The end of the value at `pos`, without looking inside its strings. Iterative: any depth. */
function skipValue(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE) return stringEnd(text, pos);
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    while (pos < text.length && !isDelimiter(text.charCodeAt(pos))) pos++;
    return pos;
  }
  let depth = 0;
  for (; pos < text.length; pos++) {
    const ch = text.charCodeAt(pos);
    if (ch === QUOTE) pos = stringEnd(text, pos) - 1;
    else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) depth++;
    else if ((ch === CLOSE_BRACE || ch === CLOSE_BRACKET) && --depth === 0) return pos + 1;
  }
  return pos;
}

/** Just past the closing quote of the string opening at `pos`. */
function stringEnd(text: string, pos: number): number {
  let i = pos + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let b = q - 1; b > pos && text.charCodeAt(b) === BACKSLASH; b--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    i = q + 1;
  }
}

function skipBlanks(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return pos;
    pos++;
  }
  return pos;
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 32 || c === 9 || c === 10 || c === 13;
}

const COMMA = 44;
