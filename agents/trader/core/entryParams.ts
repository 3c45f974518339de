import { z } from "zod";
import { updatable } from "./updatable.ts";

/** Each strategy's defaults for the rules every entry follows (pickEntry's EntryRules and the window). */
export interface EntryDefaults {
  minEdge: number;
  kellyFraction: number;
  entryAfterSec: number;
  exitBeforeSec: number;
  maxPrice: number;
  minPrice: number;
}

/** The entry rules' fields with a strategy's defaults: all updatable, applied on the next decision. */
export function entryParams(d: EntryDefaults) {
  return {
    /** Minimum belief minus price to act, after fees. */
    minEdge: updatable(z.number().min(0).max(0.5).default(d.minEdge)),
    kellyFraction: updatable(z.number().gt(0).lte(1).default(d.kellyFraction)),
    /** Trade only between these many seconds after the open and before the close. */
    entryAfterSec: updatable(z.number().int().min(0).max(3600).default(d.entryAfterSec)),
    exitBeforeSec: updatable(z.number().int().min(0).max(3600).default(d.exitBeforeSec)),
    /** Never pay more than this for a token, nor less. */
    maxPrice: updatable(z.number().gt(0).lt(1).default(d.maxPrice)),
    minPrice: updatable(z.number().gt(0).lt(1).default(d.minPrice)),
  };
}
