import { describe, expect, it } from "vitest";
import { sentBodyJson } from "./sentBodyJson.ts";

const sent = (env: Record<string, unknown>, body: Record<string, unknown>) => JSON.stringify({ ...env, ...body });
const env = { v: 1, id: 'monitor.1.7,"agentId":"x"', ts: 1_767_225_600_000, src: 'mon"itor' };

describe("sentBodyJson", () => {
  it.each([
    { agentId: "momentum-1", fills: 3, pnl: -1.5e-7, record: { sharpe: 0.123456789, psr: null }, latency: {}, gone: undefined },
    { agentId: "floor" },
    { agentId: 'a"b', forecast: { calibration: [{ lo: 0.1, meanP: null }] }, agentIdToo: ',"agentId":' },
  ])("is the body's own JSON, cut from the message sent (%#)", (body) => {
    expect(sentBodyJson(sent(env, body), body)).toBe(JSON.stringify(body));
  });

  it("stringifies the body itself where the cut would not be it: nothing sent, agentId not first, an envelope field named, a key like an integer", () => {
    for (const body of [{ fills: 1, agentId: "a" }, { agentId: "a", ts: 5 }, { agentId: "a", src: "b" }, { 0: 1, agentId: "a" }]) expect(sentBodyJson(sent(env, body), body)).toBe(JSON.stringify(body));
    expect(sentBodyJson(undefined, { agentId: "a" })).toBe('{"agentId":"a"}');
  });
});
