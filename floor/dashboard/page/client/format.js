// Formatting and DOM helpers shared by the page's modules.

export const byId = (id) => document.getElementById(id);
export const usd = (x) => (x < 0 ? "-$" : "$") + Math.abs(x).toFixed(2);
/** Micro-units (the ledger's integers) as dollars; null is "—". */
export const microUsd = (m) => (m === null || m === undefined ? "—" : usd(m / 1e6));
export const micro = (m) => (m === null || m === undefined ? "—" : String(Math.round(m / 1e4) / 100));
export const clock = (ms) => (typeof ms === "number" ? new Date(ms).toISOString().slice(11, 19) : "—");
export const stamp = (ms) => (typeof ms === "number" ? new Date(ms).toISOString().replace("T", " ").slice(0, 19) : "—");
export const signClass = (x) => (x < 0 ? "neg" : x > 0 ? "pos" : "");
export const pct = (f) => (typeof f === "number" ? (f * 100).toFixed(2) + "%" : "—");

/** An element: attributes (class, data-*, title, href...) and children (nodes or text; null skipped). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else e.setAttribute(k, String(v));
  }
  e.append(...children.filter((c) => c !== null && c !== undefined).map((c) => (typeof c === "object" ? c : String(c))));
  return e;
}

/** A short one-line view of an object (parameters, details): `k=v k=v`. */
export function brief(o, max = 160) {
  if (o === null || o === undefined) return "—";
  const text = typeof o === "object" ? Object.entries(o).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join(" ") : String(o);
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

/** Keep a table body at most `keep` rows, newest first. */
export function prepend(tbody, row, keep) {
  tbody.prepend(row);
  while (tbody.children.length > keep) tbody.lastElementChild.remove();
}
