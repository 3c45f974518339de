import { families, JournalBatch } from "../../protocols/index.ts";
import { applyJournal, type Db } from "../../state/index.ts";
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
}

/**
 * Applies the other roles' journals (`state.*`) to this role's file, each row once, each source
 * only to the tables it writes (roleTables.ts). It first catches up on what the stream keeps (what
 * the others wrote while this process was down or not yet started), holding what arrives live
 * meanwhile. A refused row or a gap is logged and counted in the file (journal_in); the rest of
 * the batch still applies, so one bad row never wedges a replica.
 */
export class JournalFollower {
  readonly stats: FollowerStats = { batches: 0, applied: 0, repeats: 0, gaps: 0, refused: 0, invalid: 0 };
  private readonly sub: Subscription;
  private held: Array<{ subject: string; data: string }> | undefined = [];

  private constructor(private readonly o: { db: Db; bus: Bus; role: string; log: Logger }) {
    this.sub = o.bus.subscribe(families.journal.pattern, (m) => (this.held ? void this.held.push(m) : this.take(m.subject, m.data)));
  }

  static async start(o: { db: Db; bus: Bus; role: string; log: Logger }): Promise<JournalFollower> {
    const f = new JournalFollower(o);
    await o.bus.idle();
    for (const m of (await o.bus.streamMessages?.(families.journal.pattern)) ?? []) f.take(m.subject, m.data);
    const held = f.held ?? [];
    f.held = undefined;
    for (const m of held) f.take(m.subject, m.data);
    return f;
  }

  stop(): void {
    this.sub.unsubscribe();
  }

  private take(subject: string, data: string): void {
    const source = subject.slice(subject.lastIndexOf(".") + 1);
    if (source === this.o.role) return;
    let batch: JournalBatch;
    try {
      batch = JournalBatch.parse(JSON.parse(data));
      if (batch.src !== source) throw new Error(`sent as ${batch.src} on ${subject}`);
    } catch (e) {
      this.stats.invalid++;
      this.o.log.error({ subject, err: (e as Error).message.slice(0, 300) }, "a state journal message was refused");
      return;
    }
    const r = applyJournal(this.o.db, source, batch.rows, (table) => roleWrites(source, table));
    this.stats.batches++;
    this.stats.applied += r.applied;
    this.stats.repeats += r.repeats;
    this.stats.gaps += r.gap;
    this.stats.refused += r.refused.length;
    if (r.gap > 0) this.o.log.error({ source, missing: r.gap, upTo: batch.rows[0]![0] }, "rows of a role's state journal never arrived: this file lacks them");
    for (const x of r.refused.slice(0, 5)) this.o.log.error({ source, seq: x.seq, reason: x.reason }, "a state journal row was refused");
  }
}
