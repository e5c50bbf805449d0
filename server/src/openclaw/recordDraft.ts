import { keepShapeAlive } from './keepShapeAlive.js';

/**
 * A record rebuilt entry by entry from a parsed one, in the parsed one's order, that stays the
 * parsed record itself while every entry so far is kept as parsed under its own key. The usual
 * store needs no copy at all (a fleet home has thousands of entries; bench/status); the first
 * change copies the entries kept before it. The parsed JSON must not be modified afterwards.
 */
/** The one key a rebuilt record cannot hold as an entry (see RecordDraft.set). */
export const RESERVED_KEY = '__proto__';

export class RecordDraft<T> {
  private copy: Record<string, T> | undefined;
  private keptAsParsed = 0;

  constructor(private readonly parsed: Record<string, unknown>) {
    keepShapeAlive(this);
  }

  /** The next parsed entry (`parsedKey`: `parsedValue`) becomes `key`: `value`. */
  set(key: string, value: T, parsedKey: string, parsedValue: unknown): void {
    // Assigning "__proto__" would replace the copy's prototype, whose fields then show up as
    // phantom entries in every for…in; OpenClaw's own rebuild loses such an entry the same way.
    if (key === RESERVED_KEY || parsedKey === RESERVED_KEY) {
      this.drop();
      return;
    }
    if (!this.copy && key === parsedKey && value === parsedValue) {
      this.keptAsParsed++;
      return;
    }
    this.materialize()[key] = value;
  }

  /** The next parsed entry is left out. */
  drop(): void {
    this.materialize();
  }

  result(): Record<string, T> {
    return this.copy ?? (this.parsed as Record<string, T>);
  }

  private materialize(): Record<string, T> {
    if (this.copy) return this.copy;
    const copy: Record<string, T> = {};
    let n = 0;
    for (const key in this.parsed) {
      if (n++ === this.keptAsParsed) break;
      copy[key] = this.parsed[key] as T;
    }
    this.copy = copy;
    return copy;
  }
}
