/**
 * Ten kinds of bad frame, cycled deterministically: invalid JSON, wrong types, truncated JSON,
 * binary, huge numbers, missing fields, non-objects, bad event types, unknown event types.
 * `good` is a valid frame whose own damage makes it bad. Each bad frame holds exactly one bad item.
 */
export interface BadFrame {
  data: string | Buffer;
  /** True when the receiver should count it as an unknown (ignored) event type rather than malformed. */
  unknown: boolean;
}

export function badFrame(i: number, good: Record<string, unknown>, field: string, typeKey: "event_type" | "topic"): BadFrame {
  const text = JSON.stringify(good);
  switch (i % 10) {
    case 0: return { data: `{not json ${i}`, unknown: false };
    case 1: return { data: JSON.stringify({ ...good, [field]: i % 3 === 0 ? true : [i] }), unknown: false };
    case 2: return { data: text.slice(0, 1 + (i % (text.length - 2))), unknown: false };
    case 3: return { data: Buffer.from([0xff, 0x00, i & 0xff, 0x7b]), unknown: false };
    case 4: return { data: text.replace(/"timestamp":("?\d+"?)/, `"timestamp":1e400`).replace(`"${field}":`, `"${field}":"1${"0".repeat(300)}",".x":`), unknown: false };
    case 5: {
      const copy: Record<string, unknown> = { ...good };
      delete copy[field];
      if (typeKey === "topic") copy.payload = { symbol: "btc/usd" };
      return { data: JSON.stringify(copy), unknown: false };
    }
    case 6: return { data: ["null", "42", '"PING"', "true"][i % 4]!, unknown: false };
    case 7: return { data: JSON.stringify({ ...good, [typeKey]: typeKey === "event_type" ? 17 : null }), unknown: false };
    case 8: return { data: typeKey === "event_type" ? JSON.stringify([{ ...good, event_type: `mystery_${i}` }]) : "{".repeat(5000), unknown: typeKey === "event_type" };
    default: return { data: JSON.stringify({ ...good, [typeKey]: typeKey === "event_type" ? `unknown_${i}` : 3.5 }), unknown: typeKey === "event_type" };
  }
}
