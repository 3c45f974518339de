/**
 * At most one publication per key per `intervalMs` of floor time, without losing the last
 * state: an update inside the interval is held and comes out of `due()` once the interval passed.
 */
export class BookThrottle {
  private readonly last = new Map<string, number>();
  private readonly pending = new Set<string>();

  constructor(private readonly intervalMs: number) {}

  /** True when `key` may be published now (and records it); otherwise it is held as pending. */
  offer(key: string, now: number): boolean {
    const last = this.last.get(key);
    if (last === undefined || now - last >= this.intervalMs) {
      this.last.set(key, now);
      this.pending.delete(key);
      return true;
    }
    this.pending.add(key);
    return false;
  }

  /** Held keys whose interval has now passed; they count as published. */
  due(now: number): string[] {
    const out: string[] = [];
    for (const key of this.pending) {
      if (now - (this.last.get(key) ?? -Infinity) < this.intervalMs) continue;
      this.pending.delete(key);
      this.last.set(key, now);
      out.push(key);
    }
    return out;
  }

  forget(key: string): void {
    this.last.delete(key);
    this.pending.delete(key);
  }
}
