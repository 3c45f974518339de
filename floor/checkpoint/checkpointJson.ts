/**
 * JSON for agents' in-memory state: what plain JSON loses comes back. Non-finite numbers
 * (a `-Infinity` "never yet"), Maps (entries in insertion order) and Sets are tagged.
 * Finite numbers round-trip exactly in JSON, so a restored float is the same float.
 */
export function toCheckpointJson(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (typeof v === "number" && !Number.isFinite(v)) return { $num: String(v) };
    if (v instanceof Map) return { $map: [...v.entries()] };
    if (v instanceof Set) return { $set: [...v.values()] };
    return v;
  });
}

export function fromCheckpointJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length !== 1) return v;
    if (keys[0] === "$num" && typeof o.$num === "string") return Number(o.$num);
    if (keys[0] === "$map" && Array.isArray(o.$map)) return new Map(o.$map as Array<[unknown, unknown]>);
    if (keys[0] === "$set" && Array.isArray(o.$set)) return new Set(o.$set);
    return v;
  });
}
