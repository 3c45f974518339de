import { createInbox, nuid } from "@nats-io/transport-node";
import { expect, it } from "vitest";

// @nats-io/nuid 3.0.0 (pinned exactly by @nats-io/nats-core) declares engines ">= 22.x", so
// `npm install` warns on Node 20. It only needs globalThis.crypto.getRandomValues, which Node 20
// has: this test runs it on the Node the floor runs on (engines: >=20.10) and checks its output.
it(`@nats-io/nuid makes unique 22-character ids on Node ${process.versions.node}`, () => {
  expect(typeof globalThis.crypto?.getRandomValues).toBe("function");
  const ids = Array.from({ length: 20_000 }, () => nuid.next());
  for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{22}$/);
  expect(new Set(ids).size).toBe(ids.length);
  // One generator keeps its crypto-random prefix and counts on after it; inboxes are made with it.
  expect(ids[0]!.slice(0, 12)).toBe(ids[1]!.slice(0, 12));
  expect(createInbox()).toMatch(/^_INBOX\.[0-9A-Za-z]{22}$/);
});
