/**
 * dotenv ends an unquoted value at the first `#`, even one glued to it (`KEY=abc#def` reads `abc`):
 * a secret or URL holding a `#` is silently cut. Found per assignment from the raw line; the
 * value itself is never repeated, only its range given.
 */
export interface CutValue {
  /** Offsets of the whole unquoted text after `=`, up to the end of the line (trailing blanks excluded). */
  start: number;
  end: number;
}

export function findCutValue(text: string, keyEnd: number): CutValue | undefined {
  const lineEnd = endOfLine(text, keyEnd);
  const rest = text.slice(keyEnd, lineEnd);
  const assign = /^[ \t]*(?:=[ \t]*|:[ \t]+)/.exec(rest);
  if (!assign) return undefined;
  const start = keyEnd + assign[0].length;
  const value = text.slice(start, lineEnd).replace(/[ \t\r]+$/, '');
  if (value === '' || /^['"`]/.test(value)) return undefined;
  const hash = value.indexOf('#');
  // `KEY=value # note` is a comment, as intended; `KEY=#…` or `KEY=ab#cd` loses what follows.
  if (hash < 0 || (hash > 0 && /[ \t]/.test(value[hash - 1]!))) return undefined;
  return { start, end: start + value.length };
}

function endOfLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}
