import { issue, words, type SourceIssue } from '../openclaw/issues.js';
import { jsonPathRanges, pathKey, type JsonPath, type RepeatedName } from './jsonPathRanges.js';

/**
 * Findings about a wrong value, and which field of the profile holds it. The engine locates every
 * finding on the property's name (what the CLI prints); in the editor the squiggle goes under the
 * offending value itself, as linters do. A secret is marked by its range only, never quoted.
 */
const VALUE_FIELDS: Record<string, (path: readonly (string | number)[]) => string[]> = {
  'store/invalid-type': () => ['type', 'mode'],
  'profile/id-provider-mismatch': () => ['provider'],
  'profile/api-key-as-token': () => ['token'],
  'profile/setup-token-as-api-key': () => ['key'],
  'profile/oauth-access-token-field': () => ['accessToken'],
  'profile/token-truncated': () => ['token'],
  'profile/secret-line-break': (p) => (typeof p[2] === 'string' ? [p[2]] : []),
  'profile/expires-in-seconds': () => ['expires'],
  'profile/expired': () => ['expires'],
  'profile/expiring': () => ['expires'],
};

interface Target {
  path: JsonPath;
  /** The value's range, or the property name's (the engine's choice, what the CLI prints). */
  part: 'value' | 'name';
}

/**
 * Gives unlocated findings of a valid JSON store their ranges, in one pass over the text
 * (jsonPathRanges.ts): a wrong value on that value, anything else where the engine puts it (the
 * property's name, an array element, the start of the file for the file as a whole). The same pass
 * adds a finding for each top-level name or profile id written twice (JSON.parse drops the first).
 */
export function locateForEditor(text: string, issues: readonly SourceIssue[], file: string): SourceIssue[] {
  const targets = issues.map(targetsOf);
  const { ranges, repeated } = jsonPathRanges(text, targets.flat().map((t) => t.path), [[], ['profiles']]);
  const located = issues.map((issue, n) => {
    for (const target of targets[n]!) {
      const range = ranges.get(pathKey(target.path));
      if (!range) continue;
      const [start, end] = target.part === 'name' && range.keyStart !== undefined ? [range.keyStart, range.keyEnd!] : [range.valueStart, range.valueEnd];
      return { ...issue, offset: start, length: end - start };
    }
    return { ...issue, offset: 0, length: 0 };
  });
  return [...located, ...repeated.map((r) => repeatedNameIssue(r, file))];
}

/** `store/duplicate-key` on the earlier name, the one whose value is lost. */
function repeatedNameIssue(r: RepeatedName, file: string): SourceIssue {
  const message = r.object.length === 0
    ? words('"{0}" is written again further down; JSON.parse, and so OpenClaw, keeps only that later one.', r.name)
    : words('Profile "{0}" is written again further down; JSON.parse, and so OpenClaw, keeps only that later one.', r.name);
  return { ...issue('store/duplicate-key', 'warning', file, message, [...r.object, r.name]), offset: r.keyStart, length: r.keyEnd - r.keyStart };
}

function targetsOf(issue: SourceIssue): Target[] {
  const path = issue.path;
  if (!path) return [];
  const own: Target = { path, part: 'name' };
  const fields = VALUE_FIELDS[issue.code];
  if (!fields || path[0] !== 'profiles' || typeof path[1] !== 'string') return [own];
  const profile = ['profiles', path[1]];
  return [...fields(path).map((f): Target => ({ path: [...profile, f], part: 'value' })), own];
}
