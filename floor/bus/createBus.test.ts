import { describe, expect, it } from "vitest";
import { createBus, LocalBus, resolveBusUrl } from "./index.ts";

describe("resolveBusUrl", () => {
  it("prefers the --bus flag, then NATS_URL, then local", () => {
    expect(resolveBusUrl("nats://flag:4222", { NATS_URL: "nats://env:4222" })).toBe("nats://flag:4222");
    expect(resolveBusUrl("local", { NATS_URL: "nats://env:4222" })).toBe("local");
    expect(resolveBusUrl(undefined, { NATS_URL: "nats://env:4222" })).toBe("nats://env:4222");
    expect(resolveBusUrl(undefined, {})).toBe("local");
    expect(resolveBusUrl("", { NATS_URL: "" })).toBe("local");
    expect(resolveBusUrl(undefined, { NATS_URL: "nats://127.0.0.1" })).toBe("nats://127.0.0.1");
  });

  it("rejects values that are neither local nor nats://host[:port], naming the source", () => {
    expect(() => resolveBusUrl("http://x:4222", {})).toThrow(/--bus.*"http:\/\/x:4222"/);
    expect(() => resolveBusUrl("127.0.0.1:4222", {})).toThrow(/--bus/);
    expect(() => resolveBusUrl("nats://host:99999", {})).toThrow(/nats:\/\/\[user:password@\]host\[:port\]/);
    expect(() => resolveBusUrl("nats://", {})).toThrow();
    expect(() => resolveBusUrl(undefined, { NATS_URL: "lokal" })).toThrow(/NATS_URL/);
  });
});

describe("createBus", () => {
  it("gives the in-process bus for undefined or local", async () => {
    const a = await createBus({});
    const b = await createBus({ url: "local" });
    expect(a).toBeInstanceOf(LocalBus);
    expect(b.kind).toBe("local");
    await Promise.all([a.close(), b.close()]);
  });

  it("rejects a bad URL, and a NATS URL nobody answers, naming it", async () => {
    await expect(createBus({ url: "tcp://x" })).rejects.toThrow(/tcp:\/\/x/);
    await expect(createBus({ url: "nats://127.0.0.1:1" })).rejects.toThrow(/cannot connect to NATS at nats:\/\/127\.0\.0\.1:1/);
  });
});

describe("resolveBusUrl with a config", () => {
  it("falls back to bus.url after --bus and NATS_URL, and refuses credentials in the file", () => {
    expect(resolveBusUrl(undefined, {}, "nats://cfg:4222")).toBe("nats://cfg:4222");
    expect(resolveBusUrl(undefined, { NATS_URL: "nats://env:4222" }, "nats://cfg:4222")).toBe("nats://env:4222");
    expect(resolveBusUrl("nats://u:p@flag:4222", {}, "nats://cfg:4222")).toBe("nats://u:p@flag:4222");
    expect(() => resolveBusUrl(undefined, {}, "nats://floor:pw@cfg:4222")).toThrow(/bus.url in the config carries credentials/);
    expect(() => resolveBusUrl(undefined, {}, "nats://tok@cfg:4222")).toThrow(/secrets belong in the environment/);
  });
});
