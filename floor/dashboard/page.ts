/** The dashboard page: plain HTML and a few lines of script polling `/api/status`; no build, no CDN. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>polyfloor</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
  h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
  #summary { color: #555; margin-bottom: 1rem; }
  table { border-collapse: collapse; min-width: 40rem; }
  th, td { text-align: left; padding: .3rem .8rem; border-bottom: 1px solid #ddd; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .state { font-weight: 600; }
  .neg { color: #b3261e; } .pos { color: #1a7f37; }
  #error, .down { color: #b3261e; }
  #health { margin-bottom: 1rem; } #health span { margin-right: 1.2rem; }
</style>
</head>
<body>
<h1>polyfloor</h1>
<div id="summary">connecting…</div>
<div id="error"></div>
<div id="health"></div>
<table>
  <thead><tr><th>agent</th><th>kind</th><th>state</th><th>capital</th><th>cash</th><th>pnl</th><th>fills</th><th>msgs in</th><th>invalid</th></tr></thead>
  <tbody id="agents"></tbody>
</table>
<script>
const usd = (x) => (x < 0 ? "-$" : "$") + Math.abs(x).toFixed(2);
const clock = (ms) => new Date(ms).toISOString().slice(11, 19);
const span = (key, text, down) => { const s = document.createElement("span"); s.dataset.health = key; s.textContent = text; if (down) s.className = "down"; return s; };
function health(s) {
  const feeds = Object.entries(s.feeds || {}).map(([src, f]) => span(src, src + " " + f.status +
    (f.status === "ok" ? "" : " since " + clock(f.since) + (f.lastError ? " (" + f.lastError + ")" : "")), f.status !== "ok"));
  const b = s.bus;
  const bus = b ? [span("bus", "bus " + (b.state === "connected" ? "connected" : "DOWN since " + clock(b.since) + (b.lastError ? " (" + b.lastError + ")" : "")) +
    " · " + b.disconnects + " disconnects, " + b.reconnects + " reconnects", b.state !== "connected")] : [];
  document.getElementById("health").replaceChildren(...feeds, ...bus);
}
const cell = (text, cls) => { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; return td; };
async function refresh() {
  try {
    const r = await fetch("/api/status", { cache: "no-store" });
    if (!r.ok) throw new Error("status " + r.status);
    const s = await r.json();
    const t = s.floorTime ? new Date(s.floorTime).toISOString().replace("T", " ").slice(0, 19) : "—";
    document.getElementById("summary").textContent =
      "floor time " + t + " · markets settled " + s.marketsSettled + " · orders " + s.orders + " · fills " + s.fills +
      " · cash " + usd(s.cash) + " · realized pnl " + usd(s.realizedPnl);
    health(s);
    const body = document.getElementById("agents");
    body.replaceChildren(...s.agents.map((a) => {
      const live = (s.live && s.live[a.id]) || {};
      const tr = document.createElement("tr");
      tr.dataset.agent = a.id;
      tr.append(cell(a.id), cell(a.kind), cell(live.state || a.state, "state"), cell(usd(a.capital), "num"), cell(usd(a.cash), "num"),
        cell(usd(a.pnl), "num " + (a.pnl < 0 ? "neg" : a.pnl > 0 ? "pos" : "")), cell(String(a.fills), "num"),
        cell(String(live.received ?? ""), "num"), cell(String(live.invalid ?? ""), "num"));
      return tr;
    }));
    document.getElementById("error").textContent = "";
  } catch (e) {
    document.getElementById("error").textContent = "floor unreachable: " + e.message;
  }
}
refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
`;
