import { families, JournalBatch, PROTOCOL_VERSION } from "../../protocols/index.ts";
import { journalHead, pruneJournal, readJournal, journalSequence, StateJournal, type Db, type JournalRow } from "../../state/index.ts";
import type { Bus } from "../bus/Bus.ts";
import { batchEnd } from "./batchEnd.ts";

/** At most this many statements, and about this many bytes, in one `state.<role>` message (NATS refuses over 1 MB). */
const MAX_ROWS = 500;
const MAX_BYTES = 512 * 1024;
/** Every this many messages, the rows the stream already keeps are pruned from `journal_out` (else it grows for the whole run). */
const PRUNE_EVERY = 1000;

export interface JournalPublisherOptions {
  db: Db;
  bus: Bus;
  role: string;
  clock: { now(): number };
  /** Prune what the stream keeps every this many messages (PRUNE_EVERY). */
  pruneEvery?: number;
}

/**
 * Sends this role's journal (state/journal) on `state.<role>`, whole transactions in order, soon
 * after each write and before any message the process publishes after it (see `publishAfterJournal`),
 * so a fact on the stream never comes before the rows it speaks of. It starts after what the stream
 * already keeps and prunes that; anything sent twice is skipped by the followers row by row.
 */
export class JournalPublisher {
  private scheduled = false;
  private batches = 0;
  private prunedAt = 0;
  private pruning = false;

  private constructor(
    private readonly o: JournalPublisherOptions,
    private cursor: number,
  ) {}

  static async start(o: JournalPublisherOptions): Promise<JournalPublisher> {
    const journal = StateJournal.start(o.db);
    const kept = await lastKept(o.bus, families.journal.subject(o.role));
    if (kept > 0) pruneJournal(o.db, kept);
    // A stream that lost the journal (deleted, or another server): everything still here is sent again.
    const p = new JournalPublisher(o, Math.min(kept, journalHead(o.db)));
    journal.onWrite = () => p.schedule();
    p.flush();
    return p;
  }

  /**
   * The last row of this role's journal written, an open transaction's included: a message's mark
   * names it, so a receiver waits for the rows even when they go out after the message (see flush).
   */
  get head(): number {
    return journalSequence(this.o.db);
  }

  /** Messages sent so far. */
  get sent(): number {
    return this.batches;
  }

  /**
   * Send every journal row not yet sent. Not from inside a transaction, which may yet be rolled
   * back (its rows would then reach the others and never be in this file): they go once it ends,
   * and what is published meanwhile carries them in its mark (`head`).
   */
  flush(): void {
    if (this.o.db.inTransaction) return this.schedule(true);
    for (;;) {
      const rows = readJournal(this.o.db, this.cursor, MAX_ROWS);
      if (rows.length === 0) break;
      const batch = fitting(rows);
      const last = batch[batch.length - 1]![0];
      const msg: JournalBatch = { v: PROTOCOL_VERSION, id: `state-${this.o.role}-${batch[0]![0]}-${last}`, ts: this.o.clock.now(), src: this.o.role, rows: batch.map(([s, q, a]) => [s, q, [...a]]) };
      this.o.bus.publish(families.journal.subject(this.o.role), JSON.stringify(msg));
      this.cursor = last;
      this.batches++;
    }
    if (this.batches - this.prunedAt >= (this.o.pruneEvery ?? PRUNE_EVERY)) void this.prune();
  }

  /** Drop the rows the stream says it keeps (its last `state.<role>` message), as at start; a failed read prunes nothing. */
  private async prune(): Promise<void> {
    if (this.pruning) return;
    this.pruning = true;
    this.prunedAt = this.batches;
    try {
      const kept = await lastKept(this.o.bus, families.journal.subject(this.o.role)).catch(() => 0);
      // Never past what this process sent (a stream that holds more came from elsewhere), never inside a transaction.
      if (kept > 0 && !this.o.db.inTransaction) pruneJournal(this.o.db, Math.min(kept, this.cursor));
    } finally {
      this.pruning = false;
    }
  }

  /** Flush soon: at the next microtask, or, waiting for a transaction to end, at the next turn of the event loop (a transaction held across an await would otherwise spin the microtasks). */
  private schedule(later = false): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.flush();
    };
    if (later) setImmediate(run);
    else queueMicrotask(run);
  }
}

/** The leading rows that fit one message, whole transactions preferred by readJournal; never none. */
function fitting(rows: JournalRow[]): JournalRow[] {
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    bytes += rows[i]![1].length + JSON.stringify(rows[i]![2]).length + 16;
    if (bytes > MAX_BYTES && i > 0) return rows.slice(0, i);
  }
  return rows;
}

/** The last journal row the stream keeps for `subject` (0 when none, or on a bus that keeps nothing). */
async function lastKept(bus: Bus, subject: string): Promise<number> {
  const data = await bus.lastStored?.(subject);
  return data === undefined ? 0 : batchEnd(data);
}
