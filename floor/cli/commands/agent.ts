import { userInfo } from "node:os";
import { AgentCommandReply, COMMAND_VERBS, encode, PROTOCOL_VERSION, subjects, type CommandVerb } from "../../../protocols/index.ts";
import { NoRespondersError, RequestTimeoutError } from "../../bus/index.ts";
import { loadAgentFile, loadFloorConfig } from "../../config/index.ts";
import { connectBus } from "../connectBus.ts";
import type { Io } from "../Io.ts";
import { parseOptions } from "../parseOptions.ts";
import { UsageError } from "../UsageError.ts";

/**
 * `floor agent spawn|retire|reconfigure ID`: ask a running floor's supervisor over its NATS bus,
 * and print its answer (exit 0 when done, 1 when refused). The agent file is checked here first,
 * with the same message `check-config` gives.
 */
export async function agent(argv: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parseOptions({
    args: argv,
    options: { file: { type: "string" }, reason: { type: "string" }, bus: { type: "string" }, config: { type: "string" }, json: { type: "boolean", default: false } },
    strict: true,
    allowPositionals: true,
  });
  const [verb, agentId, ...extra] = positionals;
  if (!COMMAND_VERBS.includes(verb as CommandVerb)) throw new UsageError(`say what to do: ${COMMAND_VERBS.join(", ")} (got ${JSON.stringify(verb ?? "")})`);
  if (agentId === undefined || extra.length > 0) throw new UsageError("name one agent: floor agent <verb> ID");
  if (!v.reason?.trim()) throw new UsageError("--reason is required: every birth, change and death says why");
  if (verb === "retire" && v.file !== undefined) throw new UsageError("retire takes no --file");
  if (verb !== "retire" && v.file === undefined) throw new UsageError(`${verb} needs --file: the agent's YAML file`);
  const config = loadFloorConfig(v.config);
  const file = v.file === undefined ? undefined : loadAgentFile(v.file, config.floor);
  if (file && file.id !== agentId) throw new UsageError(`${v.file} is agent ${file.id}, not ${agentId}`);
  const bus = await connectBus(v.bus, "command", io, config);
  try {
    if (bus.kind === "local") throw new UsageError("this needs the floor's NATS bus (--bus nats://... or NATS_URL); a floor on the in-process bus takes its changes from its config folder");
    const subject = subjects.agentCommand(verb as CommandVerb);
    const msg = { v: PROTOCOL_VERSION, id: `cli.${process.pid}.${Date.now()}`, ts: Date.now(), src: `operator:${userInfo().username}`, verb, agentId, reason: v.reason.trim(), ...(file ? { config: { ...file } } : {}) };
    const reply = AgentCommandReply.parse(JSON.parse((await bus.request(subject, encode(subject, msg), { timeoutMs: 30_000 })).data));
    if (v.json) io.out(JSON.stringify(reply));
    else if (reply.ok) io.out(`${agentId}: ${reply.outcome}${reply.state ? ` (${reply.state})` : ""}`);
    else io.err(`floor agent: ${agentId} ${verb} refused: ${reply.error ?? "no reason given"}`);
    return reply.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof NoRespondersError) throw new Error(`no floor answers on ${bus.description}: is one running there (with the same POLYFLOOR_BUS_PREFIX)?`);
    if (e instanceof RequestTimeoutError) throw new Error(`the floor on ${bus.description} did not answer within 30 s`);
    throw e;
  } finally {
    await bus.close();
  }
}
