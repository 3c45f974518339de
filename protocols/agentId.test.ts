import { describe, expect, it } from "vitest";
import { AgentId } from "./config.ts";

describe("AgentId", () => {
  it("takes letters, digits, '-' and '_' up to 64", () => {
    expect(AgentId.parse("momentum-1_b")).toBe("momentum-1_b");
    expect(AgentId.safeParse("a.b").success).toBe(false);
    expect(AgentId.safeParse("x".repeat(65)).success).toBe(false);
  });

  it("refuses the floor's own names: an agent called floor would publish over the floor's metrics", () => {
    const r = AgentId.safeParse("floor");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/floor's own name/);
    expect(AgentId.safeParse("alerts").success).toBe(false);
    expect(AgentId.safeParse("dashboard").success).toBe(false);
    expect(AgentId.safeParse("floor-2").success).toBe(true);
  });
});
