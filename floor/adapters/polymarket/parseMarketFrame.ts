import { MARKET_EVENT_SCHEMAS, type MarketChannelEvent } from "./marketSchemas.ts";

/** What one item of a frame turned out to be. */
export type FrameItem = { event: MarketChannelEvent } | { unknown: string } | { malformed: string };

/** A parsed market-channel frame: a keepalive, or its items (a frame may hold one object or an array). */
export type ParsedFrame = { pong: true } | { items: FrameItem[] };

const MAX_FRAME_CHARS = 8_000_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseItem(raw: unknown): FrameItem {
  if (!isRecord(raw)) return { malformed: `not an object: ${raw === null ? "null" : typeof raw}` };
  const type = raw.event_type;
  if (typeof type !== "string") return { malformed: "missing event_type" };
  if (!Object.hasOwn(MARKET_EVENT_SCHEMAS, type)) return { unknown: type.slice(0, 64) };
  const schema = MARKET_EVENT_SCHEMAS[type as keyof typeof MARKET_EVENT_SCHEMAS];
  const r = schema.safeParse(raw);
  if (r.success) return { event: r.data };
  const issue = r.error.issues[0];
  return { malformed: `${type}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}` };
}

/**
 * One raw text frame of the CLOB market channel to typed events. Never throws: text that is
 * not JSON, items that are not objects or fail their schema come back as `{ malformed }`,
 * event types the floor does not use as `{ unknown }`; the caller counts both.
 */
export function parseMarketFrame(text: string): ParsedFrame {
  const trimmed = text.trim();
  if (trimmed === "PONG") return { pong: true };
  if (trimmed.length > MAX_FRAME_CHARS) return { items: [{ malformed: `frame too large (${trimmed.length} chars)` }] };
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    return { items: [{ malformed: `not JSON: ${JSON.stringify(trimmed.slice(0, 40))}` }] };
  }
  if (Array.isArray(raw)) return { items: raw.map(parseItem) };
  return { items: [parseItem(raw)] };
}
