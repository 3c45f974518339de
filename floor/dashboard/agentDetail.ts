import { agentRecord, listAgents, recentOfAgent } from "../../state/index.ts";
import { stateString } from "../host/index.ts";
import { activePaths, drawMachine, machineConfig } from "../machines/index.ts";
import { row } from "./agentRows.ts";
import type { FloorView } from "./FloorView.ts";
import { HttpError } from "./reply.ts";

/** One agent: its row, its config, its latest metrics body, its recent transitions, and its recent orders and fills (micro-units). */
export function agentDetail(view: FloorView, id: string) {
  const { db } = view.floor();
  const r = agentRecord(db, id);
  if (!r) throw new HttpError(404, `no agent ${id}`);
  const status = view.status();
  const parents = new Map(listAgents(db).map((a) => [a.agentId, a.parentId]));
  return {
    ...row(r, view, status.live[id]?.state, status.agents.find((a) => a.id === id), parents),
    config: r.config,
    latestMetrics: view.feed().metrics.get(id) ?? null,
    transitions: view.feed().transitionsOf(id).slice(-20),
    ...recentOfAgent(db, id),
  };
}

/**
 * An agent's machine: its kind, id and version, the state it is in (its value, and flattened),
 * its last transitions with their events, its definition (floor/machines' machineConfig), and its
 * statechart drawn (`drawMachine`: an SVG whose state groups a page marks `active` by `active`'s paths).
 */
export async function agentMachine(view: FloorView, id: string): Promise<AgentMachineView> {
  const { supervisor, db } = view.floor();
  const host = supervisor.get(id);
  const m = host?.machine;
  if (!host || !m) {
    if (agentRecord(db, id)) throw new HttpError(404, `agent ${id} is not running in this floor: its machine is not loaded`);
    throw new HttpError(404, `no agent ${id}`);
  }
  return {
    id, kind: host.spec.kind, machineId: m.machine.id, version: m.version,
    state: host.state, value: m.value === undefined ? null : m.value, valueString: m.value === undefined ? null : stateString(m.value),
    transitions: view.feed().transitionsOf(id).map(({ ts, event, from, to }) => ({ ts, event, from, to })),
    definition: machineConfig(m.machine),
    active: m.value === undefined ? [] : activePaths(m.value),
    drawing: (await drawMachine(m.machine)).svg,
  };
}

export interface AgentMachineView {
  id: string;
  kind: string;
  machineId: string;
  version: string;
  /** The host's view: the flattened state, or `restarting`, `failed`, `stopped`. */
  state: string;
  value: unknown;
  valueString: string | null;
  transitions: Array<{ ts: number; event: string; from: string; to: string }>;
  definition: ReturnType<typeof machineConfig>;
  /** The state paths to mark: the current state and its ancestors (`data-state` in the drawing). */
  active: string[];
  /** The statechart laid out by elkjs, as a self-contained SVG (README, "Statecharts"). */
  drawing: string;
}
