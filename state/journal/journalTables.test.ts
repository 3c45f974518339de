import { describe, expect, it } from "vitest";
import { openDb } from "../openDb.ts";
import { JOURNALED_TABLES, LOCAL_TABLES, writtenTable } from "./journalTables.ts";

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

describe("the tables' classes", () => {
  it("put every table the migrations make in exactly one of the shared and the local set", () => {
    const db = openDb(":memory:");
    const made = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    db.close();
    expect(made).toContain("seen_envelopes");
    for (const t of made) expect([JOURNALED_TABLES.has(t), LOCAL_TABLES.has(t)], t).toSatisfy(([j, l]: boolean[]) => j !== l);
    expect([...JOURNALED_TABLES, ...LOCAL_TABLES].sort()).toEqual([...made].sort());
  });
});
