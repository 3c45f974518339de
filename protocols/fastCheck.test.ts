import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fastCheck } from "./fastCheck.ts";
import { fastParse, UNSURE } from "./fastParse.ts";
import { families } from "./families.ts";

const env = { v: 1, id: "monitor.1.7", ts: 1_767_225_600_000, src: "monitor" };
const UP = "1".repeat(77);
const metrics = {
  ...env,
  agentId: "momentum-1",
  fills: 3,
  settled: 2,
  wins: 1,
  losses: 1,
  realizedPnl: -1_250_000,
  feesUsd: 12_000,
  forecast: { n: 4, brier: 0.21, paired: 4, marketBrier: null, skill: null, skillLo: null, skillHi: null, markets: 2, logLoss: 0.6, calibration: [{ lo: 0.5, hi: 0.6, n: 2, meanP: 0.55, freqUp: 0.5 }] },
  unrealizedPnl: 0,
  pnl: -1_250_000,
  equity: 98_750_000,
  openPositions: 0,
  turnover: 4_000_000,
  record: { trades: 2, winRate: 0.5, avgWin: 1, avgLoss: -2, profitFactor: 0.5, sharpe: null, sortino: null, psr: null },
  drawdown: { max: 0.01, maxAt: 1_767_225_000_000, current: 0, longestMs: 60_000 },
  latency: { tickToIntent: { n: 3, p50: 0, p99: 1000 } },
  uptimeMs: 3_600_000,
  restarts: 0,
};
const book = { ...env, marketId: "m1", tokenId: UP, bids: [{ price: 490_000, size: 5_000_000 }], asks: [{ price: 510_000, size: 5_000_000 }], tickSize: 10_000, minSize: 5_000_000 };
const trade = { ...env, marketId: "m1", tokenId: UP, price: 500_000, size: 1_000_000, side: "BUY" };
const open = { ...env, phase: "open", marketId: "m1", slug: "btc-up", symbol: "BTCUSD", upTokenId: UP, downTokenId: "2", startTs: 0, endTs: 900_000, strike: 95_000_000_000, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5_000_000 };
const samples: Array<[z.ZodType, Record<string, unknown>]> = [
  [families.metrics.schema, metrics],
  [families.book.schema, book],
  [families.trade.schema, trade],
  [families.market.schema, open],
  [families.spot.schema, { ...env, symbol: "BTCUSD", price: 95_000_000_000, volume: 1.5 }],
];

/** Values to put in place of any one field: each wrong for some schema or other. */
const odd: unknown[] = [undefined, null, NaN, Infinity, -Infinity, -1, 0, -0, 1.5, 2 ** 53, -(2 ** 53), 1_000_000, "", "x", "😀", "\ud83d", "1".repeat(300), "0x" + "a".repeat(64), true, [], [1], {}, { n: 1 }, "BUY", "Up", "open", "tickToIntent", new Date(0), Object.create(null) as object];

/** Every variant of `v` with one field (at any depth) replaced by one odd value, or a key added. */
function* variants(v: unknown): Generator<unknown> {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) for (const x of variants(v[i])) yield v.map((e, j) => (j === i ? x : e));
    yield [...v, {}];
  } else if (typeof v === "object" && v !== null) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      for (const x of variants(o[k])) yield { ...o, [k]: x };
      const { [k]: _gone, ...rest } = o;
      yield rest;
    }
    yield { ...o, extra: 1 };
    yield { ...o, sharpe: 1, n: 2, tickToAck: { n: 1, p50: 1, p99: 1 }, bogus: { n: 1, p50: 1, p99: 1 } };
  }
  yield* odd;
}

describe("fastCheck", () => {
  it.each(samples.map(([s, m], i) => [i, s, m] as const))("passes what the floor sends (sample %i) and is never more lenient than zod", (_i, schema, msg) => {
    const f = fastCheck(schema);
    expect(f).toBeDefined();
    expect(schema.safeParse(msg).success).toBe(true);
    expect(f!(msg)).toBe(true);
    let passed = 0;
    let n = 0;
    for (const v of variants(msg)) {
      n++;
      if (!f!(v)) continue;
      passed++;
      expect(schema.safeParse(v).success, JSON.stringify(v)?.slice(0, 400)).toBe(true);
    }
    expect(n).toBeGreaterThan(100);
    expect(passed).toBeGreaterThan(0);
  });

  it("leaves to zod what it cannot judge alike: transforms, defaults, refinements, exact optionals, strict objects", () => {
    expect(fastCheck(z.string().trim())).toBeUndefined();
    expect(fastCheck(z.object({ a: z.number().default(1) }))).toBeUndefined();
    expect(fastCheck(z.number().refine((x) => x > 1))).toBeUndefined();
    expect(fastCheck(z.object({ a: z.string().exactOptional() }))).toBeUndefined();
    expect(fastCheck(z.strictObject({ a: z.string() }))).toBeUndefined();
    expect(fastCheck(z.xor([z.string(), z.number()]))).toBeUndefined();
    expect(fastCheck(z.string().transform((s) => s.length))).toBeUndefined();
    expect(fastCheck(families.agentCommand.schema)).toBeUndefined(); // its reason is trimmed
  });

  it("refuses a missing key that is not optional even where its schema takes undefined, as zod does", () => {
    const s = z.object({ a: z.unknown(), b: z.unknown().optional() });
    const f = fastCheck(s)!;
    for (const v of [{}, { a: undefined }, { a: 1 }, { b: 1 }, { a: 1, b: undefined }]) expect(f(v), JSON.stringify(v)).toBe(s.safeParse(v).success);
  });

  it("takes of an enum only the values zod takes (a TS enum's reverse names are not among them)", () => {
    enum Leg {
      A,
      B,
    }
    const s = z.enum(Leg);
    const f = fastCheck(s)!;
    for (const v of [0, 1, 2, "A", "B", "0"]) if (f(v)) expect(s.safeParse(v).success, String(v)).toBe(true);
    expect(f(0)).toBe(true);
  });

  it("counts string lengths as zod does, in code points, leaving the doubtful to it", () => {
    const f = fastCheck(z.string().min(2).max(3))!;
    expect(["ab", "abc", "😀😀"].map(f)).toEqual([true, true, true]);
    expect(["a", "abcd", "😀"].map(f)).toEqual([false, false, false]);
    const g = fastCheck(z.string().min(2))!;
    for (const s of ["ab", "a😀", "😀", "\ud83d\ud83d", "\ude00\ud83d", "x\ud83d", "\ud83d\ude00\ud83d"]) if (g(s)) expect(z.string().min(2).safeParse(s).success, s).toBe(true);
    expect(z.string().min(2).safeParse("😀").success).toBe(false);
  });
});

describe("fastParse", () => {
  const fill = { ...env, type: "fill", agentId: "a", orderId: "o", marketId: "m1" };
  it.each(samples.map(([s, m], i) => [i, s, m] as const))("gives what zod gives, key for key and in its order, or leaves it to zod (sample %i)", (_i, schema, msg) => {
    const f = fastParse(schema)!;
    expect(f).toBeDefined();
    expect(f(msg)).not.toBe(UNSURE);
    let sure = 0;
    for (const v of [...variants(msg), ...[...variants(msg)].map((x) => (x === undefined ? x : (JSON.parse(JSON.stringify(x)) as unknown))), fill]) {
      const out = f(v);
      if (out === UNSURE) continue;
      sure++;
      const z = schema.safeParse(v);
      expect(z.success, JSON.stringify(v)?.slice(0, 400)).toBe(true);
      expect(out).toStrictEqual(z.data);
      expect(JSON.stringify(out)).toBe(JSON.stringify(z.data));
      if (typeof out === "object" && out !== null) expect(out).not.toBe(v);
    }
    expect(sure).toBeGreaterThan(1);
  });

  it("leaves plain unions to zod (the first option that takes a value is zod's to name)", () => {
    expect(fastParse(z.union([z.object({ a: z.string() }), z.object({ a: z.string(), b: z.number() })]))).toBeUndefined();
  });

  it("keeps a present optional key that is undefined, drops an absent one, as zod does", () => {
    const s = z.object({ a: z.number().optional(), b: z.number().optional() });
    const v = { a: undefined };
    expect(fastParse(s)!(v)).toStrictEqual(s.parse(v));
    expect(Object.keys(fastParse(s)!(v) as object)).toEqual(Object.keys(s.parse(v)));
  });
});
