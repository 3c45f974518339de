// The floor at a glance: its state, capital, PnL, summary line, feed and bus health, equity curve and drawdown.
import { byId, clock, el, microUsd, pct, signClass, stamp, usd } from "./format.js";
import { drawSpark, drawdowns } from "./sparkline.js";

const CURVE_KEPT = 600;
const curve = [];
let lastDrawdown = null;

export function floorState(mode) {
  if (!mode) return;
  const b = byId("floor-state");
  b.textContent = mode;
  b.className = `badge ${mode}`;
}

const span = (key, text, down) => el("span", { "data-health": key, class: down ? "down" : null }, text);

export function showStatus(s) {
  byId("summary").textContent = `floor time ${stamp(s.floorTime)} · markets settled ${s.marketsSettled} · orders ${s.orders} · fills ${s.fills} · cash ${usd(s.cash)} · realized pnl ${usd(s.realizedPnl)}`;
  byId("capital").textContent = usd(s.deposits);
  if (curve.length === 0) {
    byId("pnl").textContent = usd(s.realizedPnl);
    byId("pnl").className = signClass(s.realizedPnl);
  }
  if (s.risk) floorState(s.risk.floor.mode);
  const feeds = Object.entries(s.feeds || {}).map(([src, f]) => span(src, `${src} ${f.status}` + (f.status === "ok" ? "" : ` since ${clock(f.since)}${f.lastError ? ` (${f.lastError})` : ""}`), f.status !== "ok"));
  const b = s.bus;
  const bus = b ? [span("bus", `bus ${b.state === "connected" ? "connected" : `DOWN since ${clock(b.since)}${b.lastError ? ` (${b.lastError})` : ""}`} · ${b.disconnects} disconnects, ${b.reconnects} reconnects`, b.state !== "connected")] : [];
  byId("health").replaceChildren(...feeds, ...bus);
}

/** The monitor's `metrics.floor`: one more point of the equity curve (micro-USD). */
export function floorMetrics(m) {
  if (typeof m.equity !== "number") return;
  curve.push(m.equity);
  if (curve.length > CURVE_KEPT) curve.splice(0, curve.length - CURVE_KEPT);
  lastDrawdown = m.drawdown ?? null;
  const pnl = m.pnl ?? m.realizedPnl;
  byId("pnl").textContent = microUsd(pnl);
  byId("pnl").className = signClass(pnl);
  byId("equity-now").textContent = microUsd(m.equity);
  const dd = drawdowns(curve);
  byId("drawdown-now").textContent = `${pct(lastDrawdown ? lastDrawdown.current : dd.at(-1))}` + (lastDrawdown ? ` (max ${pct(lastDrawdown.max)})` : "");
  drawSpark(byId("equity"), curve);
  drawSpark(byId("drawdown"), dd.map((x) => -x));
}
