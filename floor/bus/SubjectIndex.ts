import { tokensMatch } from "./subjectMatches.ts";

/**
 * Subscriptions by subject pattern. The matches for each concrete subject are computed once and
 * cached until the set of subscriptions changes: publishing on the same subjects over and over
 * (every tick) then costs a map lookup instead of a pattern test per subscription. Patterns are
 * split once: a floor of hundreds of agents publishes on hundreds of subjects of its own (`hb.<id>`,
 * `belief.<id>`), each one first tested against every subscription.
 */
export class SubjectIndex<T> {
  private items: T[] = [];
  /** Each item's pattern split into tokens, parallel to `items`. */
  private tokens: string[][] = [];
  private cache = new Map<string, readonly T[]>();

  constructor(private readonly patternOf: (item: T) => string, private readonly maxCached = 10_000) {}

  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    this.items.push(item);
    this.tokens.push(this.patternOf(item).split("."));
    this.cache.clear();
  }

  remove(item: T): void {
    const i = this.items.indexOf(item);
    if (i < 0) return;
    this.items.splice(i, 1);
    this.tokens.splice(i, 1);
    this.cache.clear();
  }

  clear(): void {
    this.items = [];
    this.tokens = [];
    this.cache.clear();
  }

  /** Items whose pattern matches `subject`, in the order they were added. */
  match(subject: string): readonly T[] {
    let m = this.cache.get(subject);
    if (m === undefined) {
      if (this.cache.size >= this.maxCached) this.cache.clear(); // many one-off subjects (inboxes): start over
      const s = subject.split(".");
      m = this.items.filter((_, i) => tokensMatch(this.tokens[i]!, s));
      this.cache.set(subject, m);
    }
    return m;
  }
}
