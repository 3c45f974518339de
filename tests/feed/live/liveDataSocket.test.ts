import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LiveDataSocket, type LiveDataKind, type SocketStatus } from "../../../floor/adapters/polymarket/index.ts";
import { FakeLiveData } from "./FakeLiveData.ts";
import { sleep, waitFor } from "./waitFor.ts";

const T = 1_788_973_000_000;
let server: FakeLiveData, sock: LiveDataSocket | undefined;
let prices: Array<[LiveDataKind, number, number]>, gaps: string[], statuses: Array<[SocketStatus, string]>, fatal: string[];

async function open(creds = server.creds, extra: { serverPingMs?: number; drainMaxMs?: number } = {}): Promise<LiveDataSocket> {
  sock = new LiveDataSocket({
    url: await server.url(), creds: { key: creds.apiKey, secret: creds.secret, passphrase: creds.passphrase },
    serverPingMs: extra.serverPingMs ?? 100, staleMs: 10_000, backoff: { minMs: 10, maxMs: 50 }, drainMaxMs: extra.drainMaxMs ?? 50,
    onPrice: (k, p, t) => void prices.push([k, p, t]), onGap: (d) => void gaps.push(d),
    onStatus: (s, d) => void statuses.push([s, d]), onFatal: (d) => void fatal.push(d),
  });
  sock.start();
  return sock;
}

beforeEach(() => {
  server = new FakeLiveData(40);
  prices = [];
  gaps = [];
  statuses = [];
  fatal = [];
});
afterEach(async () => {
  await sock?.close();
  sock = undefined;
  await server.close();
});

describe("LiveDataSocket against a local PolyBolt", () => {
  it("authenticates, then subscribes to spot and the 60 s TWAP, takes the snapshots and the updates, and answers the server's pings", async () => {
    server.push("price.crypto", T - 2000, 64123.5);
    server.push("price.crypto.twap", T - 1000, 64120.2);
    const s = await open();
    await waitFor(() => prices.length === 2, "snapshots");
    const [auth, sub] = [server.ops("auth")[0], server.ops("subscribe")[0]];
    expect(auth).toEqual({ op: "auth", rid: "a1", auth: { apiKey: server.creds.apiKey, secret: server.creds.secret, passphrase: server.creds.passphrase } });
    expect(sub).toEqual({ op: "subscribe", rid: "s1", subscriptions: [{ channel: "price.crypto", filter: { symbol: "btcusd" } }, { channel: "price.crypto.twap", filter: { symbol: "btcusd", window_seconds: 60 } }] });
    expect(server.received.map((r) => r.msg.op)).toEqual(["auth", "subscribe"]); // nothing before the auth, no text pings
    server.push("price.crypto", T, 64126);
    server.push("price.crypto.twap", T, 64120.7);
    await waitFor(() => prices.length === 4, "updates");
    expect(prices).toEqual([["spot", 64123.5, T - 2000], ["twap", 64120.2, T - 1000], ["spot", 64126, T], ["twap", 64120.7, T]]);
    await waitFor(() => server.pongs >= 3, "pongs to the server's pings");
    expect(statuses.map((x) => x[0])).toEqual(["ok"]);
    expect(gaps).toEqual([]);
    expect(s.counters).toMatchObject({ auths: 1, subscriptions: 1, spot: 2, twap: 2, gaps: 0, malformed: 0, reconnects: 0, serverErrors: 0 });
  });

  it("reports a seq jump and a dropped count as gaps, and still takes the data", async () => {
    await open();
    await waitFor(() => sock!.status === "ok", "the (empty) snapshots");
    await sleep(20); // both channels' snapshots (seq 1) are in
    server.push("price.crypto", T, 64126, { skip: 2 });
    server.push("price.crypto.twap", T, 64120.7, { dropped: 3 });
    await waitFor(() => gaps.length === 2 && prices.length === 2, "gaps");
    expect(gaps).toEqual(["price.crypto: seq 4 after 1: 2 missing", "price.crypto.twap: the server dropped 3 frames (slow consumer)"]);
  });

  it("says clearly when the credentials are refused (auth_invalid, close 4001) and does not reconnect", async () => {
    await open({ ...server.creds, secret: "wrong" });
    await waitFor(() => fatal.length === 1, "fatal");
    expect(fatal[0]).toMatch(/CLOB API credentials were refused \(auth_invalid\); not reconnecting/);
    await sleep(200);
    expect(server.connections).toBe(1);
    expect(server.ops("subscribe")).toEqual([]);
    expect(sock!.failed).toBe(fatal[0]);
    expect(JSON.stringify(statuses)).not.toContain("wrong"); // no secret in what it reports
  });

  it("stops on a bare 4001 close too", async () => {
    server.badCredsClose = true;
    await open();
    await waitFor(() => server.ops("subscribe").length === 1, "subscription");
    server.closeAll(4001, "authentication failed");
    await waitFor(() => fatal.length === 1, "fatal");
    expect(fatal[0]).toContain("authentication failed (close 4001: authentication failed)");
    await sleep(150);
    expect(server.connections).toBe(1);
  });

  it("reconnects after a 4003 (draining), authenticates and subscribes again; seq starting over is no gap", async () => {
    await open();
    server.push("price.crypto", T, 64126);
    await waitFor(() => prices.length === 1, "first price");
    server.closeAll(4003, "draining");
    await waitFor(() => server.ops("subscribe", 2).length === 1, "resubscription");
    expect(server.ops("auth", 2)).toHaveLength(1);
    expect(statuses.find((x) => x[0] === "reconnecting")?.[1]).toContain("server draining (close 4003");
    server.push("price.crypto", T + 1000, 64127);
    await waitFor(() => prices.length === 2, "price after the reconnect");
    expect(gaps).toEqual([]);
    expect(fatal).toEqual([]);
  });

  it("reconnects when the server stops pinging", async () => {
    await server.close();
    server = new FakeLiveData(0); // never pings
    await open(server.creds, { serverPingMs: 40 });
    await waitFor(() => server.connections >= 2, "reconnect");
    expect(statuses.find((x) => x[0] === "reconnecting")?.[1]).toBe("no server ping for 80 ms");
  });
});
