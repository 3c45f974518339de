import { assign, setup } from "xstate";

export interface OrderContext {
  size: number;
  filled: number;
  /** Times the order was sent; a retry reuses the same client order id. */
  attempts: number;
  reason?: string;
}

/** What the venue says about an order when we ask after a timeout. */
export type VenueView = { found: false } | { found: true; status: "live" | "filled" | "cancelled" | "rejected"; filled: number; reason?: string };

export type OrderEvent =
  | { type: "SEND" }
  | { type: "ACK" }
  | { type: "FILL"; size: number }
  | { type: "CANCELLED"; reason?: string }
  | { type: "REJECTED"; reason: string }
  | { type: "EXPIRED" }
  | { type: "TIMEOUT" }
  /** The venue definitely did not book it (425 engine restarting, 429 rate limited): it may be sent again. */
  | { type: "REFUSED" }
  /** Never found at the venue after its timeouts: given up, not sent again. */
  | { type: "ABANDON"; reason: string }
  | { type: "RECONCILED"; venue: VenueView };

/**
 * One order's life. A send that times out leaves the order `unknown`: timed-out orders do fill,
 * so nothing is retried until reconciliation against the venue says what happened; only an order
 * the venue has never seen goes back to `new` to be sent again (same client order id).
 */
export const orderMachine = setup({
  types: { context: {} as OrderContext, events: {} as OrderEvent, input: {} as { size: number } },
  actions: { fillAll: assign({ filled: ({ context }) => context.size }) },
  guards: {
    complete: ({ context, event }) => event.type === "FILL" && context.filled + event.size >= context.size,
    notFound: ({ event }) => event.type === "RECONCILED" && !event.venue.found,
    venueIs: ({ event }, status: string) => event.type === "RECONCILED" && event.venue.found && event.venue.status === status,
    venuePartly: ({ event }) => event.type === "RECONCILED" && event.venue.found && event.venue.status === "live" && event.venue.filled > 0,
  },
}).createMachine({
  id: "order",
  context: ({ input }) => ({ size: input.size, filled: 0, attempts: 0 }),
  initial: "new",
  states: {
    new: { on: { SEND: { target: "pending", actions: assign({ attempts: ({ context }) => context.attempts + 1 }) } } },
    pending: {
      on: {
        ACK: "live",
        FILL: [
          { guard: "complete", target: "filled", actions: "fillAll" },
          { target: "partiallyFilled", actions: assign({ filled: ({ context, event }) => context.filled + event.size }) },
        ],
        REJECTED: { target: "rejected", actions: assign({ reason: ({ event }) => event.reason }) },
        TIMEOUT: "unknown",
        REFUSED: "new",
      },
    },
    live: {
      on: {
        FILL: [
          { guard: "complete", target: "filled", actions: "fillAll" },
          { target: "partiallyFilled", actions: assign({ filled: ({ context, event }) => context.filled + event.size }) },
        ],
        CANCELLED: { target: "cancelled", actions: assign({ reason: ({ event }) => event.reason }) },
        EXPIRED: "expired",
      },
    },
    partiallyFilled: {
      on: {
        FILL: [
          { guard: "complete", target: "filled", actions: "fillAll" },
          { actions: assign({ filled: ({ context, event }) => context.filled + event.size }) },
        ],
        CANCELLED: { target: "cancelled", actions: assign({ reason: ({ event }) => event.reason }) },
        EXPIRED: "expired",
      },
    },
    unknown: {
      // No SEND here: a retry before reconciliation could double the order.
      on: {
        ABANDON: { target: "rejected", actions: assign({ reason: ({ event }) => event.reason }) },
        RECONCILED: [
          { guard: "notFound", target: "new" },
          { guard: { type: "venueIs", params: "filled" }, target: "filled", actions: "fillAll" },
          { guard: { type: "venueIs", params: "rejected" }, target: "rejected", actions: assign({ reason: ({ event }) => (event.venue.found ? event.venue.reason : undefined) }) },
          { guard: { type: "venueIs", params: "cancelled" }, target: "cancelled", actions: assign({ filled: ({ event }) => (event.venue.found ? event.venue.filled : 0) }) },
          { guard: "venuePartly", target: "partiallyFilled", actions: assign({ filled: ({ event }) => (event.venue.found ? event.venue.filled : 0) }) },
          { target: "live" },
        ],
      },
    },
    filled: { type: "final" },
    cancelled: { type: "final" },
    rejected: { type: "final" },
    expired: { type: "final" },
  },
});
