import { families, JournalBatch } from "../../protocols/index.ts";
import { appliedThrough, applyJournal, type Db } from "../../state/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import type { Logger } from "../log/createLogger.ts";
import { batchEnd } from "./batchEnd.ts";
import { MarkWaits } from "./MarkWaits.ts";
import { ROLE_TABLES, roleWrites } from "./roleTables.ts";

export interface FollowerStats {
  batches: number;
  applied: number;
  repeats: number;
  gaps: number;
  refused: number;
  invalid: number;
  /** Times the rows were read back from the stream to fill a hole (a start, a reconnect, a gap, the run's end). */
  repairs: number;
  /** Messages that waited for rows their sender had (awaitMarks), and those handled without them after MARK_WAIT_MS (MarkWaits). */
  waited: number;
  unmet: number;
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
  readonly stats: FollowerStats = { batches: 0, applied: 0, repeats: 0, gaps: 0, refused: 0, invalid: 0, repairs: 0, waited: 0, unmet: 0 };
  private readonly sub: Subscription;
  private reconnects: number;
  /** How far each source is applied in this file (journal_in, kept here: read on every message received). */
  private readonly through = new Map<string, number>();
  private readonly waits: MarkWaits;
  /** A read of the stream failed: the next message reads it again first. */
  private unread = false;
  /** The read back from the stream in progress per source, and the one queued after it. */
  private readonly repairing = new Map<string, { running: Promise<void>; next?: Promise<void> }>();

  private constructor(private readonly o: { db: Db; bus: Bus; role: string; log: Logger }) {
    this.reconnects = o.bus.health.reconnects;
    for (const r of o.db.prepare("SELECT source, seq FROM journal_in").all() as Array<{ source: string; seq: number }>) this.through.set(r.source, Number(r.seq));
    this.waits = new MarkWaits({ role: o.role, log: o.log, through: this.through, fetch: (source) => void this.repaired(source), stats: this.stats });
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
    this.waits.stop();
  }

  /** How far each other role's journal is applied in this file. */
  positions(): ReadonlyMap<string, number> {
    return this.through;
  }

  /** Undefined when this file has every row the causal mark `after` names; otherwise a promise that resolves once it has them (MarkWaits). */
  awaitMarks(after: string | undefined): Promise<void> | undefined {
    return this.waits.wait(after);
  }

  /**
   * Read back from the stream what `source`'s journal (every other role's when absent) holds past
   * what this file applied, and apply it. Only from the first message with a row it lacks (the
   * stream is searched, not read whole: after days it holds hundreds of thousands), and one read
   * per source at a time, which whoever asks meanwhile shares.
   */
  repair(source?: string): Promise<void> {
    const sources = source ? [source] : Object.keys(ROLE_TABLES).filter((r) => r !== this.o.role);
    return Promise.all(sources.map((s) => this.repairOne(s))).then(() => undefined);
  }

  /** A read that began before the caller asked may miss what it needs: the caller shares the one queued after it. */
  private repairOne(source: string): Promise<void> {
    const r = this.repairing.get(source);
    if (!r) return this.startRead(source);
    r.next ??= r.running.catch(() => undefined).then(() => this.startRead(source));
    return r.next;
  }

  private startRead(source: string): Promise<void> {
    const entry: { running: Promise<void>; next?: Promise<void> } = { running: Promise.resolve() };
    entry.running = this.readBack(source).finally(() => {
      if (this.repairing.get(source) === entry) this.repairing.delete(source);
    });
    this.repairing.set(source, entry);
    return entry.running;
  }

  private async readBack(source: string): Promise<void> {
    const read = this.o.bus.streamMessages;
    if (!read) return;
    this.stats.repairs++;
    const have = appliedThrough(this.o.db, source);
    const kept = await read.call(this.o.bus, families.journal.subject(source), { from: (data) => batchEnd(data) > have });
    for (const m of kept) this.take(m.subject, m.data, false);
  }

  /**
   * Synchronous unless there is a hole to fill first: the bus runs a handler that returns no
   * promise inline, so the rows are in the file before the next message on this connection is
   * handled, whatever subscription it is on.
   */
  private live(subject: string, data: string): Promise<void> | undefined {
    if (this.o.bus.health.reconnects !== this.reconnects || this.unread) {
      this.reconnects = this.o.bus.health.reconnects;
      // The connection was down (or the stream could not be read since): what came meanwhile is only in the stream.
      return this.repaired().then((ok) => (ok ? this.live(subject, data) : undefined));
    }
    const batch = this.parse(subject, data);
    if (!batch) return undefined;
    // Applied over a hole, the missing rows would be skipped for good: only once the stream was read and lacks them.
    if (batch.rows[0]![0] > appliedThrough(this.o.db, batch.src) + 1) return this.repaired(batch.src).then((ok) => (ok ? this.apply(batch, true) : undefined));
    this.apply(batch, true);
    return undefined;
  }

  /**
   * `repair`, false when the stream could not be read (JetStream electing a leader after a
   * failover): logged, and tried again at the next message. What was not applied meanwhile is in
   * the stream, which that read gets.
   */
  private async repaired(source?: string): Promise<boolean> {
    try {
      await this.repair(source);
      this.unread = false;
      return true;
    } catch (e) {
      this.unread = true;
      this.o.log.warn({ source, err: (e as Error).message }, "the state journal could not be read back from the stream; trying again at the next message");
      return false;
    }
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
    this.through.set(source, appliedThrough(this.o.db, source));
    this.waits.applied();
    if (r.gap > 0) this.o.log.error({ source, missing: r.gap, upTo: batch.rows[0]![0], live }, "rows of a role's state journal are not in the stream: this file lacks them");
    for (const x of r.refused.slice(0, 5)) this.o.log.error({ source, seq: x.seq, reason: x.reason }, "a state journal row was refused");
  }
}
