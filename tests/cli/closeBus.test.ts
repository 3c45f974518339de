import { afterAll, beforeAll, expect, it } from "vitest";
import { LocalBus, NatsBus } from "../../floor/bus/index.ts";
import { closeBus } from "../../floor/cli/closeBus.ts";
import { StopBudget } from "../../floor/runner/index.ts";
import { describeNatsServer, startNatsServer, type NatsServerHandle } from "../helpers/nats.ts";

const audit = (n: number) => JSON.stringify({ v: 1, id: `test.1.${n}`, ts: 0, src: "test", kind: "note", severity: "info", detail: {} });

it("drains a healthy bus: nothing lost", async () => {
  const budget = new StopBudget(300, 100);
  budget.begin();
  await expect(closeBus(new LocalBus(), budget)).resolves.toBeUndefined();
  budget.dispose();
});

describeNatsServer("closeBus at the stop, NATS server SIGKILLed", () => {
  let nats: NatsServerHandle;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats?.stop();
  });

  it("gives up when the stop's time runs out and names the JetStream publishes it could not flush", async () => {
    const warnings: string[] = [];
    const bus = await NatsBus.connect({ url: nats.url, warn: (m) => void warnings.push(m) });
    bus.publish("audit.note", audit(1));
    await bus.idle(); // stored: not counted below
    await nats.down("SIGKILL");
    await new Promise((r) => setTimeout(r, 200));
    bus.publish("audit.note", audit(2));
    bus.publish("audit.note", audit(3));
    const budget = new StopBudget(600, 100);
    budget.begin();
    const began = Date.now();
    const lost = await closeBus(bus, budget);
    expect(Date.now() - began).toBeLessThan(2000); // the bus's own drain would wait 10 s
    expect(lost).toBe("the bus did not drain within the stop's time (bus reconnecting): 2 order/audit publish(es) unacknowledged by JetStream, closed without them (not stored, maybe not delivered)");
    expect(warnings.join("\n")).toMatch(/closed with 2 order\/audit publish\(es\) unacknowledged/);
    budget.dispose();
  });
});
