/**
 * One incarnation's unsettled async handlers: when each began (floor time), for the heartbeat rule,
 * and how long the bus waits for them. The bus waits for an async handler as it always has (a sim
 * stays in lock step), but at most `waitMs` of wall time, and not at all while one of this
 * incarnation's handlers is already past that wait: a hung handler cannot stop the floor clock,
 * so the watchdog sees it in floor time. `abandon` (a crash, a restart, a stop) releases every wait.
 */
export class PendingWork {
  private readonly since = new Map<number, number>();
  private n = 0;
  private overdue = 0;
  private release!: () => void;
  private readonly ended = new Promise<void>((resolve) => (this.release = resolve));

  constructor(private readonly waitMs: number) {}

  /** Follow handler promise `p` begun at floor time `now`; `failed` hears its rejection. Returns what the bus may wait on. */
  track(p: Promise<void>, now: number, failed: (err: unknown) => void): Promise<void> | undefined {
    const token = ++this.n;
    this.since.set(token, now);
    let late = false;
    const settled = p.then(
      () => this.done(token, late),
      (err: unknown) => {
        this.done(token, late);
        failed(err);
      },
    );
    if (this.overdue > 0) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (this.since.has(token)) {
          late = true;
          this.overdue++;
        }
        resolve();
      }, this.waitMs);
      timer.unref?.();
    });
    return Promise.race([settled, limit, this.ended]).finally(() => clearTimeout(timer));
  }

  /** Floor ms the oldest unsettled handler has run (0 when none). */
  stuckFor(now: number): number {
    if (this.since.size === 0) return 0; // the common case, asked of every agent every step: no iterator
    for (const began of this.since.values()) return now - began; // insertion order: the first is the oldest
    return 0;
  }

  get pending(): number {
    return this.since.size;
  }

  /** The incarnation is gone: the bus waits on none of its handlers any more. */
  abandon(): void {
    this.since.clear();
    this.overdue = 0;
    this.release();
  }

  private done(token: number, late: boolean): void {
    if (this.since.delete(token) && late) this.overdue--;
  }
}
