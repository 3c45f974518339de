import { STOP_DEADLINE_MS, STOP_RESERVE_MS } from "../config/index.ts";

/**
 * The clean stop's time, counted from the signal (`begin`). Waits on others (the bus going idle,
 * draining it) are `bounded`: they give up `reserveMs` before the deadline, so the floor still
 * commits its ledger in time. The stages under way are named (`stage`), so a watchdog that fires at
 * the deadline can say what was still pending. Before `begin`, nothing is bounded: a stop at
 * `--until` waits as long as it takes.
 */
export class StopBudget {
  private began: number | undefined;
  private expired = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly stages = new Map<number, { label: () => string; since: number }>();
  private next = 0;

  constructor(
    readonly deadlineMs = STOP_DEADLINE_MS,
    readonly reserveMs = STOP_RESERVE_MS,
  ) {}

  /** The stop began (a signal): from now on the bounded waits have `deadlineMs - reserveMs`. Idempotent. */
  begin(): void {
    if (this.began !== undefined) return;
    this.began = Date.now();
    this.timer = setTimeout(() => this.expire(), Math.max(0, this.deadlineMs - this.reserveMs));
    this.timer.unref();
  }

  get begun(): boolean {
    return this.began !== undefined;
  }

  /** Wall ms since `begin`, undefined before. */
  elapsedMs(): number | undefined {
    return this.began === undefined ? undefined : Date.now() - this.began;
  }

  /** Wait for `p` while the budget lasts: true when it settled, false when the budget ran out first. A rejection is passed on. */
  bounded(p: Promise<unknown>): Promise<boolean> {
    if (this.expired) return Promise.resolve(false);
    return new Promise<boolean>((resolve, reject) => {
      const giveUp = () => resolve(false);
      this.waiters.add(giveUp);
      p.then(
        () => {
          this.waiters.delete(giveUp);
          resolve(true);
        },
        (e: unknown) => {
          this.waiters.delete(giveUp);
          reject(e);
        },
      );
    });
  }

  /** A stage of the stop is under way (its label read when reported, so it can carry live counts); call the result when it is done. */
  stage(label: string | (() => string)): () => void {
    const key = this.next++;
    this.stages.set(key, { label: typeof label === "string" ? () => label : label, since: Date.now() });
    return () => void this.stages.delete(key);
  }

  /** The stages still under way, oldest first, each with how long it has held up the stop (since `begin` for one that began before). */
  pending(): string[] {
    const now = Date.now();
    return [...this.stages.values()].map((s) => `${s.label()} (for ${((now - Math.max(s.since, this.began ?? s.since)) / 1000).toFixed(1)} s)`);
  }

  /** No timer left behind (the stop is over). */
  dispose(): void {
    clearTimeout(this.timer);
  }

  private expire(): void {
    this.expired = true;
    for (const w of [...this.waiters]) w();
    this.waiters.clear();
  }
}
