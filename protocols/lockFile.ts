import { z } from "zod";

/** The text of a floor's lock file (`<db>.lock`): who holds the ledger, to refuse others by name and to spot a stale lock. */
export const LockHolder = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  /** The kernel's boot id (Linux): a lock from before a reboot is stale whatever its pid. */
  bootId: z.string().optional(),
  /** The holder's start time in clock ticks since boot (Linux): tells a reused pid from the holder. */
  startTicks: z.number().int().nonnegative().optional(),
  startedAt: z.string(),
  command: z.string(),
});
export type LockHolder = z.infer<typeof LockHolder>;
