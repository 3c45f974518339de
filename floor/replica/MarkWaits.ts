import type { Logger } from "../log/createLogger.ts";
import { parseMarks } from "./journalMarks.ts";

/** How long a message waits for the rows its sender had before it is handled without them, logged and counted. */
export const MARK_WAIT_MS = 30_000;
/** A message still waiting this long has its sources read back from the stream, and again as often while it waits. */
const FETCH_EVERY_MS = 250;
/** A wait this long is logged when it ends (the rows came late: what held a durable back is then on record). */
export const SLOW_WAIT_MS = 2_000;

interface Waiter {
  readonly marks: ReadonlyMap<string, number>;
  resolve(): void;
}

/**
 * The messages of one role's process waiting for state rows their senders had (a message's causal
 * mark, journalMarks.ts), against how far this file has applied each source (`through`, kept
 * current by the JournalFollower, which calls `applied()` after each batch).
 */
export class MarkWaits {
  private waiters: Waiter[] = [];

  constructor(
    private readonly o: {
      role: string;
      log: Logger;
      through: ReadonlyMap<string, number>;
      /** Read `source`'s rows back from the stream (the follower's repair). */
      fetch(source: string): void;
      stats: { waited: number; unmet: number };
    },
  ) {}

  /**
   * Undefined when this file has every row the mark `after` names (this role's own position is its
   * own file's); otherwise a promise that resolves once it has them, fetching them while they are
   * late, or after MARK_WAIT_MS without them (logged and counted in `unmet`).
   */
  wait(after: string | undefined): Promise<void> | undefined {
    if (!after) return undefined;
    const { marks, invalid } = parseMarks(after);
    if (invalid > 0) this.o.log.warn({ after }, "a message's journal mark is malformed in part; the rest is awaited");
    marks.delete(this.o.role);
    if (this.met(marks)) return undefined;
    this.o.stats.waited++;
    return new Promise<void>((resolve) => {
      const w: Waiter = { marks, resolve: () => done() };
      const started = Date.now();
      const timer = setInterval(() => {
        if (Date.now() - started >= MARK_WAIT_MS) {
          this.o.stats.unmet++;
          this.o.log.error({ after, have: Object.fromEntries(this.o.through) }, "a message waited for state rows its sender had and they never came: handled without them");
          return done();
        }
        for (const [source, seq] of marks) if ((this.o.through.get(source) ?? 0) < seq) this.o.fetch(source);
      }, FETCH_EVERY_MS);
      const done = () => {
        clearInterval(timer);
        const waitedMs = Date.now() - started;
        if (waitedMs >= SLOW_WAIT_MS && waitedMs < MARK_WAIT_MS) this.o.log.warn({ after, waitedMs, have: Object.fromEntries(this.o.through) }, "a message waited for state rows its sender had; they came");
        this.waiters = this.waiters.filter((x) => x !== w);
        resolve();
      };
      this.waiters.push(w);
    });
  }

  /** A batch was applied: let go of every message whose mark is now met. */
  applied(): void {
    if (this.waiters.length > 0) for (const w of [...this.waiters]) if (this.met(w.marks)) w.resolve();
  }

  /** The process stops: every waiting message goes on. */
  stop(): void {
    for (const w of [...this.waiters]) w.resolve();
  }

  private met(marks: ReadonlyMap<string, number>): boolean {
    for (const [source, seq] of marks) if ((this.o.through.get(source) ?? 0) < seq) return false;
    return true;
  }
}
