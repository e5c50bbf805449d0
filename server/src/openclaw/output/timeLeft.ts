/**
 * The one way every surface says how long a credential has left: status bar, tree, tooltips,
 * hover, the Show Status report and the CLI text, notifications, the overview. Same rounding, same
 * thresholds, in English and French. Pure and import-free, so the client may bundle it without
 * pulling in the engine (test/unit/clientBoundary.test.ts allows exactly this file).
 *
 * Rounding is down ("2h" while 2 h 59 min are left): a surface never promises more time than there
 * is. Minutes under an hour, hours under two days ("47h" reads better than "1d" for 47 hours),
 * then days. Never 0: "expires in 0m" while a token is still valid is the confusing output users
 * reported against `openclaw models status` (openclaw/openclaw#42721).
 */
export type SpanUnit = 'minute' | 'hour' | 'day';

export interface TimeSpan {
  amount: number;
  unit: SpanUnit;
}

export type TimeLeftLanguage = 'en' | 'fr';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function roundSpan(ms: number): TimeSpan {
  const abs = Math.abs(ms);
  if (abs < HOUR_MS) return { amount: Math.max(1, Math.floor(abs / MINUTE_MS)), unit: 'minute' };
  if (abs < 2 * DAY_MS) return { amount: Math.floor(abs / HOUR_MS), unit: 'hour' };
  return { amount: Math.floor(abs / DAY_MS), unit: 'day' };
}

interface Phrases {
  unit: Record<SpanUnit, (n: number) => string>;
  left: (span: string) => string;
  ago: (span: string) => string;
  /** Where the state is already said (a tree row's icon and its provider's words): "in 3h", "2d ago". */
  shortLeft: (span: string) => string;
  shortAgo: (span: string) => string;
}

const PHRASES: Record<TimeLeftLanguage, Phrases> = {
  en: {
    unit: { minute: (n) => `${n}m`, hour: (n) => `${n}h`, day: (n) => `${n}d` },
    left: (span) => `expires in ${span}`,
    ago: (span) => `expired ${span} ago`,
    shortLeft: (span) => `in ${span}`,
    shortAgo: (span) => `${span} ago`,
  },
  fr: {
    unit: { minute: (n) => `${n} min`, hour: (n) => `${n} h`, day: (n) => `${n} j` },
    left: (span) => `expire dans ${span}`,
    ago: (span) => `expiré depuis ${span}`,
    shortLeft: (span) => `dans ${span}`,
    shortAgo: (span) => `il y a ${span}`,
  },
};

/** The language of a VS Code locale ("fr", "fr-ca", "en-us"); English unless French. */
export function timeLeftLanguage(locale: string | undefined): TimeLeftLanguage {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The span alone, for the status bar: "3h" / "3 h". Past or future, the same words. */
export function spanWords(expiresAt: number, now: number, language: TimeLeftLanguage = 'en'): string {
  const span = roundSpan(expiresAt - now);
  return PHRASES[language].unit[span.unit](span.amount);
}

/** "expires in 3h" / "expired 2d ago" ("expire dans 3 h" / "expiré depuis 2 j"). */
export function timeLeftWords(expiresAt: number, now: number, language: TimeLeftLanguage = 'en'): string {
  const span = spanWords(expiresAt, now, language);
  return expiresAt > now ? PHRASES[language].left(span) : PHRASES[language].ago(span);
}

/**
 * The same time left, short, for the tree's rows, where the side bar's width is scarce and the
 * icon already says expiring or expired: "in 3h" / "2d ago" ("dans 3 h" / "il y a 2 j").
 */
export function shortTimeLeftWords(expiresAt: number, now: number, language: TimeLeftLanguage = 'en'): string {
  const span = spanWords(expiresAt, now, language);
  return expiresAt > now ? PHRASES[language].shortLeft(span) : PHRASES[language].shortAgo(span);
}

/**
 * Milliseconds until the words for `expiresAt` change, so a surface redraws exactly then instead
 * of polling. Undefined when there is no expiry to watch.
 */
export function msUntilSpanChanges(expiresAt: number | undefined, now: number): number | undefined {
  if (expiresAt === undefined) return undefined;
  const left = expiresAt - now;
  const unitMs = spanUnitMs(roundSpan(left).unit);
  // Counting down, the floored amount drops just after `left` passes below a multiple of the unit
  // (the minute/hour/day switches sit on such multiples too), and "expires in" becomes "expired"
  // at the expiry itself; counting up after expiry, the amount grows exactly at a multiple.
  // Within two minutes of the expiry the words stay "1m" (never 0): until the expiry itself, and
  // after it until "2m ago".
  if (left > 0 && left < 2 * MINUTE_MS) return left;
  if (left <= 0 && left > -2 * MINUTE_MS) return 2 * MINUTE_MS + left;
  return left > 0 ? (left % unitMs) + 1 : unitMs - (-left % unitMs);
}

function spanUnitMs(unit: SpanUnit): number {
  return unit === 'minute' ? MINUTE_MS : unit === 'hour' ? HOUR_MS : DAY_MS;
}
