import { formatMicro } from "../../../protocols/index.ts";
import { field, type AlertKindDef } from "./AlertKindDef.ts";

/** The day's digest is written (`audit.digest_written`, detail `{ date, markdown, html, pnl }` with pnl in micro-USD). */
export const digestAlert: AlertKindDef = {
  kind: "digest",
  source: "audit",
  text(m) {
    if (m.kind !== "digest_written") return undefined;
    const d = m.detail;
    const pnl = typeof d.pnl === "number" && Number.isSafeInteger(d.pnl) ? `${d.pnl < 0 ? "-" : "+"}$${formatMicro(Math.abs(d.pnl)).slice(0, -4)}` : "not known";
    return `Daily digest for ${field(d.date)}: floor PnL ${pnl}. Markdown: ${field(d.markdown)}; HTML: ${field(d.html)}`;
  },
};
