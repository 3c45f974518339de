import { z } from "zod";

/** One spot price: USD as a float (a model input, rounded once to micro-units when published) and its source time. */
export interface SpotPoint {
  priceUsd: number;
  tsMs: number;
}

export type SpotFrame = { pong: true } | { points: SpotPoint[] } | { ignored: string } | { malformed: string };

const Price = z.union([z.number(), z.string().regex(/^\d{1,12}(\.\d{1,18})?$/).transform(Number)]).pipe(z.number().positive().max(1e9));
/** Epoch ms; a value that looks like seconds is scaled (the reference does not pin the unit down). */
const Ts = z.number().int().positive().max(1e14).transform((t) => (t < 1e11 ? t * 1000 : t));
const Point = z.object({ timestamp: Ts, value: Price });

const RtdsMessage = z.object({
  topic: z.string(),
  type: z.string().optional(),
  timestamp: z.number().optional(),
  payload: z.object({
    symbol: z.string(),
    timestamp: Ts.optional(),
    value: Price.optional(),
    data: z.array(Point).max(100_000).optional(),
  }),
});

const BinanceTrade = z.object({ e: z.literal("trade"), E: z.number().optional(), p: Price, T: Ts });

function json(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const issue = (e: z.ZodError) => `${e.issues[0]?.path.join(".") || "(root)"}: ${e.issues[0]?.message ?? "invalid"}`;

/**
 * An RTDS frame (reference §2.3): `crypto_prices_chainlink` updates `{payload:{symbol,timestamp,value}}`
 * and the first message's history `{payload:{symbol,data:[{timestamp,value}]}}`. Other topics and
 * symbols are ignored; anything else is malformed. Never throws.
 */
export function parseRtdsFrame(text: string, symbol = "btc/usd"): SpotFrame {
  const trimmed = text.trim();
  if (trimmed === "PONG") return { pong: true };
  if (trimmed === "") return { ignored: "empty frame" };
  const j = json(trimmed);
  if (!j.ok) return { malformed: `not JSON: ${JSON.stringify(trimmed.slice(0, 40))}` };
  const r = RtdsMessage.safeParse(j.value);
  if (!r.success) return { malformed: issue(r.error) };
  const m = r.data;
  if (m.topic !== "crypto_prices_chainlink") return { ignored: `topic ${m.topic.slice(0, 40)}` };
  if (m.payload.symbol.toLowerCase() !== symbol) return { ignored: `symbol ${m.payload.symbol.slice(0, 20)}` };
  const points: SpotPoint[] = (m.payload.data ?? []).map((p) => ({ priceUsd: p.value, tsMs: p.timestamp }));
  if (m.payload.value !== undefined && m.payload.timestamp !== undefined) points.push({ priceUsd: m.payload.value, tsMs: m.payload.timestamp });
  if (points.length === 0) return { malformed: "payload has neither value+timestamp nor data" };
  return { points: points.sort((a, b) => a.tsMs - b.tsMs) };
}

/** A Binance `<symbol>@trade` frame `{"e":"trade","E":…,"p":"…","T":…}`; other JSON is ignored. Never throws. */
export function parseBinanceFrame(text: string): SpotFrame {
  const j = json(text);
  if (!j.ok) return { malformed: `not JSON: ${JSON.stringify(text.slice(0, 40))}` };
  const v = j.value as { e?: unknown } | null;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return { malformed: "not an object" };
  if (v.e !== "trade") return { ignored: `event ${String(v.e).slice(0, 20)}` };
  const r = BinanceTrade.safeParse(v);
  if (!r.success) return { malformed: issue(r.error) };
  return { points: [{ priceUsd: r.data.p, tsMs: r.data.T }] };
}
