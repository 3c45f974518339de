import type { IncomingMessage } from "node:http";
import { isLoopback } from "../expose/index.ts";

/** The header every control POST carries: a page of another site cannot send it without the dashboard's consent (CORS), which it never gives. */
export const CONTROL_HEADER = "x-polyfloor-control";

const hostnameOf = (hostHeader: string | undefined): string | undefined => {
  if (!hostHeader) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return undefined;
  }
};

/** `host:port` of an Origin header; undefined for "null" (an opaque origin) or one that is not a URL. */
const hostOfOrigin = (origin: string): string | undefined => {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
};

/**
 * Why a control POST that passed the token gate is refused (a 403), or undefined when it may act.
 * - No token and a non-loopback bind: controls are off (the floor refuses such a bind anyway).
 * - Without CONTROL_HEADER, or from a page of another origin: refused, so a web page the
 *   operator happens to visit cannot pause the floor (no cross-site request forgery).
 * - No token (loopback): the request must also name a loopback host, so a DNS-rebinding name
 *   pointing at 127.0.0.1 cannot reach the controls. What is left is a process of this machine,
 *   which could as well stop the floor or read its ledger.
 */
export function controlRefusal(req: IncomingMessage, plan: { host: string; token?: string | undefined }): string | undefined {
  if (plan.token === undefined && !isLoopback(plan.host)) return "controls need a token: set POLYFLOOR_DASHBOARD_TOKEN and restart the floor";
  if (req.headers[CONTROL_HEADER] === undefined) return `a control must carry the header ${CONTROL_HEADER}: 1`;
  const origin = req.headers.origin;
  if (origin !== undefined && hostOfOrigin(origin) !== req.headers.host) return `a control from another origin (${origin}) is refused`;
  if (plan.token === undefined && !isLoopback(hostnameOf(req.headers.host) ?? "")) return "without a token, controls are taken only at a loopback address (127.0.0.1, localhost, ::1)";
  return undefined;
}
