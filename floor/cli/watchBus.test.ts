import { describe, expect, it } from "vitest";
import { busNotice } from "./watchBus.ts";

const at = (hms: string) => Date.parse(`2026-01-01T${hms}Z`);

describe("busNotice", () => {
  it("says when the bus goes down, and when it is back after how long", () => {
    const down = { state: "reconnecting", since: at("10:00:00"), disconnects: 1, reconnects: 0, lastError: "lost the connection to 127.0.0.1:4222" } as const;
    expect(busNotice("connected", down, 0)).toBe("bus DOWN at 10:00:00: lost the connection to 127.0.0.1:4222; the floor waits for it (order and audit messages are kept and resent)");
    const back = { state: "connected", since: at("10:00:07"), disconnects: 1, reconnects: 1 } as const;
    expect(busNotice("reconnecting", back, at("10:00:00"))).toBe("bus back at 10:00:07 after 7.0 s down (1 disconnect, 1 reconnect); the floor resumes from now");
  });

  it("says nothing while the state holds", () => {
    expect(busNotice("connected", { state: "connected", since: 0, disconnects: 0, reconnects: 0 }, 0)).toBeUndefined();
  });
});
