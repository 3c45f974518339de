// The page: load the floor's state from the API, then follow the one event stream. Tables are
// refreshed from the API at most every few seconds, and only after an event that changes them.
import { getJson, throttled } from "./api.js";
import { initTable, rowOfAgent, select, setRows, setState } from "./agentsTable.js";
import { initControls } from "./controls.js";
import { loadDigests } from "./digests.js";
import { audit, flow } from "./feeds.js";
import { floorMetrics, floorState, showStatus } from "./floorFigures.js";
import { byId } from "./format.js";
import { closeMachine, onTransition, openMachine } from "./statechart.js";
import { renderTree } from "./tree.js";

const AGENTS_EVERY_MS = 3000;
const TREE_EVERY_MS = 1500;
/** Without events (a floor that is starting, or a dashboard with no stream), the status still moves. */
const STATUS_EVERY_MS = 10_000;
/** Events read from the ring at load, for the feeds and the equity curve. */
const HISTORY = 600;

function fail(e) {
  byId("error").textContent = `floor unreachable: ${e.message}`;
}

async function loadAgents() {
  try {
    const s = await getJson("/api/status");
    showStatus(s);
    byId("error").textContent = "";
    try {
      setRows(await getJson("/api/agents"));
    } catch {
      // A dashboard that serves /api/status only: the rows it has.
      setRows(s.agents.map((a) => ({ ...a, state: (s.live[a.id] || {}).state || a.state, strategy: null, params: null, metrics: null, lineage: [], alive: true })));
    }
    const boss = rowOfAgent("boss");
    if (boss && boss.alive) floorState(boss.state);
  } catch (e) {
    fail(e);
  }
}

async function loadTree() {
  try {
    renderTree(await getJson("/api/lineage"));
  } catch (e) {
    byId("tree").textContent = `family tree unavailable: ${e.message}`;
  }
}

const refreshAgents = throttled(loadAgents, AGENTS_EVERY_MS);
const refreshTree = throttled(loadTree, TREE_EVERY_MS);

/** What each event type changes on the page (README, "The dashboard's API": the event types). */
const HANDLERS = {
  transition: (e) => {
    onTransition(e);
    if (e.agentId === "boss") floorState(e.to);
    if (!setState(e.agentId, e.to)) refreshAgents();
  },
  life: () => {
    refreshTree();
    refreshAgents();
  },
  operator: () => {},
  ctl: () => {},
  intent: flow,
  decision: flow,
  order: (e) => {
    flow(e);
    if (e.msg.type === "fill" || e.msg.type === "settle") refreshAgents();
  },
  audit: (e) => {
    audit(e);
    if (e.msg.kind === "digest_written") void loadDigests();
  },
  metrics: (e) => {
    if (e.msg.agentId === "floor") floorMetrics(e.msg);
    refreshAgents();
  },
  health: () => refreshAgents(),
};

let last = 0;
function apply(e) {
  if (e.seq <= last) return;
  last = e.seq;
  (HANDLERS[e.type] || (() => {}))(e);
}

/** The ring's latest events, oldest first (the ring answers from a sequence number, so ask from near its newest). */
async function history() {
  const head = await getJson("/api/events?since=0");
  const from = Math.max(0, head.newest - HISTORY);
  return from === 0 ? head.events : (await getJson(`/api/events?since=${from}`)).events;
}

/**
 * One EventSource: it reconnects by itself with Last-Event-ID and gets what it missed. Opened
 * before the history is read, its events wait until the history is applied, then those not yet
 * seen (by sequence number) follow; a `gap` (it fell past the ring) reloads the tables.
 */
function stream() {
  let early = [];
  const es = new EventSource("/api/stream");
  const live = byId("live");
  es.onopen = () => {
    live.textContent = "live";
    live.className = "badge on";
  };
  es.onerror = () => {
    live.textContent = es.readyState === EventSource.CLOSED ? "no stream" : "reconnecting";
    live.className = "badge off";
  };
  es.onmessage = (m) => (early ? early.push(JSON.parse(m.data)) : apply(JSON.parse(m.data)));
  es.addEventListener("gap", () => {
    void loadAgents();
    void loadTree();
  });
  return () => {
    const waiting = early;
    early = null;
    for (const e of waiting) apply(e);
  };
}

async function boot() {
  initTable((id) => {
    select(id);
    void openMachine(id);
  });
  byId("machine-close").addEventListener("click", () => {
    select(null);
    closeMachine();
  });
  initControls();
  const flush = stream();
  await Promise.all([loadAgents(), loadTree(), loadDigests()]);
  try {
    for (const e of await history()) apply(e);
  } catch {
    // No feed wired: the status and the table are all there is.
  }
  flush();
  setInterval(loadAgents, STATUS_EVERY_MS);
  document.body.dataset.ready = "1";
}

void boot();
