import { createHash } from "node:crypto";

/** Longest consumer name we make: well under what a server's file store takes as a directory name. */
const MAX_LEN = 120;

/**
 * The JetStream consumer name for durable `durable` on stream `stream` (`FLOOR_<prefix>`): the
 * stream's name, then the caller's name with anything outside [A-Za-z0-9_-] as `_`, then a short
 * hash of the name as given, so `a.b` and `a_b` (or `order.*` and `order.>`) never share a
 * consumer. The stream's name in it keeps floors with different prefixes apart in listings (their
 * consumers already live in different streams); the same inputs give the same name on every run.
 */
export function durableConsumerName(stream: string, durable: string): string {
  const hash = createHash("sha256").update(durable).digest("hex").slice(0, 8);
  const clean = durable.replace(/[^A-Za-z0-9_-]/g, "_");
  const head = `${stream}__${clean}`.slice(0, MAX_LEN - hash.length - 1);
  return `${head}_${hash}`;
}
