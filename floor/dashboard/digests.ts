import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { FloorView } from "./FloorView.ts";
import { HttpError, json } from "./reply.ts";
import type { RouteCall } from "./router.ts";

/** A digest's file name: the day, then `.md` or `.html` (what the auditor writes); nothing else is served. */
const DIGEST_NAME = /^(\d{4}-\d{2}-\d{2})\.(md|html)$/;
const TYPES: Record<string, string> = { md: "text/plain; charset=utf-8", html: "text/html; charset=utf-8" };
/** A digest's HTML is self-contained (inline style and SVG): it may style itself, and nothing else. */
const DIGEST_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/** Where the digests are (`digests.dir`, relative to the working directory), or undefined when off or not configured. */
function folder(view: FloorView): string | undefined {
  const dir = view.digestsDir();
  return dir === undefined || dir === "off" ? undefined : resolve(dir);
}

/** A plain file (not a link that could lead out of the folder, not a folder). */
function plainFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** `/api/digests`: the configured folder and the days it holds, newest first, with the formats of each. */
export function digestList(view: FloorView) {
  return (c: RouteCall) => {
    const configured = view.digestsDir();
    const dir = folder(view);
    if (!dir) return json(c.res, 200, { dir: configured ?? null, state: "off", days: [] });
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return json(c.res, 200, { dir: configured, state: "missing", days: [] });
    }
    const days = new Map<string, string[]>();
    for (const name of names.sort().reverse()) {
      const m = DIGEST_NAME.exec(name);
      if (m && plainFile(resolve(dir, name))) days.set(m[1]!, [...(days.get(m[1]!) ?? []), m[2]!]);
    }
    json(c.res, 200, { dir: configured, state: "ok", days: [...days].map(([date, formats]) => ({ date, formats: formats.sort() })) });
  };
}

/** `/digests/:name`: one day's digest, read-only; a name that is not a digest's, or not a plain file in the folder, is a 404. */
export function digestFile(view: FloorView) {
  return (c: RouteCall) => {
    const name = c.params.name!;
    const m = DIGEST_NAME.exec(name);
    const dir = folder(view);
    if (!m || !dir) throw new HttpError(404, `no digest ${JSON.stringify(name.slice(0, 60))}`);
    const path = resolve(dir, name);
    if (!plainFile(path)) throw new HttpError(404, `no digest ${name}`);
    const body = readFileSync(path);
    c.res.writeHead(200, { "content-type": TYPES[m[2]!]!, "cache-control": "no-store", "content-security-policy": DIGEST_CSP, "x-content-type-options": "nosniff" }).end(body);
  };
}
