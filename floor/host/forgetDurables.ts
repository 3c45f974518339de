import { SeenEnvelopes, type Db } from "../../state/index.ts";
import type { Bus } from "../bus/Bus.ts";

/**
 * An agent retired for good: its durable consumers `names` are deleted on the server and their seen
 * ids from this process's file. Never for an agent that restarts (a crash, a process restart, a
 * reconfigure): it resumes after its last ack and drops redeliveries by those ids. A name's rows go
 * only once its consumer is gone, so a failure (thrown) leaves both. On a bus without durables only
 * the rows go (it has none).
 */
export async function forgetDurables(bus: Bus, db: Db, names: Iterable<string>): Promise<void> {
  for (const name of names) {
    await bus.deleteDurable?.(name);
    SeenEnvelopes.forget(db, name);
  }
}
