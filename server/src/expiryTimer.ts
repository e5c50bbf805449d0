import { OAUTH_REFRESH_MARGIN_MS } from './openclaw/expiry.js';
import type { OpenClawState } from './openclaw/state.js';

/** setTimeout cannot wait longer than 2^31-1 ms (about 24.8 days); longer waits are chained. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The next moment any credential's state changes by the clock alone: a token or OAuth credential
 * enters the warning window (OpenClaw warns 24 h before expiry; OAuth never less than its 5-minute
 * refresh margin), expires, or leaves a cooldown. Undefined when nothing will change.
 */
export function nextThresholdCrossing(state: OpenClawState): number | undefined {
  let next: number | undefined;
  const consider = (at: number) => {
    if (at > state.now && (next === undefined || at < next)) next = at;
  };
  for (const agent of state.agents) {
    for (const profile of agent.status.profiles) {
      if (profile.expiresAt === undefined || profile.type === 'api_key') continue;
      const window = profile.type === 'oauth' ? Math.max(state.warnMs, OAUTH_REFRESH_MARGIN_MS) : state.warnMs;
      consider(profile.expiresAt - window);
      consider(profile.expiresAt);
    }
    for (const unusable of agent.status.unusableProfiles) consider(unusable.until);
  }
  return next;
}

/**
 * Holds at most one pending timer for the next threshold crossing: scheduling again replaces it,
 * so the server never polls and never stacks timers.
 */
export class ThresholdTimer {
  private handle: NodeJS.Timeout | undefined;

  constructor(
    private readonly onCrossing: () => void,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Fires `onCrossing` once the clock reaches `at` (plus a millisecond, so `now >= at` holds). */
  schedule(at: number | undefined): void {
    this.cancel();
    if (at === undefined) return;
    const delay = Math.max(0, at - this.clock() + 1);
    this.handle = setTimeout(() => {
      this.handle = undefined;
      // A wait longer than setTimeout allows arrives early: wait the rest.
      if (this.clock() < at) this.schedule(at);
      else this.onCrossing();
    }, Math.min(delay, MAX_TIMEOUT_MS));
    this.handle.unref?.();
  }

  cancel(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
  }
}
