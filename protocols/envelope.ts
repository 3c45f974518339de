import { z } from "zod";

/** Wire version of every floor message. Bump on an incompatible change. */
export const PROTOCOL_VERSION = 1 as const;

/** Fields every message carries: version, unique id, floor-clock time (ms) and sender. */
export const Envelope = z.object({
  v: z.literal(PROTOCOL_VERSION),
  id: z.string().min(1).max(200),
  ts: z.number().int().nonnegative(),
  src: z.string().min(1).max(100),
});
export type Envelope = z.infer<typeof Envelope>;
