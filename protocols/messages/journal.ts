import { z } from "zod";
import { Envelope } from "../envelope.ts";

/** A statement argument as SQLite stores it and JSON carries it. */
const JournalArg = z.union([z.number().finite(), z.string(), z.null()]);

/**
 * One role's committed writes to the shared tables (`state.<role>`), whole transactions in order:
 * each row is its sequence number in the role's journal, the statement and its arguments. Every
 * other role's process applies them to its own file, once each (state/journal, DESIGN "State").
 */
export const JournalBatch = Envelope.extend({
  rows: z.array(z.tuple([z.number().int().positive(), z.string().min(1).max(4000), z.array(JournalArg).max(64)])).min(1).max(5000),
});
export type JournalBatch = z.infer<typeof JournalBatch>;
