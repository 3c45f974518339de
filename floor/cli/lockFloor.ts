import { acquireLock, type DbLock } from "../../state/index.ts";
import type { Io } from "./Io.ts";

/** Take the floor's lock on its state file before anything is printed; a stale one taken over is said. */
export function lockFloor(dbPath: string, io: Io): DbLock {
  const lock = acquireLock(dbPath);
  const h = lock.tookOver;
  if (h) io.err(`  lock       took over ${lock.path} from pid ${h.pid} (${h.command}, since ${h.startedAt}), which is no longer running`);
  return lock;
}
