/**
 * After a 425 (engine restart) the venue's engine takes post-only orders for a while: FOK/FAK
 * are refused here without sending, limits are posted post-only.
 */
import type { LiveIntent } from "./events.ts";
import type { LiveExecutorOptions } from "./liveExecutorTypes.ts";

export class PostOnlyWindow {
  /** Wall time until which the venue's engine takes post-only orders only (after its restart). */
  private until = 0;

  constructor(private readonly opts: Pick<LiveExecutorOptions, "postOnlyWindowMs">) {}

  /** A 425: the engine is restarting, and will be post-only for a while once back. */
  noteRestart(): void {
    this.until = Date.now() + (this.opts.postOnlyWindowMs ?? 120_000);
  }

  active(): boolean {
    return Date.now() < this.until;
  }

  /** Why an order cannot go now (a FOK/FAK takes liquidity, which a post-only engine refuses), or undefined. */
  refusal(i: LiveIntent): string | undefined {
    if (!this.active() || (i.type !== "FOK" && i.type !== "FAK")) return undefined;
    return `venue is post-only after an engine restart until ${new Date(this.until).toISOString()}: ${i.type} orders are not sent`;
  }
}
