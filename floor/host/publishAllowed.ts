import { publishRightsOf, type PublisherKind } from "../../protocols/publishRights.ts";
import { subjectMatches } from "../bus/subjectMatches.ts";
import type { AgentKind } from "./AgentSpec.ts";

// The host's kinds and the rights table's must be the same set: a kind without rights fails to compile.
const KINDS: Record<AgentKind, PublisherKind> = { feed: "feed", exchange: "exchange", trader: "trader", boss: "boss", auditor: "auditor", monitor: "monitor" };

/** True when agent `id` of `kind` may publish on `subject` (see protocols/publishRights.ts). */
export function publishAllowed(kind: AgentKind, id: string, subject: string): boolean {
  return publishRightsOf(KINDS[kind], id).some((p) => subjectMatches(p, subject));
}

/** `publishAllowed` for one agent, remembering its answers (an agent publishes on few subjects, many times each). */
export function publishCheck(kind: AgentKind, id: string): (subject: string) => boolean {
  const rights = publishRightsOf(KINDS[kind], id);
  const known = new Map<string, boolean>();
  return (subject) => {
    let ok = known.get(subject);
    if (ok === undefined) {
      ok = rights.some((p) => subjectMatches(p, subject));
      if (known.size >= 10_000) known.clear();
      known.set(subject, ok);
    }
    return ok;
  };
}
