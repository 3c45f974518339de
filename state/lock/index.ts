/** One writer per ledger: the exclusive lock a floor takes on its state file. */
export { acquireLock, lockPathOf, type DbLock } from "./acquireLock.ts";
export { LockHeldError } from "./LockHeldError.ts";
