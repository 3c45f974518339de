import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time: both sides are hashed to the same length first. */
export function sameToken(given: string | undefined, token: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  return m?.[1];
}

/**
 * Who may use a server bound with a token: a request carrying it as `Authorization: Bearer`, in
 * the cookie named `cookieName`, or (for a browser's first visit) as `?token=`, which sets that
 * cookie and redirects to the same page without the token in its address. Without a token every
 * request passes (a loopback bind).
 */
export function tokenGate(token: string | undefined, cookieName: string) {
  const passes = (req: IncomingMessage, url: URL) =>
    token === undefined || sameToken(bearer(req), token) || sameToken(cookie(req, cookieName), token) || sameToken(url.searchParams.get("token") ?? undefined, token);
  return {
    /** For a WebSocket upgrade: true if it may proceed. */
    allows: (req: IncomingMessage) => passes(req, new URL(req.url ?? "/", "http://x")),
    /** For an HTTP request: true if it may proceed; otherwise it has been answered (401, or the redirect that sets the cookie). */
    admit(req: IncomingMessage, res: ServerResponse): boolean {
      const url = new URL(req.url ?? "/", "http://x");
      if (!passes(req, url)) {
        res.writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Bearer realm="polyfloor"' }).end("401: this server needs its token (Authorization: Bearer, or open /?token=... once)\n");
        return false;
      }
      if (token === undefined || !url.searchParams.has("token")) return true;
      url.searchParams.delete("token");
      res.writeHead(303, { location: `${url.pathname}${url.search}`, "set-cookie": `${cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`, "cache-control": "no-store" }).end();
      return false;
    },
  };
}
