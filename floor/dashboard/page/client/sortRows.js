// The agents table's order: one accessor per column (a registry), nulls last in either direction.

export const SORT_KEYS = {
  id: (r) => r.id,
  kind: (r) => r.kind,
  strategy: (r) => r.strategy,
  params: (r) => (r.params ? JSON.stringify(r.params) : null),
  state: (r) => r.state,
  capital: (r) => r.capital,
  pnl: (r) => r.pnl,
  skill: (r) => (r.metrics ? r.metrics.skill : null),
  lineage: (r) => (r.lineage && r.lineage.length ? r.lineage.join(" ") : null),
};

const compare = (x, y) => (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y)));

/** The rows sorted by `key` (dir 1: ascending, -1: descending); ties by id. */
export function sortRows(rows, key, dir) {
  const f = SORT_KEYS[key] || SORT_KEYS.id;
  return [...rows].sort((a, b) => {
    const x = f(a);
    const y = f(b);
    const nx = x === null || x === undefined;
    const ny = y === null || y === undefined;
    if (nx !== ny) return nx ? 1 : -1;
    const c = nx ? 0 : compare(x, y) * dir;
    return c !== 0 ? c : compare(a.id, b.id);
  });
}
