import { z } from "zod";
import { Envelope } from "../envelope.ts";

/**
 * A multi-process sim's clock (`floor.clock.step`, from the role that runs the market source):
 * every role steps to floor time `t` and acknowledges. `end` says the run reached its `--until`.
 */
export const ClockStep = Envelope.extend({
  t: z.number().int().nonnegative(),
  end: z.boolean().optional(),
});
export type ClockStep = z.infer<typeof ClockStep>;

/** A role's process has done step `t` (`floor.clock.ack.<role>`). */
export const ClockAck = Envelope.extend({
  t: z.number().int().nonnegative(),
});
export type ClockAck = z.infer<typeof ClockAck>;
