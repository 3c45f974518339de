/**
 * Spots repeats of outbox publishes at a subscriber. A publisher's outbox numbers its messages
 * in publish order and sends one subject's messages one at a time, each until it is acked; a
 * retry carries the same number. So for one subscription, publisher and subject, the numbers
 * that arrive only grow, and one that does not is a repeat. Remembers the latest `cap` streams.
 */
export class RepeatFilter {
  private readonly last = new Map<string, number>();

  constructor(private readonly cap = 10_000) {}

  /** True when message `n` from `origin` on `subject` already reached subscription `key`. */
  repeat(key: string, origin: string, subject: string, n: number): boolean {
    const k = `${key} ${origin} ${subject}`;
    const prev = this.last.get(k);
    if (prev !== undefined && n <= prev) return true;
    this.last.delete(k); // re-insert: the map's order is least recently seen first
    this.last.set(k, n);
    if (this.last.size > this.cap) this.last.delete(this.last.keys().next().value!);
    return false;
  }
}
