/** The `id` of a floor envelope (`{"v":…,"id":…}`): the JetStream msgID and the dedupe key; undefined for anything else. */
export function envelopeId(data: string): string | undefined {
  if (!data.startsWith("{")) return undefined;
  try {
    const m = JSON.parse(data) as { v?: unknown; id?: unknown };
    return typeof m.v === "number" && typeof m.id === "string" && /^[^\x00-\x1f]+$/.test(m.id) ? m.id : undefined;
  } catch {
    return undefined;
  }
}
