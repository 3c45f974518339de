/** One outstanding delivery: message `seq` (published by this instance) to subscription `key`. */
export type Expectation = readonly [seq: number, key: string];

/**
 * Counts the deliveries a bus instance owes its own subscribers, for `idle()`. A publish records
 * the subscription keys it will reach (`expect`); each arrival moves one from "in transit" to
 * "in a handler" (`arrive`), and `done` retires it. Deliveries that will never arrive (server
 * restart, unsubscribed member, remote queue member) are removed with `forget`. Publishes the
 * instance still has to get out (its JetStream outbox) are counted with `hold`/`release`.
 * Deliveries to durable subscriptions come from the stream, not the live send: they are keyed by
 * the publish number (the same on every retry), kept apart (`expectStored`), and no round trip
 * can write them off, so only their arrival, an unsubscribe or a refused publish retires them.
 */
export class DeliveryLedger {
  private expected = new Map<number, { keys: Set<string>; at: number }>();
  private transit = 0;
  private handling = 0;
  private held = 0;
  /** Durable deliveries owed: publish number → durable subscription keys. */
  private stored = new Map<number, Set<string>>();
  private storedCount = 0;
  private waiters: Array<() => void> = [];

  get inTransit(): number {
    return this.transit;
  }

  get pending(): number {
    return this.transit + this.handling + this.held + this.storedCount;
  }

  /** Publish time of the oldest delivery still in transit, or undefined. */
  get oldest(): number | undefined {
    for (const e of this.expected.values()) return e.at;
    return undefined;
  }

  expect(seq: number, keys: Set<string>): void {
    if (keys.size === 0) return;
    this.expected.set(seq, { keys, at: Date.now() });
    this.transit += keys.size;
  }

  /** Message `seq` is sent again under a new seq: its remaining deliveries are superseded (not lost). */
  supersede(seq: number): void {
    const e = this.expected.get(seq);
    if (!e) return;
    this.expected.delete(seq);
    this.transit -= e.keys.size;
    this.wake();
  }

  /** A publish is waiting to get out (e.g. for a JetStream ack); idle() waits for its `release`. */
  hold(): void {
    this.held++;
  }

  release(): void {
    if (this.held > 0) this.held--;
    this.wake();
  }

  /** Own stored publish `pub` will reach these durable subscriptions (from the stream, once stored). */
  expectStored(pub: number, keys: Set<string>): void {
    if (keys.size === 0) return;
    this.stored.set(pub, keys);
    this.storedCount += keys.size;
  }

  /** Publish `pub` reached durable subscription `key`; false when not owed there (then not counted). */
  arriveStored(pub: number, key: string): boolean {
    if (!this.dropStored(pub, key)) return false;
    this.handling++;
    return true;
  }

  /** Publish `pub` will reach no durable subscription (the server refused it), or none reached by `key`. */
  forgetStored(pub: number | undefined, key?: string): void {
    const pubs = pub === undefined ? [...this.stored.keys()] : [pub];
    for (const p of pubs) for (const k of [...(this.stored.get(p) ?? [])]) if (key === undefined || k === key) this.dropStored(p, k);
    this.wake();
  }

  /** A tracked message arrived at `key`. False when it was not expected there (so not counted). */
  arrive(seq: number, key: string): boolean {
    const e = this.expected.get(seq);
    if (!e?.keys.delete(key)) return false;
    if (e.keys.size === 0) this.expected.delete(seq);
    this.transit--;
    this.handling++;
    return true;
  }

  /** The handler for an arrived, tracked message finished. */
  done(): void {
    if (this.handling > 0) this.handling--;
    this.wake();
  }

  /** Outstanding deliveries, optionally only those to `key`. */
  snapshot(key?: string): Expectation[] {
    const out: Expectation[] = [];
    for (const [seq, e] of this.expected) {
      for (const k of e.keys) if (key === undefined || k === key) out.push([seq, k]);
    }
    return out;
  }

  /** Drop the listed deliveries that are still outstanding; returns how many were dropped. */
  forget(list: readonly Expectation[]): number {
    let n = 0;
    for (const [seq, key] of list) {
      const e = this.expected.get(seq);
      if (!e?.keys.delete(key)) continue;
      if (e.keys.size === 0) this.expected.delete(seq);
      this.transit--;
      n++;
    }
    if (n > 0) this.wake();
    return n;
  }

  /**
   * Drop outstanding deliveries (optionally only to `key`) that will never arrive. `roundTrip`
   * must resolve only after every message routed to us before it was called has been read —
   * a NATS flush does, as the server answers our PING after the MSGs it queued for us.
   * Returns how many were dropped (0 when the round trip failed).
   */
  async reconcile(roundTrip: () => Promise<void>, key?: string): Promise<number> {
    const outstanding = this.snapshot(key);
    if (outstanding.length === 0) return 0;
    try {
      await roundTrip();
    } catch {
      return 0;
    }
    return this.forget(outstanding);
  }

  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Forget everything and release all waiters (used on close). */
  reset(): void {
    this.expected.clear();
    this.stored.clear();
    this.storedCount = 0;
    this.transit = 0;
    this.handling = 0;
    this.held = 0;
    this.wake();
  }

  private dropStored(pub: number, key: string): boolean {
    const keys = this.stored.get(pub);
    if (!keys?.delete(key)) return false;
    if (keys.size === 0) this.stored.delete(pub);
    this.storedCount--;
    return true;
  }

  private wake(): void {
    if (this.pending !== 0 || this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
