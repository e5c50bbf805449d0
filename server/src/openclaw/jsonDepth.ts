/**
 * jsonc-parser (and so every range we give a finding) walks JSON recursively: a file nested a few
 * thousand levels deep overflows the stack. JSON.parse does not, and neither does OpenClaw, so such
 * a file must still get its findings. These helpers let the recursive walkers see a shallow copy.
 */

/** Deeper than this, a walker sees the value as `0`; no real credential file comes close. */
export const MAX_WALKED_DEPTH = 256;

/**
 * `text` with every value nested deeper than `maxDepth` replaced by `0` and spaces, so every offset
 * outside those values stays the same (ranges found in the copy hold in the original). The text
 * itself when nothing is that deep, which is the usual case: one scan, no new string.
 */
export function shallowJsonText(text: string, maxDepth = MAX_WALKED_DEPTH): string {
  if (!nestsDeeperThan(text, maxDepth)) return text;
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let cutFrom = -1; // where the value being blanked out starts
  let kept = 0; // text before this offset is already in `out`
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === SLASH) i = commentEnd(text, i);
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth === maxDepth + 1 && cutFrom < 0) cutFrom = i;
    } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) {
      depth--;
      if (depth === maxDepth && cutFrom >= 0) {
        out.push(text.slice(kept, cutFrom), '0', ' '.repeat(i - cutFrom));
        kept = i + 1;
        cutFrom = -1;
      }
    }
  }
  // An unclosed deep value (a truncated file) is blanked to the end: it is invalid JSON either way.
  if (cutFrom >= 0) out.push(text.slice(kept, cutFrom), '0', ' '.repeat(text.length - cutFrom - 1));
  else out.push(text.slice(kept));
  return out.join('');
}

/** Whether any `{` or `[` outside strings opens deeper than `maxDepth` levels. */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === SLASH) i = commentEnd(text, i);
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) depth--;
  }
  return false;
}

/** A comment (jsonc) starting at `i` ends at the returned offset; a lone slash is just itself. */
function commentEnd(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next === SLASH) {
    const end = text.indexOf('\n', i + 2);
    return end < 0 ? text.length : end;
  }
  if (next === STAR) {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 1;
  }
  return i;
}

/** Character codes the JSON scanners compare against (here and in the editor's jsonPathRanges.ts). */
export const QUOTE = 34;
const SLASH = 47;
const STAR = 42;
export const BACKSLASH = 92;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;
