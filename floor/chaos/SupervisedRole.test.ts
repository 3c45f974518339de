import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { SupervisedRole } from "./SupervisedRole.ts";

let tmp: ReturnType<typeof tmpDir>;
beforeEach(() => void (tmp = tmpDir("chaos-supervised")));
afterEach(() => tmp.remove());

/**
 * A stand-in role: counts its incarnations in a file, prints "running", then does what `plan`
 * says for that incarnation: "exit N", or "wait" (until killed).
 */
function role(plan: string[], maxDeaths?: number): SupervisedRole {
  const script = `
    const fs = require("node:fs");
    const f = ${JSON.stringify(tmp.path("n"))};
    const n = (fs.existsSync(f) ? Number(fs.readFileSync(f, "utf8")) : 0) + 1;
    fs.writeFileSync(f, String(n));
    console.log("polyfloor: a stand-in\\nrunning...");
    const step = ${JSON.stringify(plan)}[n - 1] ?? "exit 0";
    if (step === "wait") setInterval(() => {}, 1000); else setTimeout(() => process.exit(Number(step.split(" ")[1])), 50);`;
  return new SupervisedRole({ role: "boss", command: process.execPath, args: ["-e", script], cwd: tmp.dir, env: process.env, logDir: tmp.dir, restartDelayMs: 20, ...(maxDeaths !== undefined ? { maxDeaths } : {}) });
}

describe("SupervisedRole", () => {
  it("brings back a role that dies on its own or is killed, and counts only the deaths it did not cause", async () => {
    const r = role(["exit 3", "wait", "exit 0"]);
    expect(await r.start()).toEqual(expect.any(Number));
    const second = await r.runningAfter(1);
    expect(second).toEqual(expect.any(Number));
    const killed = r.kill();
    expect(killed).toBe(2);
    expect(await r.runningAfter(killed)).toEqual(expect.any(Number));
    const out = await r.done;
    expect(out).toEqual({ role: "boss", incarnations: 3, unplannedDeaths: [{ incarnation: 1, code: 3, signal: null }], last: { code: 0, signal: null }, gaveUp: false });
  });

  it("gives up on a role that keeps dying", async () => {
    const r = role(["exit 1", "exit 1", "exit 1", "exit 1"], 2);
    await r.start();
    const out = await r.done;
    expect(out).toMatchObject({ incarnations: 3, gaveUp: true, last: { code: 1 } });
    expect(out.unplannedDeaths).toHaveLength(3);
    expect(await r.runningAfter(3)).toBeNull();
  });
});
