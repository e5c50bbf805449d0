import { parseTree } from 'jsonc-parser';
import type { SourceIssue } from '../openclaw/issues.js';
import { shallowJsonText } from '../openclaw/jsonDepth.js';
import { nodeFinder } from '../openclaw/jsonLocate.js';

/**
 * Findings about a wrong value, and which field of the profile holds it. The engine locates every
 * finding on the property's name (what the CLI prints); in the editor the squiggle goes under the
 * offending value itself, as linters do. A secret is marked by its range only, never quoted.
 */
const VALUE_FIELD: Record<string, (path: (string | number)[], hasField: (field: string) => boolean) => string | undefined> = {
  'store/invalid-type': (_p, has) => (has('type') ? 'type' : has('mode') ? 'mode' : undefined),
  'profile/id-provider-mismatch': () => 'provider',
  'profile/api-key-as-token': () => 'token',
  'profile/setup-token-as-api-key': () => 'key',
  'profile/oauth-access-token-field': () => 'accessToken',
  'profile/token-truncated': () => 'token',
  'profile/secret-line-break': (p) => (typeof p[2] === 'string' ? p[2] : undefined),
  'profile/expires-in-seconds': () => 'expires',
  'profile/expired': () => 'expires',
  'profile/expiring': () => 'expires',
};

/** The same findings, those about a value moved onto that value's range (others unchanged). */
export function pointAtValues(text: string, issues: SourceIssue[]): SourceIssue[] {
  if (!issues.some((i) => VALUE_FIELD[i.code] && i.path?.[0] === 'profiles')) return issues;
  const root = parseTree(shallowJsonText(text), [], { allowTrailingComma: false, disallowComments: true });
  if (!root) return issues;
  const find = nodeFinder(root);
  return issues.map((i) => {
    const field = VALUE_FIELD[i.code];
    if (!field || !i.path || i.path[0] !== 'profiles' || typeof i.path[1] !== 'string') return i;
    const profilePath = ['profiles', i.path[1]];
    const name = field(i.path, (f) => find([...profilePath, f]) !== undefined);
    const node = name ? find([...profilePath, name]) : undefined;
    return node ? { ...i, offset: node.offset, length: node.length } : i;
  });
}
