import type { z } from "zod";
import { LIVE_DATA_CHANNELS, LiveDataAck, LiveDataBatch, LiveDataEnvelope, LiveDataError, LiveDataUpdate, LiveDataPoint } from "./liveDataSchemas.ts";

/** A price in USD (a float: a model input, rounded once to micro-units when published) at its source time. */
export interface LiveDataPricePoint {
  priceUsd: number;
  tsMs: number;
}

/** A data envelope, checked: its sequence facts and its points, oldest first. */
export interface LiveDataPrices {
  channel: string;
  seq: number;
  snapshot: boolean;
  /** Frames the server dropped on this channel just before this one (0 when absent). */
  dropped: number;
  symbol: string;
  source: string | undefined;
  windowSeconds: number | undefined;
  points: LiveDataPricePoint[];
}

export type LiveDataFrame =
  | { ack: z.infer<typeof LiveDataAck>["op"]; channel: string | undefined }
  | { error: LiveDataError }
  | { prices: LiveDataPrices }
  | { ignored: string }
  | { malformed: string };

const issue = (e: z.ZodError) => `${e.issues[0]?.path.join(".") || "(root)"}: ${e.issues[0]?.message ?? "invalid"}`;

/**
 * The exact decimal as a number, refused when it disagrees with the float `value` by more than 1%:
 * a scaled integer (the legacy RTDS TWAP's E18) must never become a price.
 */
function price(p: z.infer<typeof LiveDataPoint>): number | string {
  const exact = Number(p.full_accuracy_value);
  if (!(exact > 0) || Math.abs(exact - p.value) > p.value * 0.01) return `full_accuracy_value ${p.full_accuracy_value.slice(0, 40)} disagrees with value ${p.value}`;
  return exact;
}

function points(payload: unknown, snapshot: boolean): { ok: Omit<LiveDataPrices, "channel" | "seq" | "snapshot" | "dropped"> } | { malformed: string } {
  const r = snapshot ? LiveDataBatch.safeParse(payload) : LiveDataUpdate.safeParse(payload);
  if (!r.success) return { malformed: `payload.${issue(r.error)}` };
  const raw = "data" in r.data ? r.data.data : [r.data];
  const out: LiveDataPricePoint[] = [];
  for (const p of raw) {
    const v = price(p);
    if (typeof v === "string") return { malformed: v };
    out.push({ priceUsd: v, tsMs: p.timestamp });
  }
  out.sort((a, b) => a.tsMs - b.tsMs);
  return { ok: { symbol: r.data.symbol.toLowerCase(), source: r.data.source, windowSeconds: r.data.window_seconds, points: out } };
}

/** One text frame of the live-data socket: an ack, an error ack, a crypto price envelope, another channel's (ignored), or malformed. Never throws. */
export function parseLiveDataFrame(text: string): LiveDataFrame {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return { malformed: `not JSON: ${JSON.stringify(text.slice(0, 40))}` };
  }
  if (typeof j !== "object" || j === null || Array.isArray(j)) return { malformed: "not an object" };
  if ("op" in j) {
    const e = LiveDataError.safeParse(j);
    if (e.success) return { error: e.data };
    const a = LiveDataAck.safeParse(j);
    return a.success ? { ack: a.data.op, channel: a.data.channel } : { malformed: `ack ${issue(a.error)}` };
  }
  const env = LiveDataEnvelope.safeParse(j);
  if (!env.success) return { malformed: issue(env.error) };
  const { channel, seq, snapshot = false, dropped = 0, payload } = env.data;
  // The floor subscribes to the crypto channels only; other channels' payloads have other shapes.
  if (channel !== LIVE_DATA_CHANNELS.spot && channel !== LIVE_DATA_CHANNELS.twap) return { ignored: `channel ${channel}` };
  const p = points(payload, snapshot);
  if ("malformed" in p) return p;
  return { prices: { channel, seq, snapshot, dropped, ...p.ok } };
}
