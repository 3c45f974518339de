// The recent order flow (intents, decisions, orders, fills, settlements) and the audit feed, newest first.
import { brief, byId, clock, el, micro, microUsd, prepend } from "./format.js";

const KEEP = 80;
const counts = {};
const shares = (m) => `${m.side} ${micro(m.size)} ${m.outcome} @ ${(m.price / 1e6).toFixed(3)}`;

/** How each order-flow message reads: what happened, whose, and the figures. */
const ORDER_EVENTS = {
  ack: (m) => ["ack", `order ${m.orderId}`],
  fill: (m) => ["fill", `${shares(m)} · fee ${microUsd(m.feeUsd)} · cash ${microUsd(m.cashDelta)}`],
  cancel: (m) => ["cancel", `${micro(m.remaining)} left: ${m.reason}`],
  reject: (m) => ["reject", m.reason],
  reversal: (m) => ["reversal", `${micro(m.size)} ${m.outcome}: ${m.reason}`],
  settle: (m) => ["settle", `${m.marketId} won by ${m.winner} · payout ${microUsd(m.payout)} · pnl ${microUsd(m.pnl)}`],
};
const FLOW = {
  intent: (m) => ["intent", m.agentId, `${shares(m)} ${m.type} · belief ${m.belief}`],
  decision: (m) => [m.approved ? "approved" : "refused", m.intent.agentId, `${shares(m.intent)}${m.reason ? " · " + m.reason : ""}`],
  order: (m) => {
    const [what, detail] = (ORDER_EVENTS[m.type] || ((x) => [x.type, brief(x)]))(m);
    return [what, m.agentId, detail];
  },
};

export function flow(e) {
  const [what, agent, detail] = FLOW[e.type](e.msg);
  counts[what] = (counts[what] || 0) + 1;
  prepend(byId("activity"), el("tr", { class: what }, el("td", {}, clock(e.msg.ts)), el("td", {}, what), el("td", {}, agent), el("td", {}, detail)), KEEP);
  byId("activity-counts").replaceChildren(...Object.entries(counts).map(([k, n]) => el("span", { "data-count": k }, `${k} ${n}`)));
}

let violations = 0;
export function audit(e) {
  const m = e.msg;
  if (m.severity === "violation") violations++;
  prepend(byId("audit"), el("tr", { class: m.severity, "data-kind": m.kind }, el("td", {}, clock(m.ts)), el("td", {}, m.kind), el("td", {}, m.severity), el("td", {}, brief(m.detail, 240))), KEEP);
  byId("violation-count").textContent = violations ? `${violations} violation${violations === 1 ? "" : "s"} (highlighted)` : "no violations";
}
