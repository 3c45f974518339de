import { afterAll, afterEach, beforeEach, expect, it } from "vitest";
import { Wallet } from "ethers";
import { bossAgent } from "../../../agents/boss/index.ts";
import { EthersV6Signer, LiveExecutor, liveExchangeAgent } from "../../../agents/exchange/live/index.ts";
import { NatsBus, streamNameFor } from "../../../floor/bus/index.ts";
import { SimClock } from "../../../floor/clock/index.ts";
import { AgentHost } from "../../../floor/host/index.ts";
import { createLogger } from "../../../floor/log/createLogger.ts";
import { RiskConfig, type AuditFact, type VenueTierReport } from "../../../protocols/index.ts";
import { openDb, type Db } from "../../../state/index.ts";
import { waitFor } from "../../feed/live/waitFor.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../../helpers/nats.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { LocalClob } from "./LocalClob.ts";

const M = 1_000_000;
const H = 3_600_000;
const T0 = Date.now();
const PATH = "/v1/user/rate-limit-tier";

/**
 * The live exchange and the boss on a real nats-server, the venue played by the local CLOB: the
 * exchange reads the signer's rate tier at start-up and every 3 h of (a hand-moved) wall time,
 * hears it on order answers, and the boss's buckets follow.
 */
await describeNats("the venue's rate tier reaches the boss over NATS", () => {
  const prefix = uniquePrefix("tier");
  afterAll(() => dropStreams(natsUrl(), [streamNameFor(prefix)]));
  const tmp = tmpDir("venue-tier");
  let clob: LocalClob, bus: NatsBus, db: Db, hosts: AgentHost[], wall: number, seq: number;
  const audits: AuditFact[] = [];
  const reports: VenueTierReport[] = [];
  const clock = new SimClock(T0);

  beforeEach(async () => {
    clob = new LocalClob();
    await clob.start();
    bus = await NatsBus.connect({ url: natsUrl(), prefix });
    db = openDb(tmp.path("floor.db"));
    wall = T0;
    seq = 0;
    bus.subscribe("audit.*", (m) => void audits.push(JSON.parse(m.data) as AuditFact));
    bus.subscribe("order.venue.*", (m) => void reports.push(JSON.parse(m.data) as VenueTierReport));
    const wallet = Wallet.createRandom() as unknown as Wallet;
    const opts = { bus, clock, db, log: createLogger({ level: "silent" }), runId: 1 };
    const exchange = liveExchangeAgent("exchange", {
      executor: (beforePost) => new LiveExecutor({ host: clob.url, signer: new EthersV6Signer(wallet.privateKey), beforePost, httpTimeoutMs: 2000, backoffInitialMs: 10, now: () => wall }),
      pollMs: 60_000,
    });
    hosts = [new AgentHost(bossAgent("boss", { capital: 10_000, risk: RiskConfig.parse({}) }), opts), new AgentHost(exchange, opts)];
  });
  afterEach(async () => {
    for (const h of hosts) await h.stop();
    await bus.close();
    db.close();
    await clob.stop();
    tmp.remove();
  });

  const send = (subject: string, body: object, src = "test") => bus.publish(subject, JSON.stringify({ v: 1, id: `${src}.${++seq}`, ts: clock.now(), src, ...body }));
  const bossContext = () => (JSON.parse((db.prepare("SELECT snapshot_json AS j FROM snapshots WHERE agent_id = 'boss'").get() as { j: string }).j) as { context: { venueTier?: string; book: { orders: { tokens: number }; cancels: { tokens: number } } } }).context;
  const changes = () => audits.filter((a) => a.kind === "venue_tier").map((a) => a.detail);
  /** Wall time moves on by `ms` and the floor takes a step. */
  const later = async (ms: number) => {
    wall += ms;
    clock.advanceTo(clock.now() + 1000);
    for (const h of hosts) h.tick(clock.now());
    await bus.idle();
  };

  it("reads the tier at start-up, follows a change 3 h later, keeps it through a failed read, and hears it on an order's answer", async () => {
    clob.rateTier.set("Silver");
    for (const h of hosts) h.start();
    await waitFor(() => changes().length === 1, "the boss to follow the tier read at start-up");
    await waitFor(() => clob.heartbeats.length > 0, "the exchange connected (reconciled, heartbeats begun)");
    // Silver, full standard buckets carried over: 60 orders and 120 cancels, no burst of 300 granted.
    expect(changes()[0]).toEqual({ from: "standard", to: "silver", source: "read", orderPerSec: 200, orderBurst: 300, orderTokens: 60, cancelPerSec: 400, cancelBurst: 600, cancelTokens: 120 });
    expect(reports.at(-1)).toMatchObject({ src: "exchange", tier: "silver", source: "read", failedReads: 0, unknownTiers: 0, warnings: 0 });
    expect(bossContext()).toMatchObject({ venueTier: "silver", book: { orders: { tokens: 60 }, cancels: { tokens: 120 } } });
    expect(clob.requestsTo("GET", PATH).map((r) => r.l2Verified)).toEqual([true]);

    // The venue moves the signer to Gold; the exchange asks again only once 3 h of wall time have passed.
    clob.rateTier.set("gold");
    await later(3 * H - 1000);
    expect(clob.requestsTo("GET", PATH)).toHaveLength(1);
    await later(1000);
    await waitFor(() => changes().length === 2, "the boss to follow the tier read 3 h later");
    expect(changes()[1]).toMatchObject({ from: "silver", to: "gold", source: "read", orderBurst: 600 });

    // The next read fails: Gold is kept, the failure audited and counted, and trading goes on.
    clob.failNext("GET", PATH, 1, { kind: "status", status: 503, body: { error: "tier service unavailable" } });
    clob.rateTier.set("Elite");
    await later(3 * H);
    await waitFor(() => audits.some((a) => a.kind === "venue_tier_read"), "the failed read audited");
    expect(audits.find((a) => a.kind === "venue_tier_read")).toMatchObject({ severity: "error", detail: { kept: "gold", failedReads: 1 } });
    expect(bossContext().venueTier).toBe("gold");
    send("md.market.m1.open", {
      phase: "open", marketId: "m1", slug: "m1", symbol: "BTCUSD", upTokenId: clob.tokens[0], downTokenId: clob.tokens[1], startTs: T0, endTs: T0 + 900_000,
      strike: 95_000 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5 * M,
    }, "feed");
    const intent = { intentId: "t1-1", agentId: "t1", marketId: "m1", tokenId: clob.tokens[0], outcome: "Up", side: "BUY", type: "GTC", price: 500_000, size: 10 * M, belief: 0.55 };
    send("order.decision.t1", { intent, approved: true }, "boss");
    await waitFor(() => clob.orderPosts.length === 1, "the order posted despite the failed read");
    // Its answer carried the venue's header, Elite: reported with the order's answer, and the boss follows.
    await waitFor(() => changes().length === 3, "the boss to follow the header");
    expect(changes()[2]).toMatchObject({ from: "gold", to: "elite", source: "header", orderBurst: 900 });
    expect(reports.map((r) => [r.tier, r.source, r.failedReads])).toEqual([["silver", "read", 0], ["gold", "read", 0], ["elite", "header", 1]]);
  }, 30_000);
});
