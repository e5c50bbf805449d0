import { normalizeProviderId } from '../providerIds.js';
import { isRecord } from './authStore.js';
import type { CredentialChange } from './storeWriter.js';

/**
 * The edits OpenClaw's auth commands make to a parsed store or state document (`{version, profiles}`,
 * `{version, order, lastGood, usageStats}`), whatever holds it. Each changes only what it names and
 * says whether it changed anything; every field it does not know stays as it was.
 */
type Doc = Record<string, unknown>;

/** The profile `paste-token` stores, with its fields in the order OpenClaw 2026.9.6 writes them. */
export function pastedCredential(change: Extract<CredentialChange, { kind: 'paste-token' }>): Doc {
  return change.credentialType === 'token'
    ? { type: 'token', provider: change.provider, ...(change.expires !== undefined ? { expires: change.expires } : {}), token: change.secret }
    : { type: 'api_key', provider: change.provider, key: change.secret };
}

/** Sets `order[provider]`, dropping other spellings of the same provider (as OpenClaw replaces them). */
export function setProviderOrder(doc: Doc, provider: string, ids: string[]): void {
  const key = normalizeProviderId(provider);
  const order = isRecord(doc.order) ? doc.order : (doc.order = {});
  for (const k of Object.keys(order)) if (k !== key && normalizeProviderId(k) === key) delete order[k];
  order[key] = ids;
}

/** Drops the provider's order (every spelling of it); `order` itself goes once empty. */
export function dropProviderOrder(doc: Doc, provider: string): boolean {
  const order = doc.order;
  if (!isRecord(order)) return false;
  const key = normalizeProviderId(provider);
  let touched = false;
  for (const k of Object.keys(order)) {
    if (normalizeProviderId(k) !== key) continue;
    delete order[k];
    touched = true;
  }
  if (touched && Object.keys(order).length === 0) delete doc.order;
  return touched;
}

/** Takes a removed profile's id out of every order list, `lastGood` and `usageStats`. */
export function forgetProfile(doc: Doc, profileId: string): boolean {
  let touched = false;
  const { order, lastGood, usageStats } = doc;
  if (isRecord(order)) {
    for (const [provider, ids] of Object.entries(order)) {
      if (!Array.isArray(ids) || !ids.includes(profileId)) continue;
      const rest = ids.filter((id) => id !== profileId);
      if (rest.length > 0) order[provider] = rest;
      else delete order[provider];
      touched = true;
    }
    if (touched && Object.keys(order).length === 0) delete doc.order;
  }
  if (isRecord(lastGood)) {
    for (const [provider, id] of Object.entries(lastGood)) {
      if (id !== profileId) continue;
      delete lastGood[provider];
      touched = true;
    }
    if (touched && Object.keys(lastGood).length === 0) delete doc.lastGood;
  }
  if (isRecord(usageStats) && Object.hasOwn(usageStats, profileId)) {
    delete usageStats[profileId];
    if (Object.keys(usageStats).length === 0) delete doc.usageStats;
    touched = true;
  }
  return touched;
}

/** A state document with nothing but its version: OpenClaw deletes such a row instead of keeping it. */
export function isEmptyState(doc: Doc): boolean {
  return Object.keys(doc).every((k) => k === 'version');
}
