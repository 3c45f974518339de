import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** A message a handler sent on a stored subject (its envelope, id included, as it went out). */
export interface SentMessage {
  subject: string;
  data: string;
}

/** Ids kept per consumer (the newest); the in-memory default keeps as many. */
export const SEEN_CAP = 10_000;
/** Adds between two prunes of a consumer's oldest ids: a prune is one DELETE of about this many rows. */
const PRUNE_EVERY = 1_000;

/**
 * The envelope ids one durable consumer (`consumer`, its durable name) has handled, in this
 * process's own SQLite file (`seen_envelopes`, never journaled), so a message redelivered after a
 * crash is dropped, not handled again: a SeenStore (floor/bus/SeenIds.ts) that persists.
 *
 * `record` is meant to run inside the transaction of the handler's own writes (AgentHost does), so
 * "handled" and "seen" commit together; with it go the messages the handling sent on stored
 * subjects, kept until the bus's `add` (called once the stream stored them, before the ack) clears
 * them. Those still held at a start are what a crash cut off: `unsent()` gives them to send again,
 * under their own ids, which the stream and every durable drop when they were stored after all.
 */
export class SeenEnvelopes {
  private adds = 0;

  constructor(
    private readonly db: Db,
    readonly consumer: string,
    private readonly cap = SEEN_CAP,
  ) {
    this.prune();
  }

  has(id: string): boolean {
    return stmt(this.db, "SELECT 1 AS n FROM seen_envelopes WHERE consumer = ? AND id = ?").get(this.consumer, id) !== undefined;
  }

  /** `id` was handled and what it sent is stored (or it sent nothing): seen, nothing left to send. */
  add(id: string): void {
    // Read first: the usual case (recorded in the handling's transaction, nothing kept) writes nothing, not even an empty commit.
    const row = stmt(this.db, "SELECT outputs_json IS NOT NULL AS kept FROM seen_envelopes WHERE consumer = ? AND id = ?").get(this.consumer, id) as { kept: number } | undefined;
    if (row && !row.kept) return;
    const r = stmt(this.db, "INSERT INTO seen_envelopes (consumer, id, ts) VALUES (?, ?, ?) ON CONFLICT (consumer, id) DO UPDATE SET outputs_json = NULL WHERE outputs_json IS NOT NULL")
      .run(this.consumer, id, Date.now());
    if (r.changes > 0) this.counted();
  }

  /** `id` is handled, having sent `sent` on stored subjects (not yet known to be stored); in the caller's transaction. */
  record(id: string, sent: readonly SentMessage[]): void {
    stmt(this.db, "INSERT INTO seen_envelopes (consumer, id, ts, outputs_json) VALUES (?, ?, ?, ?) ON CONFLICT (consumer, id) DO UPDATE SET outputs_json = excluded.outputs_json")
      .run(this.consumer, id, Date.now(), sent.length > 0 ? JSON.stringify(sent) : null);
    this.counted();
  }

  /** What handled messages sent that the stream was not yet known to hold, oldest first. */
  unsent(): SentMessage[] {
    const rows = stmt(this.db, "SELECT outputs_json AS o FROM seen_envelopes WHERE consumer = ? AND outputs_json IS NOT NULL ORDER BY rowid").all(this.consumer) as Array<{ o: string }>;
    return rows.flatMap((r) => JSON.parse(r.o) as SentMessage[]);
  }

  /** Forget all but the newest `cap` ids of this consumer. */
  prune(): void {
    const edge = stmt(this.db, "SELECT rowid AS n FROM seen_envelopes WHERE consumer = ? ORDER BY rowid DESC LIMIT 1 OFFSET ?").get(this.consumer, this.cap) as { n: number } | undefined;
    if (edge) stmt(this.db, "DELETE FROM seen_envelopes WHERE consumer = ? AND rowid <= ?").run(this.consumer, edge.n);
  }

  /**
   * Forget consumer `consumer` altogether: for a durable deleted for good (an agent retired), never
   * one that resumes. Returns the rows deleted.
   */
  static forget(db: Db, consumer: string): number {
    return stmt(db, "DELETE FROM seen_envelopes WHERE consumer = ?").run(consumer).changes;
  }

  /** The consumers with ids kept whose name begins with `prefix` (not empty), e.g. an agent's `<agent id>.`. */
  static consumers(db: Db, prefix: string): string[] {
    // A range on the primary key, not LIKE: `_` in a name is a LIKE wildcard.
    const past = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const rows = stmt(db, "SELECT DISTINCT consumer FROM seen_envelopes WHERE consumer >= ? AND consumer < ? ORDER BY consumer").all(prefix, past) as Array<{ consumer: string }>;
    return rows.map((r) => r.consumer);
  }

  /** A prune every PRUNE_EVERY new ids, not on every insert. */
  private counted(): void {
    if (++this.adds % PRUNE_EVERY === 0) this.prune();
  }
}
