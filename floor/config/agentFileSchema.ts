import { z } from "zod";
import { fileKinds, type AgentFileConfig } from "../host/index.ts";

/** A file in config/agents/: one of the kinds that files make (the registry's), told apart by `kind`. */
export function agentFileSchema(): z.ZodType<AgentFileConfig> {
  const schemas = [...fileKinds().values()].map((k) => k.schema);
  if (schemas.length === 0) throw new Error("the agent registry has no kind that config files make");
  return z.discriminatedUnion("kind", schemas as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<AgentFileConfig>;
}
