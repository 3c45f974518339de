/** Something the agents of one floor process share, kept in the floor's exact checkpoint. */
export interface SharedPart {
  save(): unknown;
  restore(state: unknown): void;
}

/**
 * What the agents of one floor process share by key (a symbol's spot tape, read by every trader
 * of it), one per floor, never per process: two floors in one process (tests) share nothing. A sim
 * checkpoints it with the hosts (floor/checkpoint/exactResume.ts) and `load`s it back before any
 * agent starts, so a part made after the load starts from what was saved.
 */
export class FloorShared {
  private readonly parts = new Map<string, SharedPart>();
  private saved: Record<string, unknown> = {};

  /** The part under `key`, made (and restored from the loaded checkpoint, when it holds one) on first use. */
  of<T extends SharedPart>(key: string, make: () => T): T {
    let p = this.parts.get(key);
    if (p === undefined) {
      p = make();
      if (key in this.saved) p.restore(this.saved[key]);
      this.parts.set(key, p);
    }
    return p as T;
  }

  /** Before the agents start: the parts as a checkpoint saved them. */
  load(saved: Record<string, unknown> | undefined): void {
    this.saved = saved ?? {};
  }

  save(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, p] of this.parts) out[k] = p.save();
    return out;
  }
}
