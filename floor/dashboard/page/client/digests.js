// Links to the daily digests the auditor writes (`digests.dir`), or why there are none.
import { getJson } from "./api.js";
import { byId, el } from "./format.js";

const WHY = {
  off: (d) => `digests are off (digests.dir: ${d.dir ?? "not given to the dashboard"})`,
  missing: (d) => `no digests yet: ${d.dir} does not exist (the auditor writes one at each UTC midnight of floor time)`,
  ok: (d) => (d.days.length ? `${d.days.length} day${d.days.length === 1 ? "" : "s"} in ${d.dir}` : `no digests yet in ${d.dir}`),
};

export async function loadDigests() {
  try {
    const d = await getJson("/api/digests");
    byId("digests-state").textContent = WHY[d.state](d);
    byId("digests").replaceChildren(...d.days.map((day) => el("li", { "data-date": day.date }, day.date, " ",
      ...day.formats.flatMap((f) => [el("a", { href: `/digests/${day.date}.${f}`, target: "_blank", rel: "noopener" }, f), " "]))));
  } catch (e) {
    byId("digests-state").textContent = `digests unavailable: ${e.message}`;
  }
}
