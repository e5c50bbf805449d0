/** One `KEY=value` assignment in an env file, with character offsets into the text. */
export interface EnvAssignment {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** From the first character of the assignment (`export` included) to the end of its value. */
  start: number;
  end: number;
}

export interface EnvFileLayout {
  assignments: EnvAssignment[];
  /** Lines that are neither blank, a comment, nor an assignment: dotenv skips them silently. */
  ignoredLines: { start: number; end: number }[];
}

/*
 * The grammar dotenv's parser accepts (optional `export`, `=` or `: `, single/double/back-quoted
 * values that may span lines, trailing comments), written to also give positions: dotenv.parse
 * itself returns only the values. `\r` is blanked to a space first so offsets stay those of the text.
 */
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*?|:[ \t]+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?[ \t]*(?:#.*)?$/gm;

/** Where each assignment and each skipped line is, in the order of the file. */
export function scanEnvText(text: string): EnvFileLayout {
  const source = text.replace(/\r/g, ' ');
  const assignments: EnvAssignment[] = [];
  const ignoredLines: EnvFileLayout['ignoredLines'] = [];
  let covered = 0;
  const scanGap = (from: number, to: number) => {
    let lineStart = from;
    for (const line of source.slice(from, to).split('\n')) {
      const trimmed = line.trim();
      if (trimmed && !trimmed.startsWith('#')) {
        const lead = line.length - line.trimStart().length;
        ignoredLines.push({ start: lineStart + lead, end: lineStart + line.trimEnd().length });
      }
      lineStart += line.length + 1;
    }
  };
  for (const match of source.matchAll(ASSIGNMENT)) {
    const key = match[1] ?? '';
    const matchStart = match.index ?? 0;
    scanGap(covered, matchStart);
    const lead = match[0].length - match[0].trimStart().length;
    const keyStart = matchStart + match[0].indexOf(key, lead);
    assignments.push({ key, keyStart, keyEnd: keyStart + key.length, start: matchStart + lead, end: matchStart + match[0].trimEnd().length });
    covered = matchStart + match[0].length;
  }
  scanGap(covered, source.length);
  return { assignments, ignoredLines };
}

/** The assignment dotenv keeps for `key` (the last one), if any. */
export function findEnvAssignment(text: string, key: string): EnvAssignment | undefined {
  return scanEnvText(text).assignments.filter((a) => a.key === key).at(-1);
}
