import type { IncomingMessage, ServerResponse } from "node:http";

/** What a handler gets: the request, its parsed address, and the `:name` parts of its path. */
export interface RouteCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (c: RouteCall) => void | Promise<void>;
export type Method = "GET" | "POST";

/** A route table: `["GET", "/api/agents/:id", handler]`. */
export type Routes = ReadonlyArray<readonly [Method, string, Handler]>;

interface Compiled {
  method: Method;
  parts: string[];
  handler: Handler;
}

/**
 * Match a request against a table of routes: a path's parts are literals or `:name`, which takes
 * one non-empty part (decoded). Returns the handler and its params, or why none matched: 404 for
 * an unknown path, 405 (with the methods it takes) for a known one asked with another method.
 */
export function router(routes: Routes) {
  const table: Compiled[] = routes.map(([method, path, handler]) => ({ method, parts: path.split("/").slice(1), handler }));
  return (method: string, pathname: string): { handler: Handler; params: Record<string, string> } | { status: 404 } | { status: 405; allow: string } => {
    const parts = pathname.split("/").slice(1);
    const allowed: string[] = [];
    for (const r of table) {
      const params = matchParts(r.parts, parts);
      if (!params) continue;
      if (r.method === method) return { handler: r.handler, params };
      allowed.push(r.method);
    }
    return allowed.length > 0 ? { status: 405, allow: allowed.join(", ") } : { status: 404 };
  };
}

function matchParts(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p.startsWith(":")) {
      if (parts[i] === "") return undefined;
      try {
        params[p.slice(1)] = decodeURIComponent(parts[i]!);
      } catch {
        return undefined;
      }
    } else if (p !== parts[i]) return undefined;
  }
  return params;
}
