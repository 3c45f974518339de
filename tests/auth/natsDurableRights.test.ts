// A role's user on config/nats/floor-auth.conf can make, read, acknowledge and rewind its durable
// consumers on the floor's stream (and resume through them), with no permission refused.
import { expect, it } from "vitest";
import { within, waitFor } from "../bus/busContract.ts";
import { describeNatsServer } from "../helpers/nats.ts";
import { authServerBuses } from "./authServerBuses.ts";

describeNatsServer("durable subscriptions under config/nats/floor-auth.conf", () => {
  const { as } = authServerBuses();

  it("lets the exchange's user consume order.decision.* durably and resume after a restart, the boss deciding", async () => {
    const env = (i: number) => JSON.stringify({ v: 1, id: `boss.${i}`, n: i });
    const boss = await as("boss");
    const got: number[] = [];
    let exchange = await as("exchange");
    exchange.subscribe("order.decision.*", async (m) => {
      got.push((JSON.parse(m.data) as { n: number }).n);
      if (got.length === 2) await new Promise(() => undefined); // dies holding its second message: the next start rewinds to it
    }, { durable: "exchange.order.decision.*" });
    await within(exchange.idle(), 10_000, "the exchange's consumer made");
    for (let i = 0; i < 4; i++) boss.publish("order.decision.t1", env(i));
    await within(boss.idle(), 10_000, "the boss's decisions stored");
    await waitFor(() => got.length >= 2, 10_000, "two decisions at the exchange");
    expect(exchange.status.violations).toBe(0);
    await exchange.close();
    exchange = await as("exchange");
    exchange.subscribe("order.decision.*", (m) => void got.push((JSON.parse(m.data) as { n: number }).n), { durable: "exchange.order.decision.*" });
    await waitFor(() => got.length >= 5, 10_000, "the rest after the restart");
    expect(got).toEqual([0, 1, 1, 2, 3]);
    expect(exchange.status.violations + boss.status.violations).toBe(0);
  });

  it("lets a role's user list the stream's consumers: the end of a split run's drain check and a retired agent's durables", async () => {
    const boss = await as("boss");
    boss.subscribe("order.intent.*", () => undefined, { durable: "t9.order.intent.*" });
    await within(boss.idle(), 10_000, "the consumer made");
    expect(await boss.streamQuiet(5_000, 50)).toBe(true);
    expect(await boss.durablesOf("t9")).toEqual(["t9.order.intent.*"]);
    expect(boss.status.violations).toBe(0);
  });
});
