const MAX = 300;

/** An audited fact's detail in one line: `key=value` pairs in their stored order, cut at 300 characters. */
export function factSummary(detail: Record<string, unknown>): string {
  const text = Object.entries(detail)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ")
    .replace(/\s+/g, " ");
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
