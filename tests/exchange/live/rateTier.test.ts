import { describe, expect, it } from "vitest";
import { Wallet } from "ethers";
import { EthersV6Signer } from "../../../agents/exchange/live/ethersSigner.ts";
import { LiveExecutor, type LiveExecutorOptions } from "../../../agents/exchange/live/LiveExecutor.ts";
import { freshClob } from "./freshClob.ts";
import type { LocalClob } from "./LocalClob.ts";

const PATH = "/v1/user/rate-limit-tier";
let clob: LocalClob;
const executors = freshClob((c) => (clob = c), () => clob);

async function executor(opts: Partial<LiveExecutorOptions> = {}): Promise<{ ex: LiveExecutor; address: string }> {
  const wallet = Wallet.createRandom() as unknown as Wallet;
  const ex = new LiveExecutor({ host: clob.url, signer: new EthersV6Signer(wallet.privateKey), backoffInitialMs: 10, httpTimeoutMs: 2000, ...opts });
  executors.push(ex);
  await ex.init();
  return { ex, address: wallet.address };
}

describe("the executor reads the signer's rate tier from the local CLOB", () => {
  it("asks GET /v1/user/rate-limit-tier with the client's L2 headers, which the server verified, and takes the name in any case", async () => {
    const { ex, address } = await executor();
    clob.rateTier.set("Silver", address);
    clob.rateTier.set("Elite"); // everyone else's: not ours
    expect(await ex.rateTier.refresh()).toEqual({ ok: true, tier: "silver" });
    const [req] = clob.requestsTo("GET", PATH);
    expect(req).toMatchObject({ status: 200, l2Verified: true });
  });

  it("keeps the last tier when a read fails or names an unknown tier, and trading goes on", async () => {
    const { ex } = await executor();
    clob.rateTier.set("gold");
    await ex.rateTier.refresh();
    clob.failNext("GET", PATH, 1, { kind: "status", status: 500, body: { error: "could not read tier" } });
    expect(await ex.rateTier.refresh()).toEqual({ ok: false, reason: "the tier read failed: GET /v1/user/rate-limit-tier: could not read tier" });
    clob.rateTier.body = () => ({ level: "gold" }); // a shape the executor does not assume
    expect((await ex.rateTier.refresh()).ok).toBe(false);
    expect(ex.rateTier.state).toMatchObject({ tier: "gold", failedReads: 1, unknownTiers: 1 });
    const placed = await ex.place({ intentId: "i-1", tokenId: clob.tokens[0]!, side: "BUY", type: "GTC", price: 500_000, size: 10_000_000 });
    expect(placed.events.map((e) => e.type)).toEqual(["ack"]);
  });

  it("a key the venue does not know is refused like any L2 call, and counted as a failed read", async () => {
    const { ex } = await executor();
    clob.keys.clear();
    expect(await ex.rateTier.refresh()).toMatchObject({ ok: false, reason: expect.stringMatching(/Unauthorized/) });
    expect(clob.requestsTo("GET", PATH)[0]).toMatchObject({ status: 401 });
    expect(ex.rateTier.state).toMatchObject({ tier: "standard", source: "start", failedReads: 1 });
  });

  it("notices the tier and the warning headers on order and cancel answers (the client drops them; the executor's axios hook does not)", async () => {
    const { ex } = await executor();
    clob.rateTier.set("Platinum");
    clob.rateTier.warnNext(1);
    const placed = await ex.place({ intentId: "i-2", tokenId: clob.tokens[0]!, side: "BUY", type: "GTC", price: 500_000, size: 10_000_000 });
    expect(ex.rateTier.state).toMatchObject({ tier: "platinum", source: "header", seq: 1, warnings: 1 });
    clob.rateTier.set("bronze");
    await ex.cancel(placed.orderId!);
    expect(ex.rateTier.state).toMatchObject({ tier: "bronze", source: "header", seq: 2, warnings: 1 });
    expect(clob.requestsTo("GET", PATH)).toHaveLength(0);
  });
});
