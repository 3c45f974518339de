import { Wallet } from "ethers";
import { EthersV6Signer, exchangeV2Domain, LiveExecutor, ORDER_V2_TYPES } from "../agents/exchange/live/index.ts";
import { orderV2Message } from "../agents/exchange/live/orderHash.ts";
import { LocalClob } from "../tests/exchange/live/LocalClob.ts";
import { sig } from "./stats.ts";

export interface LiveRateResult {
  orders: number;
  /** place() of a GTC: sign (EIP-712, ethers v6), hash, POST with L2 HMAC, the server's signature recovery, ack. */
  roundTripMs: { p50: number; p95: number; max: number };
  /** The executor runs one venue call at a time, so this is its order ceiling on localhost. */
  ordersPerSec: number;
  /** Signing one V2 order's EIP-712 digest alone (ethers v6): the part no network can shorten. */
  signMs: { p50: number };
  note: string;
}

const ZERO32 = `0x${"0".repeat(64)}`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

/**
 * The live executor against the local CLOB on 127.0.0.1: what one order costs us end to end
 * with no network in the way. The real venue adds its own latency (tens of ms from eu-west).
 */
export async function liveRate(n = 200): Promise<LiveRateResult> {
  const clob = new LocalClob({ balanceMicro: 1e15 });
  await clob.start();
  const wallet = Wallet.createRandom();
  const ex = new LiveExecutor({ host: clob.url, signer: new EthersV6Signer(wallet.privateKey), refreshBalanceBeforeOrder: false });
  try {
    await ex.init();
    const intent = (i: number) => ({ intentId: `b-${i}`, tokenId: clob.tokens[0]!, side: "BUY" as const, type: "GTC" as const, price: 450_000, size: 10_000_000, tickSize: "0.01" as const, negRisk: false });
    for (let i = 0; i < 20; i++) await ex.place(intent(-1 - i)); // warm-up
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await ex.place(intent(i));
      times.push(performance.now() - s);
    }
    const wall = (performance.now() - t0) / 1000;
    const signer = new EthersV6Signer(wallet.privateKey);
    const signs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const s = performance.now();
      await signer._signTypedData(exchangeV2Domain(137, false), ORDER_V2_TYPES, orderV2Message({
        salt: i, maker: wallet.address, signer: wallet.address, tokenId: clob.tokens[0]!, makerAmount: "4500000", takerAmount: "10000000",
        side: "BUY", signatureType: 0, timestamp: String(Date.now()), metadata: ZERO32, builder: ZERO32,
      }));
      signs.push(performance.now() - s);
    }
    return {
      orders: n,
      roundTripMs: { p50: sig(pct(times, 0.5), 3), p95: sig(pct(times, 0.95), 3), max: sig(Math.max(...times), 3) },
      ordersPerSec: sig(n / wall, 3),
      signMs: { p50: sig(pct(signs, 0.5), 3) },
      note: "local CLOB on 127.0.0.1 (tests/exchange/live/LocalClob.ts), GTC orders placed one after another, balance check off",
    };
  } finally {
    ex.close();
    await clob.stop();
  }
}
