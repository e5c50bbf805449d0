import { catalogs, type ProviderCatalog } from './providerCatalog.js';

/** OpenClaw releases whose `models status` rules we can follow besides the reference (2026.6.1). */
export const COMPAT_VERSIONS = ['2026.3'] as const;
export type CompatVersion = (typeof COMPAT_VERSIONS)[number];

/** The points where OpenClaw releases disagree on the same files. */
export interface StatusRules {
  version: '2026.6' | CompatVersion;
  catalog: ProviderCatalog;
  /** 2026.3: an expired token fails `--check` even when another credential of the provider works. */
  expiredProfileFailsCheck: boolean;
  /** 2026.3: a provider with any stored profile is never listed in `missingProvidersInUse`. */
  profilesPreventMissing: boolean;
  /** 2026.3: an OAuth credential with a refresh token is `ok` even once its access token expired. */
  refreshableOAuthIsOk: boolean;
}

export function statusRules(compat: CompatVersion | undefined): StatusRules {
  if (compat === '2026.3') {
    return { version: '2026.3', catalog: catalogs['2026.3.13'], expiredProfileFailsCheck: true, profilesPreventMissing: true, refreshableOAuthIsOk: true };
  }
  return { version: '2026.6', catalog: catalogs['2026.6.1'], expiredProfileFailsCheck: false, profilesPreventMissing: false, refreshableOAuthIsOk: false };
}
