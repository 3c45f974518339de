import { UsageError } from "./UsageError.ts";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "6h", "90m", "1h30m", "45s", "1d", "250ms" to milliseconds. */
export function parseDuration(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text.trim())
    throw new UsageError(`invalid duration ${JSON.stringify(text)}: use e.g. 6h, 90m, 1h30m, 45s`);
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
  if (!(ms > 0)) throw new UsageError(`duration must be positive: ${text}`);
  return Math.round(ms);
}
