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

/**
 * A split floor's first start, role by role (`floor.clock.booted.<role>`: its agents are up and
 * listening; `floor.clock.waiting.<role>`: it waits for the roles before it, and whoever is up says so again).
 */
export const RoleSignal = Envelope;
export type RoleSignal = z.infer<typeof RoleSignal>;
