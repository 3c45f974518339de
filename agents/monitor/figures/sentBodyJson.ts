/**
 * JSON.stringify(body), cut from `sent`, the message a host sent for it: JSON.stringify of
 * `{ v, id, ts, src, ...body }` (HostOutbox). A metrics body is ~2 kB of figures, and writing its
 * numbers out is most of what saving it costs: this spares the second time. Only when `body`
 * starts with `agentId` and names no envelope field (else its keys would not follow the envelope's
 * in the same order); in the envelope, `,"agentId":` cannot occur (a quote in a string is escaped).
 */
export function sentBodyJson(sent: string | void, body: Record<string, unknown>): string {
  let first: string | undefined;
  for (const k in body) {
    first = k;
    break;
  }
  const at = typeof sent === "string" ? sent.indexOf(',"agentId":') : -1;
  if (at < 0 || first !== "agentId" || "v" in body || "id" in body || "ts" in body || "src" in body) return JSON.stringify(body);
  return `{${sent!.slice(at + 1)}`;
}
