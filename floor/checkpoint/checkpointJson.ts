/**
 * JSON for agents' in-memory state: what plain JSON loses comes back. Non-finite numbers
 * (a `-Infinity` "never yet"), Maps (entries in insertion order) and Sets are tagged.
 * Finite numbers round-trip exactly in JSON, so a restored float is the same float.
 */
export function toCheckpointJson(value: unknown): string {
  // Tagging first and stringifying without a replacer: a replacer is a call per value (a floor of
  // traders' spot windows is millions), and most subtrees need no tag and are not copied.
  return JSON.stringify(tagged(value));
}

/** `v` with non-finite numbers, Maps and Sets tagged; the same object where nothing under it needs a tag. */
function tagged(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : { $num: String(v) };
  if (v === null || typeof v !== "object") return v;
  if (v instanceof Map) return { $map: [...v.entries()].map(tagged) };
  if (v instanceof Set) return { $set: [...v.values()].map(tagged) };
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const t = tagged(x);
      if (t !== x) (out ??= v.slice())[i] = t;
    }
    return out ?? v;
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === "function") return v; // a Date: JSON.stringify calls it
  const o = v as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(o)) {
    const x = o[k];
    const t = tagged(x);
    if (t !== x) (out ??= { ...o })[k] = t;
  }
  return out ?? o;
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
