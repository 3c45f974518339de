import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { liveDataCredsFromEnv } from "../../../agents/feed/live/liveDataCreds.ts";
import { closedPort } from "../../helpers/closedPort.ts";
import { FeedHarness } from "./FeedHarness.ts";
import { sleep } from "./waitFor.ts";

/** A pre-TWAP window of the recorded fixtures (2026-07-24): settles on the Chainlink spot. */
const W1 = "btc-updown-5m-1784850900";
const START = 1784850900_000;
/** A window after 2026-08-07, carrying Gamma's cryptoMarketConfig: settles on the 60 s TWAP. */
const S2 = 1796083200_000; // 2026-12-01 00:00 UTC
const E2 = S2 + 300_000;
const W2 = `btc-updown-5m-${S2 / 1000}`;

let h: FeedHarness;
const health = (source: string) => h.msgs(`md.health.${source}`);
const envOf = (c: FeedHarness["liveData"]["creds"]) => ({ CLOB_API_KEY: c.apiKey, CLOB_SECRET: c.secret, CLOB_PASS_PHRASE: c.passphrase });

/** Re-date the recorded market to a TWAP-era window, as Gamma lists it since August 2026. */
function twapWindow(start: number): string {
  const template = h.gamma.markets.get(W1)!;
  const slug = `btc-updown-5m-${start / 1000}`;
  const cryptoMarketConfig = { id: "btc-5m-twap-60", asset: "btc", duration: "5m", twapEnabled: true, twapLookbackSeconds: 60 };
  h.gamma.markets.set(slug, { ...template, slug, eventStartTime: new Date(start).toISOString(), endDate: new Date(start + 300_000).toISOString(), cryptoMarketConfig });
  h.gamma.live.add(slug);
  return slug;
}

beforeEach(() => {
  h = new FeedHarness();
  h.gamma.live.add(W1);
  h.rtds.onMessage = (ws, text) => { if (JSON.parse(text).action === "subscribe") h.rtds.send(h.clob.fx.rtdsFirst, ws); };
});
afterEach(() => h.close());

describe("reference prices: PolyBolt, with RTDS as the fallback", () => {
  it("without CLOB credentials takes the spot from RTDS and says why", async () => {
    await h.start(START + 2500, { liveDataCreds: liveDataCredsFromEnv({}) });
    await h.drive(() => h.msgs(`md.market.${W1}.open`).length === 1, "open on the RTDS spot");
    expect(h.msgs(`md.market.${W1}.open`)[0]).toMatchObject({ strike: 65_026_457_815 });
    expect(health("rtds")[0]).toMatchObject({ status: "ok", detail: expect.stringContaining("RTDS in use (no CLOB API credentials (CLOB_API_KEY, CLOB_SECRET, CLOB_PASS_PHRASE are not set))") });
    expect(h.liveData.connections).toBe(0);
  });

  it("with credentials takes the spot from PolyBolt, and reports each seq gap and dropped count as md.health gap", async () => {
    for (const [t, v] of [[START - 1000, 65_020.11], [START, 65_026.457815], [START + 1000, 65_027.9]] as const) h.liveData.push("price.crypto", t, v);
    await h.start(START + 2500, { liveDataCreds: liveDataCredsFromEnv(envOf(h.liveData.creds)) });
    await h.drive(() => h.msgs(`md.market.${W1}.open`).length === 1, "open on the PolyBolt spot");
    expect(h.msgs(`md.market.${W1}.open`)[0]).toMatchObject({ strike: 65_026_457_815 });
    expect(health("livedata")[0]).toMatchObject({ status: "ok", detail: expect.stringContaining("spot from price.crypto (Pyth), settlement from price.crypto.twap 60 s (Chainlink)") });

    h.liveData.push("price.crypto", START + 2000, 65_028, { skip: 2 });
    await h.drive(() => health("livedata").some((m) => m.status === "gap"), "seq gap");
    h.liveData.push("price.crypto.twap", START + 2000, 65_025, { dropped: 4 });
    await h.drive(() => health("livedata").filter((m) => m.status === "gap").length === 2, "dropped");
    h.liveData.push("price.crypto", START + 3000, 65_029);
    await h.drive(() => health("livedata").at(-1)?.status === "ok", "in sequence again");
    expect(health("livedata").map((m) => [m.status, m.detail])).toEqual([
      ["ok", expect.any(String)],
      ["gap", "price.crypto: seq 4 after 1: 2 missing"],
      ["gap", "price.crypto.twap: the server dropped 4 frames (slow consumer)"],
      ["ok", "in sequence again"],
    ]);
    expect(h.msgs("md.spot.BTCUSD").map((m) => m.price)).toEqual([65_020_110_000, 65_026_457_815, 65_027_900_000, 65_028_000_000, 65_029_000_000]);
    expect(h.rtds.connections).toBe(0);
  });

  it("when PolyBolt refuses the credentials: says so once, does not retry, and takes the spot from RTDS", async () => {
    await h.start(START + 2500, { liveDataCreds: liveDataCredsFromEnv({ ...envOf(h.liveData.creds), CLOB_SECRET: "not-the-secret" }) });
    await h.drive(() => h.msgs(`md.market.${W1}.open`).length === 1, "open on the RTDS spot");
    expect(health("livedata")).toEqual([expect.objectContaining({ status: "reconnecting", detail: expect.stringContaining("given up: the CLOB API credentials were refused (auth_invalid)") })]);
    expect(health("rtds")[0]).toMatchObject({ status: "ok", detail: expect.stringContaining("RTDS in use (PolyBolt gave up") });
    const errors = h.logs.filter((l) => l.includes('"level":50'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("Check the CLOB API credentials (CLOB_API_KEY, CLOB_SECRET, CLOB_PASS_PHRASE)");
    expect(h.logs.join("")).not.toContain("not-the-secret");
    await sleep(100);
    expect(h.liveData.connections).toBe(1);
  });

  it("falls back to RTDS while PolyBolt cannot be reached", async () => {
    const port = await closedPort();
    await h.start(START + 2500, { liveDataCreds: liveDataCredsFromEnv(envOf(h.liveData.creds)), liveDataUrl: `ws://127.0.0.1:${port}/ws`, liveDataFailoverMs: 200 });
    await h.drive(() => h.msgs(`md.market.${W1}.open`).length === 1, "open on the RTDS spot");
    expect(health("livedata")[0]).toMatchObject({ status: "reconnecting", detail: expect.stringContaining("connection refused") });
    expect(health("rtds")[0]).toMatchObject({ status: "ok", detail: expect.stringContaining("RTDS in use (PolyBolt not ok for 200 ms)") });
  });

  it("live trading derives the key when no CLOB variable is set, and says so when it cannot", async () => {
    const creds = { key: h.liveData.creds.apiKey, secret: h.liveData.creds.secret, passphrase: h.liveData.creds.passphrase };
    await h.start(START + 2500, { liveDataCreds: { derive: () => sleep(50).then(() => creds), from: "POLYMARKET_PRIVATE_KEY" } });
    await h.drive(() => health("livedata")[0]?.status === "ok", "PolyBolt with the derived key");
    expect(h.liveData.ops("auth")).toHaveLength(1);
    expect(h.spec!.config).toMatchObject({ liveDataAuth: "POLYMARKET_PRIVATE_KEY" });
    expect(JSON.stringify(h.spec!.config)).not.toContain(creds.secret);
    await h.close();

    h = new FeedHarness();
    h.gamma.live.add(W1);
    await h.start(START + 2500, { liveDataCreds: { derive: () => Promise.reject(new Error("403 geoblocked")), from: "POLYMARKET_PRIVATE_KEY" } });
    await h.drive(() => h.rtds.connections === 1, "RTDS");
    expect(h.logs.join("")).toContain("could not derive the CLOB API key from POLYMARKET_PRIVATE_KEY: 403 geoblocked");
    expect(h.liveData.connections).toBe(0);
  });

  it("a TWAP-settled window takes its strike from the 60 s TWAP at the open, closes on the TWAP at the close, and a tie resolves Up", async () => {
    expect(twapWindow(S2)).toBe(W2);
    twapWindow(S2 + 300_000);
    for (const t of [S2 - 1000, S2, S2 + 1000]) h.liveData.push("price.crypto", t, 64_990); // the spot says something else: it must not be used
    for (const [t, v] of [[S2 - 1000, 65_000.1], [S2, 65_000.5], [S2 + 1000, 65_001]] as const) h.liveData.push("price.crypto.twap", t, v);
    await h.start(S2 + 500, { liveDataCreds: liveDataCredsFromEnv(envOf(h.liveData.creds)), resolveGiveUpMs: 1000 });
    await h.drive(() => h.msgs(`md.market.${W2}.open`).length === 1, "open on the TWAP");
    expect(h.msgs(`md.market.${W2}.open`)[0]).toMatchObject({ strike: 65_000_500_000, startTs: S2, endTs: E2 });

    h.liveData.push("price.crypto", E2, 64_000); // spot below the strike at the close: Down on the spot
    h.liveData.push("price.crypto.twap", E2, 65_000.5); // the TWAP ties the strike: Up
    h.clock.advanceTo(E2 - 100);
    await h.drive(() => h.msgs(`md.market.${W2}.resolved`).length === 1, "close and derived resolution");
    expect(h.msgs(`md.market.${W2}.close`)).toEqual([expect.objectContaining({ endPrice: 65_000_500_000 })]);
    expect(h.msgs(`md.market.${W2}.resolved`)).toEqual([expect.objectContaining({ outcome: "Up", derived: true })]);
  });

  it("Gamma's outcome still wins over the TWAP", async () => {
    twapWindow(S2);
    for (const [t, v] of [[S2, 65_000.5], [S2 + 1000, 65_001]] as const) h.liveData.push("price.crypto.twap", t, v);
    h.liveData.push("price.crypto", S2, 64_990);
    await h.start(S2 + 500, { liveDataCreds: liveDataCredsFromEnv(envOf(h.liveData.creds)) });
    await h.drive(() => h.msgs(`md.market.${W2}.open`).length === 1, "open");
    h.liveData.push("price.crypto.twap", E2, 64_000); // the TWAP says Down…
    h.gamma.markets.set(W2, { ...h.gamma.markets.get(W2)!, closed: true, outcomePrices: '["1", "0"]' }); // …the venue says Up
    h.gamma.live.delete(W2);
    h.clock.advanceTo(E2 - 100);
    await h.drive(() => h.msgs(`md.market.${W2}.resolved`).length === 1, "resolution from Gamma");
    expect(h.msgs(`md.market.${W2}.resolved`)[0]).toMatchObject({ outcome: "Up", derived: false });
  });
});
