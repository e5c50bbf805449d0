import { keepShapeAlive } from './keepShapeAlive.js';

/**
 * A record rebuilt entry by entry from a parsed one, in the parsed one's order, that stays the
 * parsed record itself while every entry so far is kept as parsed under its own key. The usual
 * store needs no copy at all (a fleet home has thousands of entries; bench/status); the first
 * change copies the entries kept before it. The parsed JSON must not be modified afterwards.
 */
export class RecordDraft<T> {
  private copy: Record<string, T> | undefined;
  private keptAsParsed = 0;

  constructor(private readonly parsed: Record<string, unknown>) {
    keepShapeAlive(this);
  }

  /** The next parsed entry (`parsedKey`: `parsedValue`) becomes `key`: `value`. */
  set(key: string, value: T, parsedKey: string, parsedValue: unknown): void {
    // "__proto__" always goes through the copy, whose assignment treats it as before.
    if (!this.copy && key === parsedKey && value === parsedValue && key !== '__proto__') {
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
