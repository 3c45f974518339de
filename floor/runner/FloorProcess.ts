import type { Db } from "../../state/index.ts";
import type { Bus } from "../bus/Bus.ts";
import { resumeFor, type Resume } from "../checkpoint/index.ts";
import type { MarketSource } from "../host/index.ts";
import type { Logger } from "../log/createLogger.ts";
import { stepping, type Stepping } from "./Stepping.ts";

/** What the runner asks of the process it runs in: one process with every role (below), or one role's of a split floor (roleProcess.ts). */
export interface FloorProcess {
  /** The ledger writes a state journal for other processes (floor/replica). */
  readonly journal: boolean;
  /** Recovery at start compares the ledger with its audit log. */
  readonly recover: boolean;
  /** This process writes what the bus server refused to the audit chain. */
  readonly auditsBus: boolean;
  /** This process listens for the commands that spawn, change and retire the kinds config files make. */
  listens(): boolean;
  resume(db: Db, o: { mode: MarketSource["mode"]; seed: number; simStart: number }): Resume;
  /** A promise only for a role's process: one process boots without waiting a tick here. */
  stepping(o: { db: Db; bus: Bus; source: MarketSource; log: Logger; clock: { now(): number }; signal?: AbortSignal }): Stepping | Promise<Stepping>;
}

/** One process runs every role: sim resumes exactly (floor/checkpoint), the source's steps, nothing to tell anyone. */
export const embeddedProcess: FloorProcess = {
  journal: false,
  recover: true,
  auditsBus: true,
  listens: () => true,
  resume: (db, o) => resumeFor(o.mode, db, { seed: o.seed, simStart: o.simStart }),
  stepping: (o) => stepping({ bus: o.bus, steps: (start) => o.source.steps(start) }),
};
