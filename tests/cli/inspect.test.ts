import { createWebSocketReceiver, type StatelyInspectionEvent } from "@statelyai/inspect";
import { afterAll, expect, it } from "vitest";
import { finished, startFloor, waitForOutput } from "../helpers/floorCli.ts";
import { freePort } from "../helpers/freePort.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("inspect");
afterAll(() => tmp.remove());

it("floor start --inspect relays every agent's inspection events to the Stately inspector server", async () => {
  const port = await freePort();
  const child = startFloor(["start", "--inspect", "--db", tmp.path("i.db"), "--speed", "60", "--dashboard", "off"], { POLYFLOOR_INSPECT_PORT: String(port) });
  try {
    await waitForOutput(child, /inspector\s+http:\/\/127\.0\.0\.1:\d+\//);
    await waitForOutput(child, /running/);
    const receiver = createWebSocketReceiver({ server: `ws://127.0.0.1:${port}` });
    const seen: StatelyInspectionEvent[] = [];
    receiver.subscribe({ next: (e) => void seen.push(e) });
    await expect.poll(() => new Set(seen.filter((e) => e.type === "@xstate.actor").map((e) => e.name)).size, { timeout: 15_000, interval: 200 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => seen.some((e) => e.type === "@xstate.snapshot"), { timeout: 15_000 }).toBe(true);
  } finally {
    child.kill("SIGINT");
  }
  const r = await finished(child, 20_000);
  expect(r.code).toBe(0);
});
