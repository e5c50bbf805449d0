import type { FakeHomeCase } from '../support/fakeHome.ts';
import type { NormalizedAuth } from '../support/normalize.ts';

type Result = { auth: NormalizedAuth; check: number };

/**
 * Deliberate, documented differences between our status and OpenClaw's on the same files. Each
 * entry names the rule and why we keep it; a disagreement not explained here fails the test.
 */
export function explainDifference(_c: FakeHomeCase, _ours: Result, _theirs: Result | { error: string }): string | undefined {
  return undefined;
}
