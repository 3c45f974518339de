import { describe, expect, it } from "vitest";
import { healthParts } from "./formatHealth.ts";

const at = (hms: string) => Date.parse(`2026-01-01T${hms}Z`);

describe("healthParts", () => {
  it("names each feed with its status, since when and its last error, then the bus", () => {
    const parts = healthParts({
      feeds: {
        clob: { status: "reconnecting", since: at("09:59:58"), lastError: "ws://h:1/ws/market: connection refused to 127.0.0.1:1" },
        rtds: { status: "ok", since: at("09:59:00"), lastError: "old" },
      },
      bus: { state: "reconnecting", since: at("10:00:00"), disconnects: 2, reconnects: 1, lastError: "lost the connection to 127.0.0.1:4222" },
    });
    expect(parts).toEqual([
      "feeds clob reconnecting since 09:59:58 (ws://h:1/ws/market: connection refused to 127.0.0.1:1), rtds ok",
      "bus DOWN since 10:00:00 (lost the connection to 127.0.0.1:4222; 2 disconnects, 1 reconnect)",
    ]);
  });

  it("keeps a quiet floor's line short: no feeds reported, bus connected", () => {
    expect(healthParts({ feeds: {}, bus: { state: "connected", since: 0, disconnects: 0, reconnects: 0 } })).toEqual(["bus connected"]);
  });
});
