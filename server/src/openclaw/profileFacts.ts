import type { AuthStore, Credential, UsageStats } from './credential.js';
import type { ProfileHealth, ProfileHealthRule } from './health.js';
import type { AuthRouting } from './profileOrder.js';
import { profileDisplayLabel, profileLabel, type LabelContext } from './providerOverview.js';

interface Entry {
  credential: Credential;
  display?: string;
  health?: ProfileHealth;
  /** The usage stats the label was made with: an agent may override main's stats for a profile. */
  labelStats?: UsageStats;
  label?: string;
}

/**
 * What one stored profile resolves to on its own (display label, health, masked label), kept for
 * one load. Every agent's merged store holds main's very credential objects, so a home of N agents
 * resolves each of main's profiles once instead of N times. An answer is reused only for the very
 * credential object it was made for: the same id in another agent's own store is resolved afresh.
 * One instance serves one load only: the config, `now`, `warnMs` and rules must not change.
 */
export class ProfileFacts {
  // By id, then checked by identity: a Map of strings is cheaper than a WeakMap, whose entries every GC has to trace.
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rawConfig: Record<string, unknown>,
    private readonly routing: AuthRouting,
    private readonly healthRule: ProfileHealthRule,
    private readonly now: number,
    private readonly warnMs: number,
  ) {}

  /** The entry for this id and this very credential object; undefined when another agent holds its own credential under the id. */
  private entry(profileId: string, credential: Credential): Entry | undefined {
    const e = this.entries.get(profileId);
    if (!e) {
      const created: Entry = { credential };
      this.entries.set(profileId, created);
      return created;
    }
    return e.credential === credential ? e : undefined;
  }

  /** `profileId (displayName)` / `profileId (email)` / `profileId`. */
  displayLabel(profileId: string, store: AuthStore): string {
    const credential = store.profiles[profileId];
    const e = credential && this.entry(profileId, credential);
    if (!e) return profileDisplayLabel(profileId, store, this.routing, this.rawConfig);
    e.display ??= profileDisplayLabel(profileId, store, this.routing, this.rawConfig);
    return e.display;
  }

  /** The profile's health (shared, never to be mutated). `label` must be `displayLabel` of the same profile. */
  health(profileId: string, credential: Credential, label: string): ProfileHealth {
    const e = this.entry(profileId, credential);
    if (!e) return this.healthRule(profileId, credential, label, this.now, this.warnMs);
    e.health ??= this.healthRule(profileId, credential, label, this.now, this.warnMs);
    return e.health;
  }

  /** The masked `profiles.labels` entry; reused while the credential and its usage stats are the same objects. */
  label(profileId: string, credential: Credential, ctx: LabelContext): string {
    const e = this.entry(profileId, credential);
    if (!e) return profileLabel(profileId, credential, ctx);
    const stats = ctx.store.usageStats?.[profileId];
    if (e.label === undefined || e.labelStats !== stats) {
      e.label = profileLabel(profileId, credential, ctx);
      e.labelStats = stats;
    }
    return e.label;
  }
}
