import type { LockHolder } from "../../protocols/lockFile.ts";

/** Another floor writes this ledger: the second writer is refused (the CLI exits 2). */
export class LockHeldError extends Error {
  constructor(readonly dbPath: string, readonly lockPath: string, readonly holder: LockHolder | undefined) {
    super(
      holder
        ? `${dbPath} is in use by another floor: pid ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.startedAt}); lock ${lockPath}`
        : `${dbPath} is locked by ${lockPath}, which names no holder: delete it if no floor is running on ${dbPath}`,
    );
    this.name = "LockHeldError";
  }
}
