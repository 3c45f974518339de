import { describe, expect, it } from "vitest";
import { drawMachine } from "./drawMachine.ts";
import { layoutMachine } from "./layoutMachine.ts";
import { machineGraph } from "./machineGraph.ts";
import { sampleMachine } from "./sampleMachine.ts";
import { stateDomId } from "./statechartSvg.ts";

const edgeTag = (svg: string, from: string, event: string) => svg.match(new RegExp(`<g class="edge [^"]*" id="[^"]*" data-event="${event.replace(/\./g, "\\.")}" data-from="${from}" data-to="([^"]*)">.*?</g>`))?.[0];

describe("statechartSvg on a machine with every kind of state and transition", () => {
  it("labels guards, delays and eventless transitions readably", async () => {
    const { svg } = await drawMachine(sampleMachine);
    expect(edgeTag(svg, "idle", "START")).toContain(">START [ready]</text>");
    expect(edgeTag(svg, "running.warming", "xstate.after.1500.sample.running.warming")).toMatch(/class="edge after".*>after 1\.5s<\/text>/);
    expect(edgeTag(svg, "running.live.feed.stale", "always")).toMatch(/class="edge always".*data-to="running\.live\.feed\.fresh".*>always \[caughtUp\]<\/text>/);
  });
  it("draws self-loops, transitions declared on parents and on the machine, and into a history state", async () => {
    const { svg, transitions } = await drawMachine(sampleMachine);
    expect(edgeTag(svg, "running.live.book.quoting", "FILL")).toContain('data-to="running.live.book.quoting"');
    expect(edgeTag(svg, "running", "PAUSE")).toContain('data-to="paused"');
    expect(edgeTag(svg, "", "STOP")).toContain('data-to="done"');
    expect(edgeTag(svg, "", "PING")).toContain('data-to=""'); // targetless: a loop on the machine's box
    expect(edgeTag(svg, "paused", "RESUME")).toContain('data-to="running.live.book.hist"');
    expect(transitions).toHaveLength(9);
    for (const name of ["sample", "idle", "running", "warming", "live", "feed", "fresh", "stale", "book", "quoting", "paused", "done"]) expect(svg).toContain(`>${name}</text>`);
    expect(svg).toMatch(/class="state history"[^>]*data-state="running\.live\.book\.hist"><circle[^>]*\/><text[^>]*>H\*<\/text>/);
    expect(svg).toMatch(/class="state final"[^>]*data-state="done"><rect[^>]*\/><rect/); // a double border
  });
  it("nests groups as the states nest, marks regions and initial states", async () => {
    const { svg } = await drawMachine(sampleMachine);
    expect(svg).toMatch(/data-state="running\.live"><title>live: parallel/);
    expect(svg).toMatch(/class="state compound parent region" id="sample--running--live--feed"/);
    // The `running` group contains `warming` before it closes (a child's group is inside its parent's).
    const running = svg.indexOf('data-state="running"');
    expect(svg.indexOf('data-state="running.warming"')).toBeGreaterThan(running);
    expect(svg.indexOf('data-state="paused"')).toBeGreaterThan(svg.indexOf('data-state="running.live.book.hist"'));
    const initials = [...svg.matchAll(/<g class="initial" data-parent="([^"]*)" data-to="([^"]*)">/g)].map((m) => `${m[1]}→${m[2]}`);
    // A parallel state enters all its regions: no initial arrow into them.
    expect(initials).toEqual(["→idle", "running→running.warming", "running.live.feed→running.live.feed.fresh", "running.live.book→running.live.book.quoting"]);
    expect(stateDomId("sample", "running.live.feed")).toBe("sample--running--live--feed");
    expect(stateDomId("my machine", "")).toBe("my_machine--root");
  });
  it("lays parallel regions side by side inside their state", async () => {
    const layout = await layoutMachine(machineGraph(sampleMachine));
    const box = (p: string) => layout.states.find((s) => s.path === p)!.box;
    const [feed, book] = [box("running.live.feed"), box("running.live.book")];
    expect(feed.x + feed.width <= book.x || book.x + book.width <= feed.x).toBe(true);
    expect(layout.states.filter((s) => s.region).map((s) => s.path)).toEqual(["running.live.feed", "running.live.book"]);
  });
  it("carries the highlight rule for an `active` class in its own stylesheet", async () => {
    const { svg } = await drawMachine(sampleMachine);
    expect(svg).toMatch(/<style>[^<]*\.state\.active > rect[^<]*<\/style>/);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="statechart" data-machine="sample"/);
  });
});
