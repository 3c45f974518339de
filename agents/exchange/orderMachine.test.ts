import { describe, expect, it } from "vitest";
import { initialTransition, transition, type SnapshotFrom } from "xstate";
import { orderMachine, type OrderEvent } from "./orderMachine.ts";

type Snap = SnapshotFrom<typeof orderMachine>;
const run = (events: OrderEvent[], size = 100): Snap =>
  events.reduce<Snap>((s, e) => transition(orderMachine, s, e)[0], initialTransition(orderMachine, { size })[0]);

describe("orderMachine", () => {
  it("goes new → pending → live → partially filled → filled", () => {
    const s = run([{ type: "SEND" }, { type: "ACK" }, { type: "FILL", size: 40 }]);
    expect(s.value).toBe("partiallyFilled");
    expect(s.context.filled).toBe(40);
    const done = transition(orderMachine, s, { type: "FILL", size: 60 })[0];
    expect(done.value).toBe("filled");
    expect(done.status).toBe("done");
  });
  it("ends cancelled, rejected or expired with the reason", () => {
    expect(run([{ type: "SEND" }, { type: "REJECTED", reason: "invalid price" }])).toMatchObject({ value: "rejected", context: { reason: "invalid price" } });
    expect(run([{ type: "SEND" }, { type: "ACK" }, { type: "CANCELLED", reason: "fak-remainder" }]).value).toBe("cancelled");
    expect(run([{ type: "SEND" }, { type: "ACK" }, { type: "FILL", size: 10 }, { type: "EXPIRED" }])).toMatchObject({ value: "expired", context: { filled: 10 } });
  });
  it("after a timeout it refuses to resend until reconciled", () => {
    const unknown = run([{ type: "SEND" }, { type: "TIMEOUT" }]);
    expect(unknown.value).toBe("unknown");
    expect(transition(orderMachine, unknown, { type: "SEND" })[0].value).toBe("unknown");
    expect(unknown.can({ type: "SEND" })).toBe(false);
  });
  it("goes back to new when the venue refused it outright (425, 429), and may be sent again", () => {
    const refused = run([{ type: "SEND" }, { type: "REFUSED" }]);
    expect(refused.value).toBe("new");
    expect(transition(orderMachine, refused, { type: "SEND" })[0]).toMatchObject({ value: "pending", context: { attempts: 2 } });
  });
  it("reconciles a timed-out order to what the venue says", () => {
    const after = (venue: Extract<OrderEvent, { type: "RECONCILED" }>["venue"]) => run([{ type: "SEND" }, { type: "TIMEOUT" }, { type: "RECONCILED", venue }]);
    // Timed-out orders do fill: the venue has it, filled.
    expect(after({ found: true, status: "filled", filled: 100 })).toMatchObject({ value: "filled", context: { filled: 100, attempts: 1 } });
    expect(after({ found: true, status: "live", filled: 30 })).toMatchObject({ value: "partiallyFilled", context: { filled: 30 } });
    expect(after({ found: true, status: "live", filled: 0 }).value).toBe("live");
    expect(after({ found: true, status: "rejected", filled: 0, reason: "not enough balance / allowance" })).toMatchObject({ value: "rejected", context: { reason: "not enough balance / allowance" } });
    // Never seen: only now may it be sent again.
    const retry = after({ found: false });
    expect(retry.value).toBe("new");
    expect(transition(orderMachine, retry, { type: "SEND" })[0].context.attempts).toBe(2);
    // Or, still unknown after its rechecks, it is given up for good (never sent again).
    const unknown = run([{ type: "SEND" }, { type: "TIMEOUT" }]);
    expect(transition(orderMachine, unknown, { type: "ABANDON", reason: "not at the venue" })[0]).toMatchObject({ value: "rejected", context: { reason: "not at the venue" } });
  });
});
