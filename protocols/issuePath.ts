import type { z } from "zod";

/** Where a zod issue points, as config files name fields: its path (array indices as numbers), plus the keys it found unknown. */
export function issuePath(issue: z.core.$ZodIssue): Array<string | number> {
  const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
  return [...issue.path, ...keys].map((k) => (typeof k === "number" ? k : String(k)));
}
