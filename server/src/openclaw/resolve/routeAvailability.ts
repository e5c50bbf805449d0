import type { Credential } from '../credential.js';
import { hasSecretString } from './profileOrder.js';

/**
 * OpenClaw 2026.9's read-only answer for one model route: true when a credential serves it, false
 * when none does, undefined when it cannot tell without refreshing an OAuth login ("could not be
 * confirmed", `auth.modelRouteIssues` with evidence "profile"). Derived from its installed code
 * (model-auth-availability, provider-model-route-auth) and checked on its runs (docs/differences.md).
 */
export type RouteAvailability = boolean | undefined;

/** How ready one stored profile is: usable now, usable only after a refresh status does not try, or not usable. */
export type ProfileReadiness = 'ready' | 'unknown' | 'unavailable';

/** 2026.9 refreshes an OAuth access token this close to its expiry before using it. */
const OAUTH_REFRESH_MARGIN_MS = 5 * 60_000;
const MAX_EXPIRES = 8.64e15;
const FENCE_ACCESS = /^openclaw-oauth-refresh-fence:v1:([a-f0-9]{32}):(failed:)?access:[a-f0-9]{64}$/;
const FENCE_REFRESH = /^openclaw-oauth-refresh-fence:v1:([a-f0-9]{32}):(failed:)?refresh:[a-f0-9]{64}$/;

/**
 * The inert marker 2026.9 writes over an OAuth login whose refresh failed (`expires: 1`, both
 * tokens replaced by digests of one claim): never usable, and not even eligible for the order.
 */
export function isOAuthRefreshFence(credential: Credential): boolean {
  if (credential.type !== 'oauth' || credential.expires !== 1) return false;
  const access = typeof credential.access === 'string' ? FENCE_ACCESS.exec(credential.access) : null;
  const refresh = typeof credential.refresh === 'string' ? FENCE_REFRESH.exec(credential.refresh) : null;
  return Boolean(access && refresh && access[1] === refresh[1] && access[2] === refresh[2]);
}

/**
 * An OAuth profile's readiness: ready while its access token has more than the refresh margin left;
 * with only a refresh token to go on, ready for a provider whose logins status refreshes itself
 * (openai), otherwise unknown; a reference with no access token is unknown too; else unavailable.
 */
export function oauthReadiness(credential: Credential, now: number, refreshesItself: boolean): ProfileReadiness {
  if (isOAuthRefreshFence(credential)) return 'unavailable';
  const expires = credential.expires;
  const accessValid = hasSecretString(credential.access) && typeof expires === 'number' && Number.isFinite(expires) && expires > 0 && expires <= MAX_EXPIRES && expires - now > OAUTH_REFRESH_MARGIN_MS;
  if (accessValid) return 'ready';
  if (hasSecretString(credential.refresh)) return refreshesItself ? 'ready' : 'unknown';
  return credential.oauthRef && !hasSecretString(credential.access) ? 'unknown' : 'unavailable';
}

export interface RouteInput {
  /** The eligible profiles in the order OpenClaw tries them, cooling-down ones last. */
  ordered: readonly string[];
  readiness: (profileId: string) => ProfileReadiness;
  coolingDown: (profileId: string) => boolean;
  /** An explicit order (stored or `auth.order`) names the provider: with no usable profile in it nothing else is tried. */
  explicitOrder: boolean;
  /** A key declared in the config (`models.providers.*.apiKey`) serves the route. */
  declaredKey: boolean;
  /** A key from the environment serves the route; it counts only when no eligible profile is declared. */
  ambientKey: boolean;
  /**
   * openai's route resolver: with no eligible profile, this stored one (ordering.firstProfileEvidence)
   * stands in for them, so an env key still does not count beside it.
   */
  standIn?: string | undefined;
}

/**
 * The answer and the profile chosen: the first ready profile among those not cooling down (an
 * unknown one first in line does not stop a ready one behind it); only unknown ones: unconfirmed;
 * every usable one cooling down, or an explicit order with none usable: false; otherwise a declared
 * key, or an env key when no eligible profile exists at all.
 */
export function evaluateRoute(input: RouteInput): { availability: RouteAvailability; selected?: string } {
  const ordered = input.ordered.length === 0 && input.standIn !== undefined ? [input.standIn] : input.ordered;
  let anyUnknown = false;
  let anyCooling = false;
  for (const id of ordered) {
    const readiness = input.readiness(id);
    if (readiness === 'unavailable') continue;
    if (input.coolingDown(id)) anyCooling = true;
    else if (readiness === 'ready') return { availability: true, selected: id };
    else anyUnknown = true;
  }
  if (anyUnknown) return { availability: undefined };
  if (anyCooling || input.explicitOrder) return { availability: false };
  if (input.declaredKey) return { availability: true };
  return { availability: ordered.length === 0 && input.ambientKey };
}
