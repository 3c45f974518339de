/**
 * The venue's `ClobClient`: L1 auth (`createOrDeriveApiKey`, EIP-712 ClobAuth signed by the
 * ethers-v6 adapter) for the API key, then the L2 client the executor trades through.
 */
import { ClobClient, type ApiKeyCreds } from "@polymarket/clob-client-v2";
import { l1Failure, watchFailures } from "./l1Failure.ts";
import type { LiveExecutorOptions } from "./liveExecutorTypes.ts";

type ClientOptions = Pick<LiveExecutorOptions, "signer" | "signatureType" | "funderAddress">;

/** Derive (or create) the API key of `signer`; a failure says why (see l1Failure). */
export async function deriveApiKey(host: string, chain: number, signer: LiveExecutorOptions["signer"]): Promise<ApiKeyCreds> {
  const l1 = new ClobClient({ host, chain, signer: signer as never });
  const failures = watchFailures(host);
  try {
    const creds = await l1.createOrDeriveApiKey();
    if (!creds?.key || !creds.secret || !creds.passphrase) throw l1Failure(host, failures.all);
    return creds;
  } finally {
    failures.eject();
  }
}

/** The L2 client: errors thrown (never returned as bodies), no retries of its own — the executor decides those. */
export function l2Client(host: string, chain: number, opts: ClientOptions, creds: ApiKeyCreds): ClobClient {
  return new ClobClient({
    host,
    chain,
    signer: opts.signer as never,
    creds,
    ...(opts.signatureType !== undefined ? { signatureType: opts.signatureType } : {}),
    ...(opts.funderAddress !== undefined ? { funderAddress: opts.funderAddress } : {}),
    throwOnError: true,
    retryOnError: false,
  });
}
