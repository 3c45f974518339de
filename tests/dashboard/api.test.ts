import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalBus } from "../../floor/bus/index.ts";
import { CONTROL_HEADER, startDashboard, type Dashboard, type DashboardFeed } from "../../floor/dashboard/index.ts";
import type { FloorHandles, LiveStatus } from "../../floor/runner/index.ts";
import { encode, PROTOCOL_VERSION } from "../../protocols/index.ts";
import { startDashboardFloor, type DashboardFloor } from "../helpers/dashboardFloor.ts";
import { sseClient } from "../helpers/sseClient.ts";
import { tmpDir } from "../helpers/tmp.ts";

/**
 * The dashboard's API on a running sim floor (in-process bus, real SQLite, real HTTP): every
 * endpoint's shape, the event ring and the stream, and the operator's controls with their rules.
 * README, "The dashboard's API".
 */
describe("the dashboard's API on a running floor", () => {
  const tmp = tmpDir("dash-api");
  let running: DashboardFloor;
  let bus: LocalBus, feed: DashboardFeed;
  const FLOOD = 60;
  const token = "a-token-only-the-owner-knows-42";
  let open: Dashboard, guarded: Dashboard;
  let floor: FloorHandles;
  let live: () => LiveStatus;
  const TRADER = "momentum-1";
  const CLONE = "momentum-2";

  const at = (d: Dashboard, path: string) => new URL(path, d.url).href;
  const getJson = async (d: Dashboard, path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(at(d, path), { headers });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> & Array<Record<string, unknown>> };
  };
  const post = async (d: Dashboard, path: string, headers: Record<string, string>, body: unknown = {}) => {
    const r = await fetch(at(d, path), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const control = { [CONTROL_HEADER]: "1" };
  const bearer = { authorization: `Bearer ${token}` };
  const stateOf = async (id: string) => (await getJson(open, `/api/agents/${id}/machine`)).body.state as string;
  const operatorAudits = () => floor.db.prepare("SELECT src, detail_json FROM audit_log WHERE kind = 'operator_command' ORDER BY seq").all() as Array<{ src: string; detail_json: string }>;

  beforeAll(async () => {
    running = await startDashboardFloor({ dbPath: tmp.path("floor.db"), seed: 11, token, trader: TRADER });
    ({ bus, feed, open, guarded, floor, live } = running);
  }, 30_000);

  afterAll(async () => {
    await running?.stop();
    tmp.remove();
  });

  it("serves every agent as a complete row, and one agent in full", async () => {
    const { status, body: rows } = await getJson(open, "/api/agents");
    expect(status).toBe(200);
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(["boss", "auditor", "exchange", "feed", "monitor", TRADER]));
    const t = rows.find((r) => r.id === TRADER)!;
    expect(t).toMatchObject({ kind: "trader", strategy: "momentum", params: expect.any(Object), alive: true, parentId: null, lineage: [], bornTs: expect.any(Number), diedTs: null, origin: "config" });
    expect(Object.keys(t)).toEqual(expect.arrayContaining(["state", "capital", "cash", "pnl", "fills", "metrics"]));
    expect(rows.find((r) => r.id === "boss")).toMatchObject({ kind: "boss", strategy: null });

    const one = await getJson(open, `/api/agents/${TRADER}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: TRADER, config: { id: TRADER, strategy: "momentum" }, orders: expect.any(Array), fills: expect.any(Array), transitions: expect.any(Array) });
    expect((one.body.transitions as unknown[]).length).toBeGreaterThan(0);
    const missing = await getJson(open, "/api/agents/nobody");
    expect(missing).toEqual({ status: 404, body: { error: "no agent nobody" } });
    expect((await getJson(open, "/api/nothing")).status).toBe(404);
  });

  it("serves an agent's machine: its definition, its state, its last transitions, and its statechart drawn with the current state to mark", async () => {
    const { status, body: m } = await getJson(open, `/api/agents/${TRADER}/machine`);
    expect(status).toBe(200);
    expect(m).toMatchObject({ id: TRADER, kind: "trader", machineId: expect.any(String), version: expect.any(String), state: expect.any(String) });
    const def = m.definition as { states: Record<string, unknown>; initial: string };
    expect(Object.keys(def.states)).toEqual(expect.arrayContaining(["warmingUp", "trading", "paused", "halted", "retired"]));
    const ts = m.transitions as Array<{ ts: number; event: string; from: string; to: string }>;
    expect(ts[0]).toEqual({ ts: expect.any(Number), event: expect.any(String), from: "warmingUp", to: expect.any(String) });
    // The drawing has a group for every state; the paths to mark are the current state's (a trader's states are flat).
    const svg = m.drawing as string;
    expect(svg.startsWith("<svg")).toBe(true);
    for (const name of Object.keys(def.states)) expect(svg).toContain(`data-state="${name}"`);
    expect(m.active).toEqual([m.valueString]);
    expect(svg).toContain(`data-state="${(m.active as string[])[0]}"`);
    expect((await getJson(open, "/api/agents/nobody/machine")).status).toBe(404);
  });

  it("streams a birth as it happens, and serves the family tree with who made each agent and why", async () => {
    const stream = sseClient(at(open, "/api/stream"));
    expect(await stream.opened).toBe(200);
    const config = (await getJson(open, `/api/agents/${TRADER}`)).body.config as Record<string, unknown>;
    const reply = await floor.supervisor.submit({ verb: "spawn", agentId: CLONE, config: { ...config, id: CLONE }, parentId: TRADER, by: "test", reason: "a clone to watch" });
    expect(reply).toMatchObject({ ok: true, outcome: "spawned" });
    await expect.poll(() => stream.events.find((e) => (e.data as { subject?: string }).subject === "floor.life.spawn"), { timeout: 10_000 }).toBeDefined();
    const birth = stream.events.find((e) => (e.data as { subject?: string }).subject === "floor.life.spawn")!;
    expect(birth.data).toMatchObject({ seq: birth.id, type: "life", msg: { verb: "spawn", agentId: CLONE, parentId: TRADER, by: "test", reason: "a clone to watch" } });
    stream.close();
    const { body } = await getJson(open, "/api/lineage");
    const agents = body.agents as Array<{ id: string; parentId: string | null; events: Array<{ verb: string; by: string; reason: string }> }>;
    expect(agents.find((a) => a.id === CLONE)).toMatchObject({ parentId: TRADER, events: [{ verb: "spawned", by: "test", reason: "a clone to watch", ts: expect.any(Number) }] });
    expect(agents.find((a) => a.id === TRADER)).toMatchObject({ parentId: null, origin: expect.any(String), bornTs: expect.any(Number) });
    expect(body.judgements).toEqual(expect.any(Array));
    const row = ((await getJson(open, "/api/agents")).body as unknown as Array<{ id: string; lineage: string[] }>).find((a) => a.id === CLONE);
    expect(row?.lineage).toEqual([TRADER]);
  });

  it("serves the events after a sequence number, and refuses a bad one", async () => {
    const all = await getJson(open, "/api/events?since=0");
    const events = all.body.events as Array<{ seq: number; type: string }>;
    expect(events.length).toBeGreaterThan(2);
    expect(new Set(events.map((e) => e.type))).toContain("transition");
    const mid = events[Math.floor(events.length / 2)]!.seq;
    const later = (await getJson(open, `/api/events?since=${mid}`)).body.events as Array<{ seq: number }>;
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => e.seq > mid)).toBe(true);
    expect(later[0]!.seq).toBe(mid + 1);
    for (const bad of ["abc", "-1", "1.5"]) expect((await getJson(open, `/api/events?since=${bad}`)).status).toBe(400);
  });

  it("pauses a trader from the dashboard: audited, carried out by the boss, streamed, and resumed", async () => {
    const stream = sseClient(at(guarded, "/api/stream"), bearer);
    expect(await stream.opened).toBe(200);
    // The rules first: no token, 401; no control header, 403; both, 202.
    expect((await post(guarded, `/api/agents/${TRADER}/pause`, control)).status).toBe(401);
    expect((await post(guarded, `/api/agents/${TRADER}/pause`, bearer)).status).toBe(403);
    expect((await post(guarded, "/api/agents/nobody/pause", { ...bearer, ...control })).status).toBe(404);
    expect((await post(guarded, "/api/agents/boss/pause", { ...bearer, ...control })).status).toBe(409);
    const paused = await post(guarded, `/api/agents/${TRADER}/pause`, { ...bearer, ...control }, { reason: "looking at it" });
    expect(paused).toEqual({ status: 202, body: { ok: true, verb: "pause", target: TRADER, by: expect.stringMatching(/^dashboard@/), reason: "looking at it" } });
    await expect.poll(() => stateOf(TRADER), { timeout: 10_000, interval: 100 }).toBe("paused");
    const last = (await getJson(open, `/api/agents/${TRADER}/machine`)).body.transitions as Array<{ to: string; event: string }>;
    expect(last.at(-1)).toMatchObject({ to: "paused", event: "PAUSE" });
    // The stream carried the command, the boss's control and the transition, in that order.
    await expect.poll(() => stream.events.some((e) => (e.data as { type: string; to?: string }).type === "transition" && (e.data as { to: string }).to === "paused"), { timeout: 5000 }).toBe(true);
    const kinds = stream.events.map((e) => e.data as { type: string; subject?: string; agentId?: string }).filter((e) => e.subject === `floor.operator.pause` || e.subject === `ctl.${TRADER}.pause` || (e.type === "transition" && e.agentId === TRADER));
    expect(kinds.map((e) => e.subject ?? e.type)).toEqual(["floor.operator.pause", `ctl.${TRADER}.pause`, "transition"]);
    stream.close();
    // Audited with who and what, never the token.
    await expect.poll(() => operatorAudits().length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    const audit = operatorAudits()[0]!;
    expect(JSON.parse(audit.detail_json)).toEqual({ verb: "pause", target: TRADER, by: expect.stringMatching(/^dashboard@127\.0\.0\.1$/), reason: "looking at it" });
    expect(audit.detail_json).not.toContain(token);

    // Loopback without a token: the control header is enough.
    expect((await post(open, `/api/agents/${TRADER}/resume`, {})).status).toBe(403);
    expect((await post(open, `/api/agents/${TRADER}/resume`, control)).status).toBe(202);
    await expect.poll(() => stateOf(TRADER), { timeout: 10_000, interval: 100 }).not.toBe("paused");
  });

  it("refuses every control when the dashboard has no token off loopback (403)", async () => {
    // Only startDashboard called directly can do this: the CLI refuses such a bind before it starts.
    const bare = await startDashboard({ host: "0.0.0.0", port: 0 }, live, undefined, { floor: () => floor, feed, bus });
    try {
      const port = new URL(bare.url).port;
      const r = await fetch(`http://127.0.0.1:${port}/api/floor/pause`, { method: "POST", headers: control });
      expect(r.status).toBe(403);
      expect(((await r.json()) as { error: string }).error).toMatch(/controls need a token: set POLYFLOOR_DASHBOARD_TOKEN/);
    } finally {
      await bare.close();
    }
    expect(await stateOf(TRADER)).not.toBe("paused");
  });

  it("pauses and resumes the whole floor", async () => {
    expect((await post(open, "/api/floor/pause", control, { reason: "news" })).status).toBe(202);
    const traders = ((await getJson(open, "/api/agents")).body as unknown as Array<{ id: string; kind: string; alive: boolean }>).filter((a) => a.kind === "trader" && a.alive).map((a) => a.id);
    expect(traders).toEqual([TRADER, CLONE]);
    for (const id of traders) await expect.poll(() => stateOf(id), { timeout: 10_000, interval: 100 }).toBe("paused");
    expect((await post(open, "/api/floor/resume", control)).status).toBe(202);
    for (const id of traders) await expect.poll(() => stateOf(id), { timeout: 10_000, interval: 100 }).not.toBe("paused");
  });

  it("resumes the stream after Last-Event-ID", async () => {
    await expect.poll(() => feed.ring.last, { timeout: 10_000 }).toBeGreaterThan(5);
    const seen = feed.ring.last - 3;
    const again = sseClient(at(open, "/api/stream"), { "last-event-id": String(seen) });
    await again.opened;
    await expect.poll(() => again.events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(again.events.slice(0, 3).map((e) => e.id)).toEqual([seen + 1, seen + 2, seen + 3]);
    // Then live: a command sent now arrives after the replay, numbered on.
    expect((await post(open, "/api/floor/resume", control, { reason: "nothing held" })).status).toBe(202);
    await expect.poll(() => again.events.some((e) => (e.data as { subject?: string }).subject === "floor.operator.resume"), { timeout: 5000 }).toBe(true);
    expect(again.events.map((e) => e.id)).toEqual(again.events.map((_, i) => seen + 1 + i));
    again.close();
    // A reconnect of a stream first opened with ?since= resumes from its Last-Event-ID, not from `since` again.
    const reconnect = sseClient(at(open, "/api/stream?since=0"), { "last-event-id": String(seen) });
    await reconnect.opened;
    await expect.poll(() => reconnect.events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    expect(reconnect.events[0]!.id).toBe(seen + 1);
    reconnect.close();
    // The stream takes ?token= itself (EventSource cannot send a header), and refuses none.
    expect(await sseClient(at(guarded, "/api/stream")).opened).toBe(401);
    const withToken = sseClient(at(guarded, `/api/stream?token=${token}`));
    expect(await withToken.opened).toBe(200);
    withToken.close();
    expect((await fetch(at(open, "/api/stream?since=x"))).status).toBe(400);
  });

  it("retires an agent through the supervisor", async () => {
    const r = await post(guarded, `/api/agents/${CLONE}/retire`, { ...bearer, ...control }, { reason: "enough" });
    expect(r).toMatchObject({ status: 200, body: { ok: true, verb: "retire", agentId: CLONE, outcome: "retired" } });
    const row = ((await getJson(open, "/api/agents")).body as unknown as Array<{ id: string; diedTs: number | null }>).find((a) => a.id === CLONE);
    expect(row?.diedTs).toEqual(expect.any(Number));
    expect(operatorAudits().map((a) => JSON.parse(a.detail_json) as { verb: string; target: string }).at(-1)).toMatchObject({ verb: "retire", target: CLONE });
    // The floor's own agents are not retired while it runs; an unknown one is a 404.
    const boss = await post(guarded, "/api/agents/boss/retire", { ...bearer, ...control });
    expect(boss).toMatchObject({ status: 409, body: { ok: false, outcome: "refused", error: expect.stringMatching(/floor's own agents/) } });
    expect((await post(guarded, "/api/agents/nobody/retire", { ...bearer, ...control })).status).toBe(404);
  });

  it("drops a client that stops reading, without holding the floor back", async () => {
    const slow = sseClient(at(open, "/api/stream"));
    await slow.opened;
    const fast = sseClient(at(open, "/api/stream"));
    await fast.opened;
    slow.pause();
    const steps = live().steps;
    const before = feed.hub.dropped;
    // 60 audit facts of 200 kB (12 MB): more than the kernel's socket buffers hold for a reader that reads nothing.
    const pad = "x".repeat(200_000);
    for (let i = 0; i < FLOOD; i++) {
      const subject = "audit.dashboard_flood";
      bus.publish(subject, encode(subject, { v: PROTOCOL_VERSION, id: `flood.${i}`, ts: floor.clock.now(), src: "test", kind: "dashboard_flood", severity: "info", detail: { i, pad } }));
      await bus.idle();
      // The reader that keeps up is in this process too: let it read.
      await new Promise((r) => setTimeout(r, 5));
    }
    await expect.poll(() => feed.hub.dropped, { timeout: 10_000 }).toBe(before + 1);
    // The reader that keeps up got every one of them, and the floor kept stepping.
    await expect.poll(() => fast.events.filter((e) => (e.data as { subject?: string }).subject === "audit.dashboard_flood").length, { timeout: 10_000 }).toBe(FLOOD);
    await expect.poll(() => live().steps, { timeout: 10_000 }).toBeGreaterThan(steps);
    fast.close();
    slow.close();
  });
});
