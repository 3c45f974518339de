// Small inline SVG curves (pure path arithmetic, then one <path>).

const round = (v) => Math.round(v * 10) / 10;

/** An SVG path through `values`, scaled to fill width × height inside `pad`; a flat series (or one point) is drawn mid-height across. */
export function sparkPath(values, width, height, pad = 2) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return "";
  const pts = finite.length === 1 ? [finite[0], finite[0]] : finite;
  const lo = Math.min(...pts);
  const hi = Math.max(...pts);
  const step = pts.length > 1 ? (width - 2 * pad) / (pts.length - 1) : 0;
  const y = (v) => (hi === lo ? height / 2 : height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad));
  return pts.map((v, i) => `${i === 0 ? "M" : "L"}${round(pad + i * step)},${round(y(v))}`).join(" ");
}

/** The fall from the running peak of each point of an equity curve, as a fraction (0 at a new high). */
export function drawdowns(equity) {
  let peak = -Infinity;
  return equity.map((e) => {
    peak = Math.max(peak, e);
    return peak > 0 ? (peak - e) / peak : 0;
  });
}

export function drawSpark(svg, values) {
  const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", sparkPath(values, w, h));
  svg.replaceChildren(path);
}
