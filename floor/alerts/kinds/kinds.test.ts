import { describe, expect, it } from "vitest";
import type { AgentLifecycle, AuditFact } from "../../../protocols/index.ts";
import { ALERT_KIND_DEFS, type AlertKindDef } from "./index.ts";

const env = { v: 1, id: "m1", ts: 0, src: "boss" } as const;
const fact = (kind: string, detail: Record<string, unknown>, severity: AuditFact["severity"] = "info", subject?: string): AuditFact => ({ ...env, kind, severity, detail, ...(subject ? { subject } : {}) });
const life = (verb: AgentLifecycle["verb"], reason?: string): AgentLifecycle => ({ ...env, src: "t1", verb, agentId: "t1", kind: "trader", ...(reason ? { reason } : {}) });

/** Every kind's text for one message (those that make none left out). */
function texts(m: AuditFact | AgentLifecycle, source: "audit" | "life"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of Object.values(ALERT_KIND_DEFS) as AlertKindDef[]) {
    const t = d.source === "audit" && source === "audit" ? d.text(m as AuditFact) : d.source === "life" && source === "life" ? d.text(m as AgentLifecycle) : undefined;
    if (t !== undefined) out[d.kind] = t;
  }
  return out;
}

describe("alert kinds", () => {
  it("breaker: a trip and a resumption, floor or agent", () => {
    expect(texts(fact("breaker", { action: "trip", breaker: "dailyLoss", scope: "floor", mode: "halted", reason: "daily loss: $1050.00 realised today" }), "audit")).toEqual({
      breaker: "Circuit breaker dailyLoss tripped: the floor is halted. daily loss: $1050.00 realised today",
    });
    expect(texts(fact("breaker", { action: "resume", breaker: "lossStreak", scope: "fair-1", mode: "halted", reason: "the cooldown is over" }), "audit")).toEqual({
      breaker: "Circuit breaker lossStreak cleared: agent fair-1 is no longer halted. the cooldown is over",
    });
  });
  it("violation: any fact of severity violation, with its rule and detail", () => {
    expect(texts(fact("violation", { rule: "boss_only", src: "t9", msgId: "x" }, "violation", "ctl.t1.pause"), "audit")).toEqual({
      violation: 'Violation (violation) reported by boss on ctl.t1.pause: rule boss_only. {"src":"t9","msgId":"x"}',
    });
    expect(texts(fact("transfer", { rule: "x" }), "audit")).toEqual({});
  });
  it("crash: an agent failed for good; restart: one that crashed and will be restarted", () => {
    expect(texts(life("failed", "restart intensity exceeded"), "life")).toEqual({ crash: "Agent t1 (trader) failed and will not be restarted: restart intensity exceeded" });
    expect(texts(life("restarted", "after a crash"), "life")).toEqual({});
    expect(texts(fact("supervision", { decision: "restart", agentId: "t1", during: "md.spot.BTCUSD", error: "Error: boom", attempt: 1, backoffMs: 1000 }, "error"), "audit")).toEqual({
      restart: "Agent t1 crashed (during md.spot.BTCUSD): Error: boom; restart 1 in a row, after 1000 ms of floor time",
    });
    expect(texts(fact("supervision", { decision: "restarted", agentId: "t1" }), "audit")).toEqual({});
  });
  it("digest: the date, the PnL in dollars and the paths", () => {
    expect(texts(fact("digest_written", { date: "2026-01-02", markdown: "reports/digests/2026-01-02.md", html: "reports/digests/2026-01-02.html", pnl: -12_345_678 }), "audit")).toEqual({
      digest: "Daily digest for 2026-01-02: floor PnL -$12.34. Markdown: reports/digests/2026-01-02.md; HTML: reports/digests/2026-01-02.html",
    });
    expect(texts(fact("digest_written", { date: "2026-01-03", markdown: "a.md", html: "a.html", pnl: 250_000_000 }), "audit").digest).toContain("floor PnL +$250.00.");
  });
});
