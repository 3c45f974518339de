import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { STATECHART_CSS } from "../../machines/statechartCss.ts";
import { HttpError } from "../reply.ts";
import type { RouteCall } from "../router.ts";

const here = new URL(".", import.meta.url);
const TYPES: Record<string, string> = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

/**
 * The page's Content-Security-Policy: scripts, styles and connections from the dashboard itself
 * only. The one inline style allowed is the statechart drawing's own `<style>` (by its hash), so an
 * inserted SVG is styled and nothing else inline runs or applies.
 */
export const PAGE_CSP = [
  "default-src 'none'", "script-src 'self'", `style-src 'self' 'sha256-${createHash("sha256").update(STATECHART_CSS).digest("base64")}'`,
  "img-src 'self' data:", "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join("; ");

const headers = (type: string) => ({ "content-type": type, "cache-control": "no-store", "content-security-policy": PAGE_CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" });

/** The page's files, read once at start: the HTML shell, its stylesheet, and the client's ES modules (plain JS: no build step). */
const assets = new Map<string, { type: string; body: string }>(
  [
    ...readdirSync(new URL("client/", here)).filter((f) => /^[A-Za-z]+\.js$/.test(f)).map((f) => [f, new URL(`client/${f}`, here)] as const),
    ["page.css", new URL("page.css", here)] as const,
  ].map(([name, url]) => [name, { type: TYPES[name.split(".").pop()!]!, body: readFileSync(url, "utf8") }]),
);
const html = readFileSync(new URL("index.html", here), "utf8");

/** `/`: the page. */
export function servePage(c: RouteCall): void {
  c.res.writeHead(200, headers("text/html; charset=utf-8")).end(html);
}

/** `/assets/:name`: one of the page's files, by its name only (anything else is a 404). */
export function serveAsset(c: RouteCall): void {
  const a = assets.get(c.params.name!);
  if (!a) throw new HttpError(404, `no such asset: ${c.params.name}`);
  c.res.writeHead(200, headers(a.type)).end(a.body);
}
