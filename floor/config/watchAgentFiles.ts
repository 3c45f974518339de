import { existsSync, readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { parseDocument } from "yaml";
import type { AgentCommandReply, FloorConfig } from "../../protocols/index.ts";
import type { AgentFileConfig, Supervisor, SupervisorCommand } from "../host/index.ts";
import type { Logger } from "../log/createLogger.ts";
import { duplicateIdError } from "./duplicateIdError.ts";
import { parseAgentFile } from "./loadAgentFile.ts";
import { agentFiles } from "./loadFloorConfig.ts";

export interface WatchOptions {
  dir: string;
  floor: FloorConfig;
  /** The file-made agents the floor started with. */
  running: readonly AgentFileConfig[];
  supervisor: Pick<Supervisor, "submit" | "audit">;
  log: Logger;
  /** A file is read once it has not changed for this long (one still being written is not read half-done). */
  settleMs?: number;
  /** fs.watch can miss events (editors that rename, network filesystems): the folder is also looked at this often. */
  pollMs?: number;
}

interface Seen {
  sig: string;
  /** The last good configuration this file gave (kept while it is broken: its agent carries on). */
  config?: AgentFileConfig;
}

/**
 * Keep the floor's file-made agents equal to the files of config/agents/: a new file spawns its
 * agent, a changed one reconfigures it, a removed one (or `enabled: false`) retires it. A bad file
 * is refused with `file:line: field: reason`, logged and audited, and every running agent carries on.
 */
export function watchAgentFiles(o: WatchOptions): { stop(): void; idle(): Promise<void> } {
  const settleMs = o.settleMs ?? 300;
  const seen = new Map<string, Seen>();
  const running = new Map(o.running.map((a) => [a.id, a]));
  const owner = new Map<string, string>(); // agent id -> the file that made it
  const refused = new Map<string, string>(); // file -> the version of it already refused as a duplicate
  const declined = new Map<string, string>(); // file -> the version of it whose command the supervisor refused
  let scanning: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function refuse(message: string): void {
    o.log.warn({ error: message }, "agent config file refused");
    o.supervisor.audit("config_refused", { dir: o.dir, error: message }, "invalid");
  }

  /** A file broken before it was ever read well: the running agent it names (by its `id`), which carries on as it was. */
  function startedFrom(file: string, text: string): AgentFileConfig | undefined {
    let id: unknown;
    try {
      id = parseDocument(text).get("id");
    } catch {
      return undefined;
    }
    const a = typeof id === "string" ? running.get(id) : undefined;
    return a && (owner.get(a.id) ?? file) === file ? a : undefined;
  }

  /** Read what changed and settled; returns true when something is still being written. */
  function read(): boolean {
    const files = agentFiles(o.dir);
    let unsettled = false;
    for (const file of files) {
      let st;
      try {
        st = statSync(file);
      } catch {
        continue; // gone between the listing and the look
      }
      const sig = `${st.mtimeMs}:${st.size}`;
      const prev = seen.get(file);
      if (prev?.sig === sig) continue;
      if (Date.now() - st.mtimeMs < settleMs) {
        unsettled = true;
        continue;
      }
      let text = "";
      try {
        text = readFileSync(file, "utf8");
        const config = parseAgentFile(file, text, o.floor);
        seen.set(file, { sig, config });
        if (running.has(config.id) && !owner.has(config.id)) owner.set(config.id, file); // the floor started it from this file
      } catch (e) {
        const kept = prev?.config ?? startedFrom(file, text);
        seen.set(file, { sig, ...(kept ? { config: kept } : {}) });
        refuse(e instanceof Error ? e.message : String(e));
      }
    }
    for (const file of [...seen.keys()]) if (!files.includes(file)) seen.delete(file);
    return unsettled;
  }

  /** The agents the files ask for. Of two files with one id, the one that made the running agent keeps it; the other is refused. */
  function desired(): Map<string, { config: AgentFileConfig; file: string }> {
    const want = new Map<string, { config: AgentFileConfig; file: string }>();
    const files = [...seen].filter((e): e is [string, Seen & { config: AgentFileConfig }] => e[1].config !== undefined);
    const owns = ([file, s]: [string, Seen & { config: AgentFileConfig }]) => owner.get(s.config.id) === file;
    for (const [file, s] of [...files.filter(owns), ...files.filter((e) => !owns(e))]) {
      const first = want.get(s.config.id);
      if (!first) {
        want.set(s.config.id, { config: s.config, file });
        continue;
      }
      if (refused.get(file) === s.sig) continue; // said once for this version of the file
      refused.set(file, s.sig);
      refuse(duplicateIdError(file, s.config.id, first.file).message);
    }
    return want;
  }

  async function send(cmd: Omit<SupervisorCommand, "by">): Promise<AgentCommandReply> {
    const reply = await o.supervisor.submit({ ...cmd, by: "config" });
    if (!reply.ok) o.log.warn({ agentId: cmd.agentId, verb: cmd.verb, error: reply.error }, "config change refused");
    else o.log.info({ agentId: cmd.agentId, outcome: reply.outcome }, `agent ${reply.outcome} from config`);
    return reply;
  }

  async function reconcile(): Promise<void> {
    const unsettled = read();
    const want = desired();
    for (const [id, { config, file }] of want) {
      const have = running.get(id);
      if (!have && !config.enabled) continue;
      if (have && isDeepStrictEqual(have, config)) {
        owner.set(id, file); // a file renamed with the same agent in it
        continue;
      }
      const version = seen.get(file)?.sig;
      if (version !== undefined && declined.get(file) === version) continue; // the supervisor refused this version: once is enough
      const reply = have
        ? await send({ verb: "reconfigure", agentId: id, config: { ...config }, reason: `${file} changed` })
        : await send({ verb: "spawn", agentId: id, config: { ...config }, reason: `${file} added` });
      if (reply.ok && reply.outcome === "retired") running.delete(id);
      else if (reply.ok) running.set(id, config);
      if (reply.ok) owner.set(id, file);
      else if (version !== undefined) declined.set(file, version);
    }
    // A file still being written may be the one that holds a running agent: nothing is retired until every file has settled.
    for (const id of unsettled ? [] : [...running.keys()]) {
      if (want.has(id)) continue;
      const reply = await send({ verb: "retire", agentId: id, reason: `${owner.get(id) ?? `its file in ${o.dir}`} removed or disabled` });
      if (reply.ok || reply.error?.endsWith("is not running")) running.delete(id);
    }
    if (unsettled && !stopped) schedule(settleMs);
  }

  function scan(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (scanning) {
      again = true;
      return scanning;
    }
    scanning = reconcile()
      .catch((e: unknown) => o.log.error({ err: String(e) }, "agent config watcher failed"))
      .finally(() => {
        scanning = undefined;
        if (again && !stopped) {
          again = false;
          void scan();
        }
      });
    return scanning;
  }

  function schedule(ms = 50): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void scan(), ms);
  }

  let fsw: FSWatcher | undefined;
  try {
    if (existsSync(o.dir)) fsw = watch(o.dir, () => schedule());
  } catch {
    fsw = undefined; // the poll below still sees every change
  }
  const poll = setInterval(() => void scan(), o.pollMs ?? 1000);
  poll.unref();
  void scan();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(poll);
      fsw?.close();
    },
    idle: () => scanning ?? Promise.resolve(),
  };
}
