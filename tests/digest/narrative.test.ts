import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dailyDigests } from "../../agents/auditor/dailyDigests.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { openDb } from "../../state/index.ts";
import { completion, json, startChatServer, type ChatServer } from "../helpers/chatServer.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { tinyLedgerDay } from "../helpers/tinyLedgerDay.ts";
import { tmpDir } from "../helpers/tmp.ts";

const KEY = "sk-digest-test-SECRET-0123456789";
const D = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const MARK = "Narrative written by model test-model. The numbers above come from the ledger; the narrative is not a source of numbers.";
const tmp = tmpDir("narrative");
let srv: ChatServer;
const dbPath = tmp.path("floor.db");
beforeAll(async () => {
  srv = await startChatServer();
  const db = openDb(dbPath); // closed again: the CLI in process may leave no file of its own open
  tinyLedgerDay(db, D);
  db.close();
});
afterAll(async () => {
  await srv.close();
  tmp.remove();
});
beforeEach(() => srv.reset());

/** A day's digest as the auditor writes it with a narrator on the local server; the files' text and what was published. */
async function written(name: string) {
  const dir = tmp.path(name);
  const published: Array<Record<string, unknown>> = [];
  const narrator = { baseUrl: srv.baseUrl, apiKey: KEY, model: "test-model", timeoutMs: 2_000, maxAnswerTokens: 300 };
  const fresh = openDb(tmp.path(`${name}.db`));
  tinyLedgerDay(fresh, D);
  const dd = dailyDigests({ dir, narrator, db: fresh, log: createLogger({ level: "silent" }), now: () => D + DAY, publish: (_s, b) => void published.push(b) });
  dd.onTick(D);
  dd.onTick(D + DAY);
  await dd.onStop();
  fresh.close();
  return { md: readFileSync(join(dir, "2026-01-01.md"), "utf8"), html: readFileSync(join(dir, "2026-01-01.html"), "utf8"), published };
}

describe("the digest's narrative from an OpenAI-compatible model", () => {
  it("is asked with the day's numbers, and written in its own marked section, escaped", async () => {
    srv.script.push(json(200, completion("A quiet day: one window, won. <script>alert(1)</script>\n\nNothing else happened.")));
    const { md, html, published } = await written("ok");
    expect(srv.seen).toHaveLength(1);
    expect(srv.seen[0]).toMatchObject({ url: "/v1/chat/completions", auth: `Bearer ${KEY}`, body: { model: "test-model" } });
    const facts = JSON.parse(String((srv.seen[0]!.body.messages as Array<{ content: string }>)[1]!.content)) as { floor: { pnlUsd: number } };
    expect(facts.floor.pnlUsd).toBe(59.5);
    for (const text of [md, html]) {
      expect(text).toContain(MARK);
      expect(text).toContain("Nothing else happened.");
      expect(text).not.toContain(KEY);
      expect(text).not.toContain("<script>");
    }
    expect(html).toContain("<aside><h2>Narrative</h2>");
    expect(html).toContain("A quiet day: one window, won. &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md).toContain("## Narrative\n\n> Narrative written by model test-model.");
    // Announced once, after the files have their narrative.
    expect(published.filter((b) => b.kind === "digest_written")).toHaveLength(1);
  });

  it("is left out, with a note, when the server answers 500; the digest is whole without it", async () => {
    srv.script.push(json(500, { error: { message: `boom ${KEY}` } }));
    const { md, html, published } = await written("down");
    for (const text of [md, html]) {
      expect(text).not.toContain("Narrative written by model");
      expect(text).toContain("A narrative was asked of model test-model; none is included (HTTP 500). The digest is complete without it.");
      expect(text).toContain("Realised PnL: $59.50");
      expect(text).not.toContain(KEY);
    }
    expect(published.filter((b) => b.kind === "digest_written")).toHaveLength(1);
  });

  it("floor digest writes none unless --narrative asks, then from the endpoint in the environment", async () => {
    const env = { OPENAI_BASE_URL: srv.baseUrl, OPENAI_API_KEY: KEY };
    const plain = await floorInProcess(["digest", "--db", dbPath, "--date", "2026-01-01", "--out", tmp.path("cli-plain")], env);
    expect(plain.code, plain.stderr).toBe(0);
    expect(srv.seen).toHaveLength(0);
    expect(readFileSync(tmp.path("cli-plain/2026-01-01.md"), "utf8")).not.toContain("## Narrative");
    srv.script.push(json(200, completion("Told by the CLI.")));
    const asked = await floorInProcess(["digest", "--db", dbPath, "--date", "2026-01-01", "--out", tmp.path("cli-asked"), "--narrative"], env);
    expect(asked.code, asked.stderr).toBe(0);
    const told = readFileSync(tmp.path("cli-asked/2026-01-01.md"), "utf8");
    expect(told).toContain(MARK.replace("test-model", "gpt-4o-mini")); // the config's model (digests.narrative.model)
    expect(told).toContain("Told by the CLI.");
    const none = await floorInProcess(["digest", "--db", dbPath, "--date", "2026-01-01", "--out", tmp.path("cli-none"), "--narrative"], { OPENAI_BASE_URL: "" });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--narrative needs an endpoint/);
  });
});
