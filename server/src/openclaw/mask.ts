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
