import { describe, expect, it } from "vitest";
import { writtenTable } from "./journalTables.ts";

describe("writtenTable", () => {
  it("names the table of each kind of write", () => {
    expect(writtenTable("INSERT INTO cash (agent_id) VALUES (?)")).toBe("cash");
    expect(writtenTable("\n  INSERT OR IGNORE INTO markets (x) VALUES (?)")).toBe("markets");
    expect(writtenTable("UPDATE orders SET status = ? WHERE order_id = ?")).toBe("orders");
    expect(writtenTable("DELETE FROM positions WHERE market_id = ?")).toBe("positions");
    expect(writtenTable("REPLACE INTO agent_metrics VALUES (?, ?, ?)")).toBe("agent_metrics");
  });
  it("is undefined for reads and for anything else", () => {
    expect(writtenTable("SELECT * FROM cash")).toBeUndefined();
    expect(writtenTable("WITH x AS (SELECT 1) INSERT INTO cash SELECT * FROM x")).toBeUndefined();
    expect(writtenTable("CREATE TABLE t (a)")).toBeUndefined();
  });
});
