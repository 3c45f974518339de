import { expect, it } from "vitest";
import { LocalBus, overrideBus } from "../../floor/bus/index.ts";

it("replaces only the members given, and keeps the bus's own members bound to it", async () => {
  const bus = new LocalBus();
  const published: string[] = [];
  const over = overrideBus(bus, { publish: (s) => void published.push(s), streamMessages: async () => [{ subject: "x", data: "{}" }] });
  over.publish("md.a", "{}");
  expect(published).toEqual(["md.a"]);
  expect(await over.streamMessages?.("x")).toEqual([{ subject: "x", data: "{}" }]);
  const heard: string[] = [];
  over.subscribe("md.>", (m) => void heard.push(m.subject)); // the bus's own, bound
  bus.publish("md.b", "{}");
  await over.idle();
  expect(heard).toEqual(["md.b"]);
  // Object's members on the options object replace nothing.
  expect(over.constructor).not.toBe(Object);
  expect(over.kind).toBe("local");
  await over.close();
});
