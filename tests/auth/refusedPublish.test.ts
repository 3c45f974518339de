// A publish the server refuses reaches none of the bus's own subscribers: idle() must not wait for
// those deliveries until the loss grace runs out (it held a sim floor's every step for 2 s).
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { busAuth, NatsBus, parseBusUrl, type BusViolation } from "../../floor/bus/index.ts";
import { within } from "../bus/busContract.ts";
import { describeNatsServer, startNatsServer, type NatsServerHandle } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

describeNatsServer("a publish the server refuses", () => {
  const tmp = tmpDir("refused-publish");
  let server: NatsServerHandle;
  beforeAll(async () => {
    const conf = tmp.path("deny.conf");
    writeFileSync(conf, `authorization { users: [ { user: u, password: p, permissions: { publish: { deny: ["rp.x.refused"] } } } ] }\n`);
    server = await startNatsServer({ config: conf });
  });
  afterAll(async () => {
    await server.stop();
    tmp.remove();
  });

  it("is written off at once for idle(), not after the loss grace, and reported as a violation", async () => {
    const url = server.url.replace("//", "//u:p@");
    // A grace far beyond the wait below: only the write-off on the violation can let idle() settle in time.
    const bus = await NatsBus.connect({ url, prefix: "rp.", auth: busAuth(parseBusUrl(url, "test"), {}), lostGraceMs: 600_000, warn: () => undefined });
    try {
      const got: string[] = [];
      const violations: BusViolation[] = [];
      bus.onViolation((v) => violations.push(v));
      bus.subscribe("x.refused", (m) => void got.push(m.data));
      bus.subscribe("x.allowed", (m) => void got.push(m.data));
      bus.publish("x.refused", "refused");
      bus.publish("x.allowed", "allowed");
      await within(bus.idle(), 20_000, "idle() after a refused publish");
      expect(got).toEqual(["allowed"]);
      expect(violations).toEqual([{ operation: "publish", subject: "x.refused" }]);
    } finally {
      await bus.close();
    }
  });
});
