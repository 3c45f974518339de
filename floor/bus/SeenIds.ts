/** The ids a durable subscription already handled (see SubscribeOptions.seen). */
export interface SeenStore {
  has(id: string): boolean;
  add(id: string): void;
}

/**
 * The default SeenStore: the latest `cap` ids in memory, oldest forgotten first. It covers
 * redeliveries within one process (a lost ack, an ack wait that ran out); surviving a restart
 * takes a store of the caller's that persists (state/SeenEnvelopes.ts, which AgentHost uses).
 */
export class SeenIds implements SeenStore {
  private readonly ids = new Set<string>();

  constructor(private readonly cap = 10_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    if (this.ids.size > this.cap) this.ids.delete(this.ids.values().next().value!);
  }
}
