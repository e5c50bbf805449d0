import type { AuthStore, Credential, UsageStats } from '../credential.js';
import type { ProfileHealth, ProfileHealthRule } from './health.js';
import type { EnvValue } from '../env/envSources.js';
import type { AuthRouting, Eligibility } from './profileOrder.js';
import type { EnvKeyMatch, ProviderCatalog } from '../env/providerCatalog.js';
import { profileDisplayLabel, profileLabel, type LabelContext } from './providerOverview.js';
import { keepShapeAlive } from '../keepShapeAlive.js';

interface Entry {
  credential: Credential;
  display: string | undefined;
  health: ProfileHealth | undefined;
  /** The usage stats the label was made with: an agent may override main's stats for a profile. */
  labelStats: UsageStats | undefined;
  label: string | undefined;
}

/**
 * What one stored profile resolves to on its own (display label, health, masked label), and which
 * providers have a key in the environment, kept for one load. Every agent's merged store holds main's very credential objects, so a home of N agents
 * resolves each of main's profiles once instead of N times. An answer is reused only for the very
 * credential object it was made for: the same id in another agent's own store is resolved afresh.
 * One instance serves one load only: the config, `now`, `warnMs`, rules and env must not change.
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
    private readonly catalog: ProviderCatalog,
    private readonly env: ReadonlyMap<string, EnvValue>,
  ) {
    keepShapeAlive(this);
  }

  private envKeys: Map<string, EnvKeyMatch | undefined> | undefined;
  private envProviders: readonly string[] | undefined;

  /** The provider's key in the environment (the same answer for every agent of the load; shared, do not modify). */
  envKey(provider: string): EnvKeyMatch | undefined {
    this.envKeys ??= new Map();
    if (this.envKeys.has(provider)) return this.envKeys.get(provider);
    const match = this.catalog.resolveEnvKey(provider, this.env);
    this.envKeys.set(provider, match);
    return match;
  }

  /** Providers that have a key in the environment, in the catalog's order. */
  providersWithEnvKey(): readonly string[] {
    this.envProviders ??= this.catalog.envLookupProviders().filter((p) => this.envKey(p));
    return this.envProviders;
  }

  /** The entry for this id and this very credential object; undefined when another agent holds its own credential under the id. */
  private entry(profileId: string, credential: Credential): Entry | undefined {
    const e = this.entries.get(profileId);
    if (!e) {
      // Every field from the start: fields added later would give each entry a chain of hidden
      // classes that dies with the load, and a full GC then throws away the code built for them.
      const created: Entry = { credential, display: undefined, health: undefined, labelStats: undefined, label: undefined };
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
  health(profileId: string, credential: Credential, label: string, eligibility?: Eligibility): ProfileHealth {
    const e = this.entry(profileId, credential);
    if (!e) return this.healthRule(profileId, credential, label, this.now, this.warnMs, eligibility);
    e.health ??= this.healthRule(profileId, credential, label, this.now, this.warnMs, eligibility);
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
