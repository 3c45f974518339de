import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./createLogger.ts";

describe("createLogger", () => {
  it("redacts bus credentials wherever a log line carries them", async () => {
    let out = "";
    const destination = new Writable({ write: (chunk: Buffer, _e, done) => ((out += chunk.toString()), done()) });
    const log = createLogger({ level: "info", destination });
    log.info({ pass: "p4ss", token: "t0k", seed: "SUAAA", bus: { password: "pw", token: "t1", nkeySeed: "SUBBB" }, user: "floor" }, "connect");
    await new Promise((r) => setImmediate(r));
    for (const secret of ["p4ss", "t0k", "SUAAA", "\"pw\"", "t1", "SUBBB"]) expect(out).not.toContain(secret);
    expect(out).toContain('"user":"floor"');
    expect(out.match(/\[redacted\]/g)).toHaveLength(6);
  });
});
