import { parseTree, printParseErrorCode, visit, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import { formatWords, words, type SourceIssue, type Words } from './issues.js';
import { shallowJsonText } from './jsonDepth.js';

/**
 * Fills in character ranges for issues from their JSON path, and turns syntax errors into issues
 * at the exact place. Only runs when there is something to report, so the fast path stays JSON.parse.
 */
export function locateJsonIssues(original: string, issues: SourceIssue[]): SourceIssue[] {
  if (issues.length === 0) return issues;
  // The parser below recurses; a deeply nested value is located as a whole instead (same offsets).
  const text = shallowJsonText(original);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const out: SourceIssue[] = [];
  const find = root ? nodeFinder(root) : undefined;
  for (const i of issues) {
    if (i.code.endsWith('/invalid-json')) {
      // Editors on Windows may save a byte-order mark; JSON.parse (and so OpenClaw) rejects it, and "invalid symbol" would not say why.
      if (text.charCodeAt(0) === 0xfeff) {
        out.push({ ...i, ...withWords(words('{0} (it starts with a byte-order mark: save it as UTF-8 without BOM)', i.words ?? i.message)), offset: 0, length: 1 });
        continue;
      }
      const first = errors[0] ?? syntaxErrorFromVisit(text);
      if (first) {
        // An error at the very end (truncated file) gets the last character, so the range stays inside the text.
        const offset = Math.max(0, Math.min(first.offset, text.length - 1));
        const length = Math.min(Math.max(first.length, 1), text.length - offset);
        out.push({ ...i, ...withWords(words('{0} ({1} at {2})', i.words ?? i.message, words(describeParseError(first.error)), lineColWords(text, first.offset))), offset, length });
      } else {
        out.push({ ...i, offset: 0, length: Math.min(text.length, 1) });
      }
      continue;
    }
    const node = find && i.path ? find(i.path) : undefined;
    // Point at the property name when there is one: it is what the user looks for.
    const target = node?.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node;
    out.push(target ? { ...i, offset: target.offset, length: target.length } : { ...i, offset: 0, length: 0 });
  }
  return out;
}

/**
 * jsonc-parser's findNodeAtLocation, with each object's properties indexed on first use: it scans
 * them per question, which made 20 000 findings in one large store quadratic (seconds). The same
 * answers: the first property of a name wins, and only a complete one (name and value).
 */
function nodeFinder(root: Node): (path: JSONPath) => Node | undefined {
  const indexes = new Map<Node, Map<string, Node>>();
  const propertiesOf = (node: Node): Map<string, Node> => {
    let index = indexes.get(node);
    if (!index) {
      index = new Map();
      for (const property of node.children ?? []) {
        const [name, value] = property.children ?? [];
        if (property.children?.length === 2 && name && value && typeof name.value === 'string' && !index.has(name.value)) index.set(name.value, value);
      }
      indexes.set(node, index);
    }
    return index;
  };
  return (path) => {
    let node: Node | undefined = root;
    for (const segment of path) {
      if (typeof segment === 'string') {
        if (node.type !== 'object' || !Array.isArray(node.children)) return undefined;
        node = propertiesOf(node).get(segment);
      } else {
        if (node.type !== 'array' || segment < 0 || !Array.isArray(node.children) || segment >= node.children.length) return undefined;
        node = node.children[segment];
      }
      if (!node) return undefined;
    }
    return node;
  };
}

function syntaxErrorFromVisit(text: string): ParseError | undefined {
  let found: ParseError | undefined;
  visit(text, { onError: (error, offset, length) => { found ??= { error, offset, length }; } });
  return found;
}

/** The English message of `w` (what the CLI prints) and the words it comes from (for the editor's language). */
function withWords(w: Words): { message: string; words: Words } {
  return { message: formatWords(w), words: w };
}

/** "value expected", "comma expected": jsonc-parser's error name in words (a template of its own, translated). */
export function describeParseError(code: number): string {
  return printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** "line 3, column 7", 1-based like editors show it. */
export function lineCol(text: string, offset: number): string {
  return formatWords(lineColWords(text, offset));
}

function lineColWords(text: string, offset: number): Words {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return words('line {0}, column {1}', line, offset - last);
}
