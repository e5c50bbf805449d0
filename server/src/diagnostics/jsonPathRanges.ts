import * as chars from '../openclaw/jsonDepth.js';

/**
 * Where given JSON paths are in a text JSON.parse accepted, in one pass that skips every value no
 * asked-for path goes through: strings by `indexOf`, containers by counting brackets. Building
 * jsonc-parser's whole tree of a 1 MB store costs several times JSON.parse itself, and the
 * editor re-checks on every pause in typing. Of a name given twice, the last place wins, as the
 * value JSON.parse (and so OpenClaw) keeps is the last one.
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
  /** This path's own, when the names of the object here are checked for repeats. */
  duplicatesOf?: JsonPath;
}

/** A property name given again later in the same object: JSON.parse keeps only the last one. */
export interface RepeatedName {
  /** The object's path. */
  object: JsonPath;
  name: string;
  /** The earlier property, whose value JSON.parse throws away (name start to value end). */
  keyStart: number;
  keyEnd: number;
  valueEnd: number;
}

/** A map key for a path (JSON of it: unambiguous between "1" and 1). */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/**
 * The ranges of `paths` that exist in `text` (which must be valid JSON), keyed by pathKey, and in
 * the same pass the names repeated within the objects at `repeatsUnder`.
 */
export function jsonPathRanges(text: string, paths: readonly JsonPath[], repeatsUnder: readonly JsonPath[] = []): { ranges: Map<string, PathRange>; repeated: RepeatedName[] } {
  const root: Trie = { children: new Map() };
  const nodeAt = (path: JsonPath): Trie => {
    let node = root;
    for (const segment of path) {
      let next = node.children.get(segment);
      if (!next) node.children.set(segment, (next = { children: new Map() }));
      node = next;
    }
    return node;
  };
  for (const path of paths) nodeAt(path).wanted = pathKey(path);
  for (const path of repeatsUnder) nodeAt(path).duplicatesOf = path;
  const walked: Walk = { text, ranges: new Map(), repeated: [] };
  const start = skipBlanks(text, 0);
  const end = walk(walked, start, root);
  if (root.wanted) walked.ranges.set(root.wanted, { valueStart: start, valueEnd: end });
  return { ranges: walked.ranges, repeated: walked.repeated };
}

interface Walk {
  text: string;
  ranges: Map<string, PathRange>;
  repeated: RepeatedName[];
}

/** Walks the value at `pos` along the paths of `trie`; returns where the value ends. */
function walk(walked: Walk, pos: number, trie: Trie): number {
  const { text, ranges: found } = walked;
  if (trie.children.size === 0 && !trie.duplicatesOf) return skipValue(text, pos);
  const open = text.charCodeAt(pos);
  if (open === OPEN_BRACE) {
    pos = skipBlanks(text, pos + 1);
    if (text.charCodeAt(pos) === CLOSE_BRACE) return pos + 1;
    // Per name, the last place it was seen (only when repeats are looked for here).
    const seen = trie.duplicatesOf ? new Map<string, { keyStart: number; keyEnd: number; valueEnd: number }>() : undefined;
    for (;;) {
      const keyStart = pos;
      const keyEnd = stringEnd(text, pos);
      const raw = text.slice(keyStart + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
      pos = skipBlanks(text, skipBlanks(text, keyEnd) + 1); // past the colon
      const child = trie.children.get(key);
      const valueStart = pos;
      pos = child ? walk(walked, pos, child) : skipValue(text, pos);
      if (child?.wanted) found.set(child.wanted, { keyStart, keyEnd, valueStart, valueEnd: pos });
      if (seen) {
        const before = seen.get(key);
        if (before) walked.repeated.push({ object: trie.duplicatesOf!, name: key, ...before });
        seen.set(key, { keyStart, keyEnd, valueEnd: pos });
      }
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
      pos = child ? walk(walked, pos, child) : skipValue(text, pos);
      if (child?.wanted) found.set(child.wanted, { valueStart, valueEnd: pos });
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
// Local bindings of the shared codes: an imported binding can cost a getter call per read (CommonJS
// interop under tsx), too much in a per-character loop.
const { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE } = chars;
