import type { Credential } from './credential.js';

/**
 * Masks a secret the way `openclaw models status` prints it, so our labels match the real CLI
 * character for character: 8 + "..." + 8 for long values, shorter heads and tails for short ones.
 */
export function maskSecret(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) return 'missing';
  if (trimmed.length <= 6) return `${trimmed.slice(0, 1)}...${trimmed.slice(-1)}`;
  if (trimmed.length <= 16) return `${trimmed.slice(0, 2)}...${trimmed.slice(-2)}`;
  return `${trimmed.slice(0, 8)}...${trimmed.slice(-8)}`;
}

/**
 * Below this length OpenClaw's 8 + 8 shows most of a secret (16 of a 17-character key), so our own
 * surfaces (report, tree, tooltips, hovers) show less; `--json` keeps OpenClaw's mask (docs/differences.md).
 */
export const SHORT_SECRET_LENGTH = 24;

/** OpenClaw's mask for secrets of SHORT_SECRET_LENGTH characters or more; for shorter ones at most 5 characters and never a third. */
export function maskSecretForDisplay(value: string): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length >= SHORT_SECRET_LENGTH) return maskSecret(value);
  if (trimmed.length <= 8) return '...';
  if (trimmed.length <= 16) return `${trimmed.slice(0, 2)}...`;
  return `${trimmed.slice(0, 3)}...${trimmed.slice(-2)}`;
}

/** `label` (masked by OpenClaw's rule) as our own surfaces show it: a short `secret`'s mask in it replaced by ours. */
export function displayLabel(label: string, secret: string | undefined): string {
  const trimmed = secret?.trim() ?? '';
  if (!trimmed || trimmed.length >= SHORT_SECRET_LENGTH) return label;
  const theirs = maskSecret(trimmed);
  // The mask comes last in a label (`id=…`, `token:…`, `env:…`), before any ` [cooldown …]` tag.
  const at = label.lastIndexOf(theirs);
  return at < 0 ? label : label.slice(0, at) + maskSecretForDisplay(trimmed) + label.slice(at + theirs.length);
}

/** The secret a stored profile's label masks: an API key's key, a token's token (OAuth labels show no secret). */
export function maskedSecretOf(credential: Credential | undefined): string | undefined {
  if (credential?.type === 'api_key') return typeof credential.key === 'string' ? credential.key : undefined;
  if (credential?.type === 'token') return typeof credential.token === 'string' ? credential.token : undefined;
  return undefined;
}

/** Time left in OpenClaw's short form ("45m", "3h", "12d"); "0m" once past. */
export function formatRemainingShort(remainingMs: number | undefined): string {
  if (remainingMs === undefined || Number.isNaN(remainingMs)) return 'unknown';
  if (remainingMs <= 0) return '0m';
  const minutes = Math.round(remainingMs / 60_000);
  if (minutes < 1) return '1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.round(hours / 24)}d`;
}
