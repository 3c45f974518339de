/**
 * Requests in flight: each acts at its arrival time (`now + latencyMs` when sent). Kept sorted by
 * arrival time; requests arriving at the same time keep their send order.
 */
export class LatencyQueue<T extends { at: number }> {
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    // Insert after every item arriving at or before this one (binary search), so ties keep send order.
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.at <= item.at) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
  }

  /** The next arrival if its time passes `due` (not removed). */
  nextDue(due: (at: number) => boolean): T | undefined {
    const first = this.items[0];
    return first !== undefined && due(first.at) ? first : undefined;
  }

  shift(): T | undefined {
    return this.items.shift();
  }

  /** Everything in flight, in arrival order (copies), for a checkpoint. */
  save(): T[] {
    return this.items.map((i) => ({ ...i }));
  }

  /** Put back what `save` returned. */
  load(items: readonly T[]): void {
    this.items = items.map((i) => ({ ...i }));
  }

  /** Drops everything in flight (unanswered). */
  clear(): void {
    this.items = [];
  }
}
