import { PROTOCOL_VERSION, encode, subjects, type OperatorVerb } from "../../protocols/index.ts";
import type { FloorView } from "./FloorView.ts";
import { HttpError, json, readJsonBody } from "./reply.ts";
import type { RouteCall } from "./router.ts";

const MAX_REASON = 300;
const started = Date.now();
let sent = 0;

/** Who asked, as the audit log names them: the dashboard and the remote address (never the token). */
const whoOf = (c: RouteCall) => `dashboard@${c.req.socket.remoteAddress ?? "unknown"}`;

async function reasonOf(c: RouteCall): Promise<string> {
  const body = await readJsonBody(c.req);
  if (body.reason !== undefined && typeof body.reason !== "string") throw new HttpError(400, "reason must be a string");
  const reason = (body.reason ?? "").trim();
  if (reason.length > MAX_REASON) throw new HttpError(400, `reason: at most ${MAX_REASON} characters`);
  return reason || "from the dashboard";
}

/** A running trader, or the 404/409 that says why not. */
function trader(view: FloorView, id: string) {
  const host = view.floor().supervisor.get(id);
  if (!host) throw new HttpError(404, `no agent ${id} runs on this floor`);
  if (host.spec.kind !== "trader") throw new HttpError(409, `${id} is a ${host.spec.kind}: only traders are paused and resumed`);
  return host;
}

/**
 * Pause or resume one trader, or the whole floor (no `agentId`): audited (`operator_command`,
 * who and what), then asked of the boss on `floor.operator.<verb>`, which alone tells the
 * traders (its own `ctl` messages) and keeps the hold until the operator lifts it. Answers 202:
 * the trader's state changes when the boss's control reaches it.
 */
export function hold(view: FloorView, verb: OperatorVerb, scope: "agent" | "floor") {
  return async (c: RouteCall) => {
    const agentId = scope === "agent" ? trader(view, c.params.id!).id : undefined;
    const reason = await reasonOf(c);
    const by = whoOf(c);
    const { supervisor, clock } = view.floor();
    supervisor.audit("operator_command", { verb, target: agentId ?? "floor", by, reason });
    const subject = subjects.operator(verb);
    const msg = { v: PROTOCOL_VERSION, id: `dashboard.${started}.${++sent}`, ts: clock.now(), src: "dashboard", verb, ...(agentId ? { agentId } : {}), by, reason };
    view.bus().publish(subject, encode(subject, msg));
    json(c.res, 202, { ok: true, verb, target: agentId ?? "floor", by, reason });
  };
}

/** Retire one agent through the supervisor (as `floor agent retire`), audited first; answers with the supervisor's reply once it ran. */
export function retire(view: FloorView) {
  return async (c: RouteCall) => {
    const id = c.params.id!;
    const { supervisor } = view.floor();
    if (!supervisor.get(id)) throw new HttpError(404, `no agent ${id} runs on this floor`);
    const reason = await reasonOf(c);
    const by = whoOf(c);
    supervisor.audit("operator_command", { verb: "retire", target: id, by, reason });
    const reply = await supervisor.submit({ verb: "retire", agentId: id, by, reason });
    json(c.res, reply.ok ? 200 : 409, reply);
  };
}
