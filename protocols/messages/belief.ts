import { z } from "zod";
import { Envelope } from "../envelope.ts";

/**
 * A trader's probability that a window resolves Up, published at least once a minute of floor
 * time while it follows the window. The monitor scores it beside the market's own price at the
 * same moment (the mid of the latest book), so skill against the market is measured, not assumed.
 */
export const Belief = Envelope.extend({
  agentId: z.string().min(1),
  marketId: z.string().min(1),
  pUp: z.number().min(0).max(1),
});
export type Belief = z.infer<typeof Belief>;
