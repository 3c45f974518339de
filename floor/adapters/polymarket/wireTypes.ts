import { z } from "zod";
import { decimalMicro } from "./decimalMicro.ts";

/** zod pieces shared by the Polymarket payload schemas: decimals to micro-units, ms timestamps, token ids. */

/** A required decimal string, parsed to micro-units. */
export const Dec = z.string().transform((s, ctx) => {
  const v = decimalMicro(s);
  if (v === undefined) {
    ctx.addIssue({ code: "custom", message: `bad decimal ${JSON.stringify(s.slice(0, 40))}` });
    return z.NEVER;
  }
  return v;
});

/** An optional decimal that may arrive as "" (meaning none). */
export const OptDec = z
  .union([z.literal(""), z.null(), Dec])
  .optional()
  .transform((v) => (v === "" || v === null ? undefined : v));

/** A millisecond timestamp sent as a digit string or a number. */
export const TsMs = z.union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) {
    ctx.addIssue({ code: "custom", message: "timestamp out of range" });
    return z.NEVER;
  }
  return n;
});

/** A CLOB token id: a uint256 as a decimal string. */
export const WireTokenId = z.string().regex(/^\d{1,78}$/);
export const WireSide = z.enum(["BUY", "SELL"]);
export const WireLevel = z.object({ price: Dec, size: Dec });
export type WireLevel = z.infer<typeof WireLevel>;
