import catalog20260906 from '../data/provider-catalog-2026.9.6.json';
import catalog20260601 from '../data/provider-catalog-2026.6.1.json';
import catalog20260313 from '../data/provider-catalog-2026.3.13.json';
import { normalizeProviderId } from '../providerIds.js';
import type { EnvValue } from './envSources.js';

/** Provider facts of one OpenClaw release, extracted by scripts/extract-provider-catalog.mjs. */
export interface ProviderCatalogData {
  openclawVersion: string;
  envCandidates: Record<string, string[]>;
  envLookupAliases: Record<string, string>;
  authAliases: Record<string, string>;
  cliProviders: string[];
  nonSecretMarkers: string[];
  cooldownBypassProviders: string[];
  /** `models.providers` ids that may leave out `baseUrl` and `models` (absent before 2026.6: no such rule). */
  modelProviderOverlayIds?: string[];
  /** 2026.9: per provider, the models of the plugins that start with the CLI (scripts/extract-provider-catalog.mjs). */
  startupModels?: Record<string, string[]>;
  /** 2026.9: per provider, the model its plugin names as `defaultUtilityModel` (anthropic → claude-haiku-4-5). */
  defaultUtilityModels?: Record<string, string>;
}

/** A provider's key found in the environment. */
export interface EnvKeyMatch {
  /** The variable's name, e.g. ANTHROPIC_API_KEY. */
  variable: string;
  /** The value as OpenClaw reads it (line breaks and non-Latin-1 characters removed). Never shown. */
  secret: string;
  /** OpenClaw's `source` text: `env: NAME` (or `shell env: NAME` when imported from the login shell). */
  source: string;
  /** Where the value really came from (process, a .env file, the config's env block). */
  origin: EnvValue;
}

export class ProviderCatalog {
  private readonly bypass: Set<string>;
  private readonly cli: Set<string>;
  private readonly markers: Set<string>;

  constructor(readonly data: ProviderCatalogData) {
    this.bypass = new Set(data.cooldownBypassProviders);
    this.cli = new Set(data.cliProviders);
    this.markers = new Set(data.nonSecretMarkers);
    this.overlays = data.modelProviderOverlayIds ? new Set(data.modelProviderOverlayIds) : undefined;
    this.longestMarker = Math.max(0, ...data.nonSecretMarkers.map((m) => m.length));
  }

  /**
   * 2026.9: whether a plugin that starts with the CLI lists this model, so that `models status` can
   * judge its auth. Releases without the list (older ones) judge every model.
   */
  judgesModelAuth(provider: string, model: string): boolean {
    const models = this.data.startupModels;
    if (!models) return true;
    const p = normalizeProviderId(provider);
    return Object.hasOwn(models, p) && (models[p] ?? []).includes(model);
  }

  /** 2026.9: the utility model a provider's plugin declares (`claude-haiku-4-5` for anthropic), if any. */
  defaultUtilityModel(provider: string): string | undefined {
    const models = this.data.defaultUtilityModels;
    const p = normalizeProviderId(provider);
    return models && Object.hasOwn(models, p) ? models[p] : undefined;
  }

  private readonly longestMarker: number;
  private readonly overlays: ReadonlySet<string> | undefined;

  /** Whether a `models.providers` entry for this id may be a bare overlay (no `baseUrl`, no `models`). */
  isModelProviderOverlay(provider: string): boolean {
    return !this.overlays || this.overlays.has(normalizeProviderId(provider));
  }

  // The catalog is fixed data: answers per provider id are computed once (a fleet home asks
  // the same few dozen ids for every profile of every agent).
  private readonly authIds = new Map<string, string>();
  private readonly envCandidateLists = new Map<string, readonly string[]>();

  /** The provider id OpenClaw groups credentials under (`claude-cli` → `anthropic`). */
  authProviderId(provider: string): string {
    let id = this.authIds.get(provider);
    if (id === undefined) {
      const p = normalizeProviderId(provider);
      id = this.data.authAliases[p] ?? p;
      this.authIds.set(provider, id);
    }
    return id;
  }

  /** Env variables that can carry this provider's key, first match wins. */
  envCandidates(provider: string): string[] {
    return [...this.candidateVariables(provider)];
  }

  private candidateVariables(provider: string): readonly string[] {
    let list = this.envCandidateLists.get(provider);
    if (list === undefined) {
      const p = normalizeProviderId(provider);
      const key = this.data.envLookupAliases[p] ?? p;
      list = this.data.envCandidates[key] ?? [];
      this.envCandidateLists.set(provider, list);
    }
    return list;
  }

  private envVariables: Set<string> | undefined;
  /** Every variable name that can carry some provider's key. */
  allEnvVariables(): ReadonlySet<string> {
    this.envVariables ??= new Set(Object.values(this.data.envCandidates).flat());
    return this.envVariables;
  }

  /** Providers that get a status row when one of their env variables is set. */
  envLookupProviders(): string[] {
    this.lookupProviders ??= [...new Set([...Object.keys(this.data.envCandidates), ...Object.keys(this.data.envLookupAliases)])].sort((a, b) => a.localeCompare(b));
    return [...this.lookupProviders];
  }
  private lookupProviders: string[] | undefined;

  /** The first candidate variable with a usable value. */
  resolveEnvKey(provider: string, env: ReadonlyMap<string, EnvValue>): EnvKeyMatch | undefined {
    for (const variable of this.candidateVariables(provider)) {
      const origin = env.get(variable);
      if (!origin) continue;
      const secret = normalizeSecretInput(origin.value);
      if (secret) return { variable, secret, source: `${origin.origin === 'login-shell' ? 'shell env' : 'env'}: ${variable}`, origin };
    }
    return undefined;
  }

  /** CLI-backed providers (claude-cli, …) bring their own login and are never "missing". */
  isCliProvider(provider: string, rawConfig: Record<string, unknown>): boolean {
    const p = normalizeProviderId(provider);
    if (this.cli.has(p)) return true;
    const agents = rawConfig.agents as { defaults?: { cliBackends?: Record<string, unknown> } } | undefined;
    const backends = agents?.defaults?.cliBackends;
    return Boolean(backends && typeof backends === 'object' && Object.keys(backends).some((k) => normalizeProviderId(k) === p));
  }

  isNonSecretMarker(value: string): boolean {
    const t = value.trim();
    if (t.startsWith('oauth:')) return true;
    // Markers are short words; a real secret is longer and need not be hashed for the lookup.
    return t.length <= this.longestMarker && this.markers.has(t);
  }

  cooldownBypassed(provider: string | undefined): boolean {
    return this.bypass.has(normalizeProviderId(provider ?? ''));
  }
}

const LATIN1_ONE_LINE = /^[^\r\n\u0100-\uffff]*$/;

/** OpenClaw drops line breaks and characters above U+00FF from pasted secrets before using them. */
export function normalizeSecretInput(value: string): string {
  // Nearly every value is already Latin-1 on one line: then only the trim applies.
  if (LATIN1_ONE_LINE.test(value)) return value.trim();
  let out = '';
  for (const ch of value.replace(/[\r\n\u2028\u2029]+/g, '')) if ((ch.codePointAt(0) ?? 0) <= 255) out += ch;
  return out.trim();
}

export const catalogs = {
  '2026.9.6': new ProviderCatalog(catalog20260906 as ProviderCatalogData),
  '2026.6.1': new ProviderCatalog(catalog20260601 as ProviderCatalogData),
  '2026.3.13': new ProviderCatalog(catalog20260313 as ProviderCatalogData),
} as const;
