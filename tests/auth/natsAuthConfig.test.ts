// config/nats/floor-auth.conf is generated from protocols/publishRights.ts: this keeps the two in step.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { natsUsers, renderNatsAuthConfig } from "../../floor/bus/auth/natsAuthConfig.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { PUBLISH_RIGHTS, publishRightsOf, roleProcessRights, type PublisherKind } from "../../protocols/index.ts";

describe("config/nats/floor-auth.conf", () => {
  it("is what `npm run nats-config` makes of protocols/publishRights.ts and the configured traders", () => {
    const traders = loadFloorConfig("config/floor.yaml").agents.map((a) => a.id);
    const expected = renderNatsAuthConfig(natsUsers(traders));
    expect(readFileSync("config/nats/floor-auth.conf", "utf8"), "config/nats/floor-auth.conf is stale: run npm run nats-config > config/nats/floor-auth.conf").toBe(expected);
  });

  it("gives each role exactly its kind's rights and its process's own, and a trader only its own intents, cancels and beliefs", () => {
    const users = new Map(natsUsers(["t1"]).map((u) => [u.user, u.publish.filter((p) => !p.startsWith("$JS."))]));
    for (const kind of ["feed", "exchange", "boss", "auditor", "monitor"] as PublisherKind[]) expect(users.get(kind)).toEqual([...publishRightsOf(kind, kind), ...roleProcessRights(kind)]);
    expect(users.get("traders")).toEqual([...publishRightsOf("trader", "*"), ...roleProcessRights("traders")]);
    // Only the feed's process leads a split sim's clock; each role writes only its own state journal.
    expect([...users].filter(([, rights]) => rights.includes("floor.clock.step")).map(([u]) => u)).toEqual(["feed"]);
    expect([...users].filter(([, rights]) => rights.some((r) => r.startsWith("state."))).map(([u, rights]) => [u, rights.filter((r) => r.startsWith("state."))])).toEqual(
      ["feed", "exchange", "boss", "auditor", "monitor", "traders"].map((r) => [r, [`state.${r}`]]),
    );
    expect(users.get("trader-t1")).toEqual(["order.intent.t1", "order.cancel.t1", "belief.t1", "hb.t1", "floor.life.*", "audit.*"]);
    const onlyBoss = [...users].filter(([, rights]) => rights.some((r) => r.startsWith("order.decision") || r === "ctl.>" || r.startsWith("floor.agent."))).map(([u]) => u);
    expect(onlyBoss).toEqual(["floor", "boss"]);
    // Besides the boss, only the auditor controls agents, and only to halt them.
    expect([...users].filter(([, rights]) => rights.some((r) => r.startsWith("ctl."))).map(([u, rights]) => [u, rights.filter((r) => r.startsWith("ctl."))])).toEqual([["floor", ["ctl.>", "ctl.*.halt"]], ["boss", ["ctl.>"]], ["auditor", ["ctl.*.halt"]]]);
    const md = [...users].filter(([, rights]) => rights.includes("md.>")).map(([u]) => u);
    expect(md).toEqual(["floor", "feed"]);
    expect(Object.keys(PUBLISH_RIGHTS).sort()).toEqual(["auditor", "boss", "exchange", "feed", "monitor", "trader"]);
  });

  it("lets only `floor` and `traders` (the processes whose supervisor takes commands) answer requests, one reply each", () => {
    const users = natsUsers(["t1"]);
    expect(users.filter((u) => u.answersRequests).map((u) => u.user)).toEqual(["floor", "traders"]);
    const conf = renderNatsAuthConfig(users).split("\n");
    const granted = conf.filter((l) => l.includes("allow_responses"));
    expect(granted).toHaveLength(2);
    for (const g of granted) expect(g).toMatch(/subscribe: \{ allow: \[">"\] \}, allow_responses: \{ max: 1 \} \} \}$/);
    expect(granted.map((g) => conf[conf.indexOf(g) - 1])).toEqual([expect.stringContaining('user: "floor"'), expect.stringContaining('user: "traders"')]);
  });

  it("puts the bus prefix on every floor subject and names the prefixed stream", () => {
    const [floor] = natsUsers(["t1"], "prod.");
    expect(floor!.publish).toContain("prod.order.decision.*");
    expect(floor!.publish.filter((p) => !p.startsWith("prod.") && !p.startsWith("$JS."))).toEqual([]);
    const trader = natsUsers(["t1"], "prod").find((u) => u.user === "trader-t1")!;
    expect(trader.publish).toContain("$JS.API.STREAM.INFO.FLOOR_prod");
  });
});
