import { subjectMatches } from "./subjectMatches.ts";

/**
 * Subscriptions by subject pattern. The matches for each concrete subject are computed once and
 * cached until the set of subscriptions changes: publishing on the same subjects over and over
 * (every tick) then costs a map lookup instead of a pattern test per subscription.
 */
export class SubjectIndex<T> {
  private items: T[] = [];
  private cache = new Map<string, readonly T[]>();

  constructor(private readonly patternOf: (item: T) => string, private readonly maxCached = 10_000) {}

  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    this.items.push(item);
    this.cache.clear();
  }

  remove(item: T): void {
    const i = this.items.indexOf(item);
    if (i < 0) return;
    this.items.splice(i, 1);
    this.cache.clear();
  }

  clear(): void {
    this.items = [];
    this.cache.clear();
  }

  /** Items whose pattern matches `subject`, in the order they were added. */
  match(subject: string): readonly T[] {
    let m = this.cache.get(subject);
    if (m === undefined) {
      if (this.cache.size >= this.maxCached) this.cache.clear(); // many one-off subjects (inboxes): start over
      m = this.items.filter((item) => subjectMatches(this.patternOf(item), subject));
      this.cache.set(subject, m);
    }
    return m;
  }
}
