import { createWebSocketReceiver, type StatelyInspectionEvent } from "@statelyai/inspect";
import { afterAll, expect, it } from "vitest";
import { createActor, createMachine } from "xstate";
import { secretValues, startInspector } from "../../floor/inspect/index.ts";
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

it("the inspector relays sanitised contexts and events: no field named like a secret, no secret's value", async () => {
  const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  const port = await freePort();
  const inspector = await startInspector({ host: "127.0.0.1", port }, secretValues({ POLYMARKET_PRIVATE_KEY: KEY }));
  const receiver = createWebSocketReceiver({ server: `ws://127.0.0.1:${port}` });
  const seen: StatelyInspectionEvent[] = [];
  receiver.subscribe({ next: (e) => void seen.push(e) });
  const machine = createMachine({
    id: "signer",
    context: { capital: 5_000_000, privateKey: KEY, clob: { apiKey: "api-key-value", passphrase: "pass-phrase-value" }, note: `key ${KEY}` },
    initial: "idle",
    states: { idle: { on: { GO: "busy" } }, busy: {} },
  });
  const actor = createActor(machine, { inspect: inspector.inspect }).start();
  try {
    // The receiver connects after the actor started: the relay replays what it buffered.
    await expect.poll(() => seen.filter((e) => e.type === "@xstate.snapshot").length, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    actor.send({ type: "GO", token: "event-token-value", amount: 3 } as { type: "GO" });
    await expect.poll(() => seen.some((e) => e.type === "@xstate.event" && (e.event as { type: string }).type === "GO"), { timeout: 10_000, interval: 100 }).toBe(true);
    const text = JSON.stringify(seen);
    for (const secret of [KEY, "api-key-value", "pass-phrase-value", "event-token-value", "privateKey"]) expect(text).not.toContain(secret);
    const snap = seen.find((e) => e.type === "@xstate.snapshot")! as unknown as { snapshot: { context: unknown } };
    expect(snap.snapshot.context).toEqual({ capital: 5_000_000, clob: {}, note: "[redacted]" });
    expect(seen.find((e) => e.type === "@xstate.event" && (e.event as { type: string }).type === "GO")).toMatchObject({ event: { type: "GO", amount: 3 } });
  } finally {
    actor.stop();
    inspector.stop();
  }
});
