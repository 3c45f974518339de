// Over NATS, what the server refuses is audited straight to the ledger, never on the bus: alerts hear it from the bus itself.
import { expect, it } from "vitest";
import { startAlerts } from "../../floor/alerts/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { FloorConfig } from "../../protocols/index.ts";
import { openDb } from "../../state/index.ts";
import { authServerBuses } from "../auth/authServerBuses.ts";
import { describeNatsServer } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { startWebhookServer } from "./webhookServer.ts";

describeNatsServer("alerts on a NATS floor", () => {
  const { as } = authServerBuses();

  it("a publish the server refuses raises a violation alert", async () => {
    const tmp = tmpDir("alerts-nats");
    const db = openDb(tmp.path("floor.db"));
    const srv = await startWebhookServer();
    try {
      const bus = await as("trader-momentum-1");
      const floor = FloorConfig.parse({ alerts: { webhooks: [{ name: "ops", format: "slack", urlEnv: "U", burst: 20 }], stopGraceMs: 500 } });
      const alerts = startAlerts({ floor, env: { U: `${srv.origin}/hook` }, bus, db, clock: { now: () => Date.UTC(2026, 0, 1) }, log: createLogger({ level: "silent" }) });
      // A trader's identity may not publish a decision (only the boss may).
      bus.publish("order.decision.momentum-1", JSON.stringify({ v: 1, id: "x", ts: 0, src: "boss" }));
      await srv.until(1);
      await alerts.stop();
      const texts = srv.seen.map((s) => String(s.body.text)).join("\n");
      expect(texts).toContain("Violation (violation) reported by bus on order.decision.momentum-1: rule server_permissions. {\"operation\":\"publish\"}");
    } finally {
      db.close();
      await srv.close();
      tmp.remove();
    }
  });
});
