import { describe, expect, it } from "vitest";
import { GeoblockedError } from "./errors.ts";
import { RateTier } from "./RateTier.ts";

const H = 3_600_000;

/** A RateTier on a hand-moved wall clock, reading whatever `serve` says next. */
function watch(serve: () => unknown) {
  let now = 0;
  const logs: string[] = [];
  const t = new RateTier({
    read: async () => {
      const r = serve();
      if (r instanceof Error) throw r;
      return r;
    },
    now: () => now,
    refreshMs: 3 * H,
    retryMs: 300_000,
    fatal: (e) => e instanceof GeoblockedError,
    log: (m) => void logs.push(m),
  });
  return { t, logs, at: (ms: number) => void (now = ms) };
}

describe("the venue's rate tier, as the exchange keeps it", () => {
  it("starts at Standard, reads the tier, and reads again 3 h of wall time later", async () => {
    let body: unknown = { tier: "Silver" };
    const w = watch(() => body);
    expect([w.t.state.tier, w.t.state.source, w.t.due()]).toEqual(["standard", "start", true]);
    expect(await w.t.refresh()).toEqual({ ok: true, tier: "silver" });
    expect(w.t.state).toMatchObject({ tier: "silver", source: "read", seq: 1 });
    w.at(3 * H - 1);
    expect(w.t.due()).toBe(false);
    w.at(3 * H);
    body = "GOLD"; // a bare string is taken too
    expect(w.t.due()).toBe(true);
    expect(await w.t.refresh()).toEqual({ ok: true, tier: "gold" });
    expect(w.t.state.seq).toBe(2);
  });

  it("keeps the last tier on a failed read or an unknown name, counts each, and tries again after 5 minutes", async () => {
    let next: unknown = { tier: "silver" };
    const w = watch(() => next);
    await w.t.refresh();
    w.at(3 * H);
    next = new Error("socket hang up");
    expect(await w.t.refresh()).toEqual({ ok: false, reason: "the tier read failed: socket hang up" });
    expect(w.t.state).toMatchObject({ tier: "silver", seq: 1, failedReads: 1, unknownTiers: 0 });
    w.at(3 * H + 299_999);
    expect(w.t.due()).toBe(false);
    w.at(3 * H + 300_000);
    for (const body of [{ tier: "mithril" }, { level: "silver" }]) {
      next = body;
      expect((await w.t.refresh()).ok).toBe(false);
    }
    expect(w.t.state).toMatchObject({ tier: "silver", seq: 1, failedReads: 1, unknownTiers: 2 });
    expect(w.logs.filter((l) => l === "venue rate tier: keeping silver")).toHaveLength(3);
  });

  it("follows a response header that names another tier, counts warnings, and lets a geoblock through", async () => {
    const w = watch(() => new GeoblockedError("GET /v1/user/rate-limit-tier"));
    w.t.heard({ tier: "Elite", warning: false });
    w.t.heard({ tier: "elite", warning: true });
    w.t.heard({ warning: true });
    expect(w.t.state).toMatchObject({ tier: "elite", source: "header", seq: 1, warnings: 2 });
    w.t.heard({ tier: "Adamant", warning: false });
    expect(w.t.state).toMatchObject({ tier: "elite", unknownTiers: 1 });
    await expect(w.t.refresh()).rejects.toBeInstanceOf(GeoblockedError);
    expect(w.t.state.failedReads).toBe(0);
  });
});
