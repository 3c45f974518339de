import type { Db, SeenEnvelopes } from "../../state/index.ts";
import type { HostOutbox } from "./HostOutbox.ts";

/**
 * A durable route's handling of envelope `id`, in one SQLite transaction with the record that it
 * was handled (`seen`, in this process's file) and what it sent on stored subjects. So a crash
 * after the commit but before the bus's ack reached the server leaves the id seen: the copy the
 * server sends again is dropped, not handled a second time, and what the handling sent is sent
 * again at the next start (AgentHost) unless the bus had confirmed the stream stored it. A crash
 * before the commit leaves neither, and the copy is handled as the first time.
 *
 * Why here and not in the agents: handlers write through their own helpers (many open their own
 * transactions, which nest as savepoints), so the host's receive is the one place that covers all
 * of them. A handler that throws keeps what it wrote and counts as handled, as before (the bus
 * acknowledges a failed message too). An asynchronous handler goes on past this transaction: its id
 * is recorded by the bus's `add` once it settled and its outputs are stored, at least once with
 * the dedupe of the ack path, not exactly once.
 */
export function handledOnce(db: Db, seen: SeenEnvelopes, id: string, out: HostOutbox, handle: () => void | Promise<void>): void | Promise<void> {
  let result: void | Promise<void> = undefined;
  let failure: { err: unknown } | undefined;
  db.transaction(() => {
    const sent = out.capture(() => {
      try {
        result = handle();
      } catch (err) {
        failure = { err };
      }
    });
    // No transaction left means SQLite rolled it back on a failed write: the handling did not commit, so neither does its record.
    if (!isPromise(result) && db.inTransaction) seen.record(id, sent);
  }).immediate(); // it writes in any case: take the write lock at once, as appendAudit does, rather than fail to upgrade a read
  if (failure) throw failure.err;
  return result;
}

function isPromise(r: void | Promise<void>): r is Promise<void> {
  return typeof (r as Promise<void> | undefined)?.then === "function";
}
