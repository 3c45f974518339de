import type { z } from "zod";
import { issuePath, type FloorConfig } from "../../protocols/index.ts";
import type { AgentFileConfig } from "./AgentKindDef.ts";
import { fileKinds } from "./catalog.ts";

export type Checked = { ok: true; config: AgentFileConfig } | { ok: false; error: string };

/** `field: reason` for the first issue, as config files report it (without the file and line a command has not). */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issuePath(issue).join(".");
  return `${path || "config"}: ${issue.message}`;
}

/**
 * An agent's configuration from a command: its kind must be one that config files make, it must
 * pass that kind's schema and its checks against the floor, and its id must be the command's.
 */
export function checkAgentConfig(agentId: string, config: Record<string, unknown> | undefined, floor: FloorConfig): Checked {
  if (config === undefined) return { ok: false, error: "config: a spawn or reconfigure needs the agent's config" };
  const raw: Record<string, unknown> = { id: agentId, ...config };
  if (raw.id !== agentId) return { ok: false, error: `id: ${JSON.stringify(raw.id)} differs from the command's agent ${agentId}` };
  const kinds = fileKinds();
  const kind = kinds.get(String(raw.kind));
  if (!kind) return { ok: false, error: `kind: ${JSON.stringify(raw.kind)} is not a kind config files make (${[...kinds.keys()].join(", ")})` };
  const parsed = kind.schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const problem = parsed.data.enabled ? kind.check?.(parsed.data, floor) : undefined;
  if (problem) return { ok: false, error: `${problem.path.join(".")}: ${problem.message}` };
  return { ok: true, config: parsed.data };
}
