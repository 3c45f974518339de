/** The public types of a `LiveExecutor`: its options, and what `place()` and `refreshBalances()` return. */
import type { ApiKeyCreds } from "@polymarket/clob-client-v2";
import type { EthersV5StyleSigner } from "./ethersSigner.ts";
import type { LiveEvent } from "./events.ts";

export interface LiveExecutorOptions {
  host: string;
  signer: EthersV5StyleSigner;
  chainId?: number;
  /** Pre-existing L2 credentials; otherwise `init()` derives them. */
  creds?: ApiKeyCreds;
  signatureType?: number;
  funderAddress?: string;
  /** Per-request HTTP timeout for this host (the client itself sets none). Default 10 s. */
  httpTimeoutMs?: number;
  /** 425 backoff: first wait, cap, attempts. Defaults 1 s, 30 s, 8. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  maxNotReadyRetries?: number;
  /** 429: attempts and the longest Retry-After we will sit out. Defaults 5 and 60 s. */
  maxRateLimitRetries?: number;
  maxRetryAfterMs?: number;
  /** After a 425 (engine restart) the engine is post-only this long: FOK/FAK are refused here, limits go post-only. Default 2 min. */
  postOnlyWindowMs?: number;
  /** Re-posts of the same signed order after a reconcile found nothing. Default 2. */
  maxUnknownOutcomeRetries?: number;
  /** Check collateral before a BUY. Default true. */
  refreshBalanceBeforeOrder?: boolean;
  heartbeatIntervalMs?: number;
  /** Wall time (ms), for the rate tier's refresh. Default Date.now. */
  now?: () => number;
  /** Between reads of the rate tier (the venue refreshes it every 3 h); after a read that failed or named no known tier. Defaults 3 h, 5 min. */
  tierRefreshMs?: number;
  tierRetryMs?: number;
  /**
   * Called once an order is signed and its id (the EIP-712 hash) known, before it is posted: the
   * place to write it ahead to the ledger, so a crash mid-post leaves a record to reconcile.
   * Throwing stops the post.
   */
  beforePost?: (intentId: string, orderId: string) => void;
  sleep?: (ms: number) => Promise<void>;
  onEvent?: (e: LiveEvent) => void;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export interface PlaceResult {
  intentId: string;
  orderId?: string;
  events: LiveEvent[];
  /** True when the outcome was learned through GET /data/orders|/data/trades after a timeout. */
  reconciled: boolean;
  postAttempts: number;
  /** Timed out, never found at the venue, not re-sent: `recheckDoubtful()` settles it later (found, or given up). */
  unresolved?: boolean;
}

export interface Balances {
  collateral: number;
  raw: { balance: string; allowances: Record<string, string> };
}
