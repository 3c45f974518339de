import { families, JournalBatch } from "../../protocols/index.ts";
import { appliedThrough, applyJournal, type Db } from "../../state/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import type { Logger } from "../log/createLogger.ts";
import { roleWrites } from "./roleTables.ts";

export interface FollowerStats {
  batches: number;
  applied: number;
  repeats: number;
  gaps: number;
  refused: number;
  invalid: number;
  /** Times the rows were read back from the stream to fill a hole (a start, a reconnect, a gap, the run's end). */
  repairs: number;
}

/**
 * Applies the other roles' journals (`state.*`) to this role's file, each row once, each source
 * only to the tables it writes (roleTables.ts). It reads them live, on the same connection as every
 * other message, so a fact is read after the rows that booked it (publishAfterJournal). What the
 * live copy misses (before the start, while the connection was down, a message lost) it reads
 * back from the stream: at the start, after a reconnect, on a gap, and on `repair()`. A row still
 * missing after that, or refused, is logged and counted in the file (journal_in); the rest of the
 * batch still applies, so one bad row never wedges a replica.
 */
export class JournalFollower {
  readonly stats: FollowerStats = { batches: 0, applied: 0, repeats: 0, gaps: 0, refused: 0, invalid: 0, repairs: 0 };
  private readonly sub: Subscription;
  private reconnects: number;

  private constructor(private readonly o: { db: Db; bus: Bus; role: string; log: Logger }) {
    this.reconnects = o.bus.health.reconnects;
    this.sub = o.bus.subscribe(families.journal.pattern, (m) => this.live(m.subject, m.data));
  }

  static async start(o: { db: Db; bus: Bus; role: string; log: Logger }): Promise<JournalFollower> {
    const f = new JournalFollower(o);
    await o.bus.idle();
    await f.repair();
    return f;
  }

  stop(): void {
    this.sub.unsubscribe();
  }

  /** Read back from the stream what the stream keeps of `source`'s journal (every other role's when absent), and apply what is missing. */
  async repair(source?: string): Promise<void> {
    if (!this.o.bus.streamMessages) return;
    this.stats.repairs++;
    const kept = await this.o.bus.streamMessages(source ? families.journal.subject(source) : families.journal.pattern);
    for (const m of kept) this.take(m.subject, m.data, false);
  }

  private async live(subject: string, data: string): Promise<void> {
    if (this.o.bus.health.reconnects !== this.reconnects) {
      this.reconnects = this.o.bus.health.reconnects;
      await this.repair(); // the connection was down: what came meanwhile is only in the stream
    }
    const batch = this.parse(subject, data);
    if (!batch) return;
    if (batch.rows[0]![0] > appliedThrough(this.o.db, batch.src) + 1) await this.repair(batch.src);
    this.apply(batch, true);
  }

  private take(subject: string, data: string, live: boolean): void {
    const batch = this.parse(subject, data);
    if (batch) this.apply(batch, live);
  }

  private parse(subject: string, data: string): JournalBatch | undefined {
    const source = subject.slice(subject.lastIndexOf(".") + 1);
    if (source === this.o.role) return undefined;
    try {
      const batch = JournalBatch.parse(JSON.parse(data));
      if (batch.src !== source) throw new Error(`sent as ${batch.src} on ${subject}`);
      return batch;
    } catch (e) {
      this.stats.invalid++;
      this.o.log.error({ subject, err: (e as Error).message.slice(0, 300) }, "a state journal message was refused");
      return undefined;
    }
  }

  private apply(batch: JournalBatch, live: boolean): void {
    const source = batch.src;
    const r = applyJournal(this.o.db, source, batch.rows, (table) => roleWrites(source, table));
    this.stats.batches++;
    this.stats.applied += r.applied;
    this.stats.repeats += r.repeats;
    this.stats.gaps += r.gap;
    this.stats.refused += r.refused.length;
    if (r.gap > 0) this.o.log.error({ source, missing: r.gap, upTo: batch.rows[0]![0], live }, "rows of a role's state journal are not in the stream: this file lacks them");
    for (const x of r.refused.slice(0, 5)) this.o.log.error({ source, seq: x.seq, reason: x.reason }, "a state journal row was refused");
  }
}
