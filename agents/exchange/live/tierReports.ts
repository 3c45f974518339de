import { subjects } from "../../../protocols/index.ts";
import type { AgentContext } from "../../../floor/host/index.ts";
import type { RateTier } from "./RateTier.ts";

/**
 * The live exchange's side of the venue's rate tier: read it at start-up and whenever a read is
 * due (3 h of wall time), off the order queue so a slow read holds no order back; report each
 * reading, and each change a response header brings, to the boss (`order.venue.<id>`); audit a
 * read that kept the last tier, and the venue's rate-limit warnings as they come.
 */
export function tierReports(ctx: AgentContext, id: string, tier: RateTier, onError: (err: unknown) => void) {
  let reported = 0;
  let warned = 0;

  function report(): void {
    const s = tier.state;
    if (s.seq !== reported) {
      reported = s.seq;
      if (s.source !== "start") ctx.publish(subjects.venue(id), { tier: s.tier, source: s.source, failedReads: s.failedReads, unknownTiers: s.unknownTiers, warnings: s.warnings });
    }
    if (s.warnings > warned) {
      ctx.publish(subjects.audit("venue_rate_warning"), { kind: "venue_rate_warning", severity: "violation", detail: { rule: "venue_rate", tier: s.tier, warnings: s.warnings - warned, total: s.warnings } });
      warned = s.warnings;
    }
  }

  async function read(): Promise<void> {
    try {
      const r = await tier.refresh();
      const s = tier.state;
      if (!r.ok) ctx.publish(subjects.audit("venue_tier_read"), { kind: "venue_tier_read", severity: "error", detail: { kept: s.tier, reason: r.reason, failedReads: s.failedReads, unknownTiers: s.unknownTiers } });
    } catch (err) {
      onError(err);
    } finally {
      report();
    }
  }

  const readIfDue = () => void (tier.due() && read());
  return {
    /** Connected: read it now, unless a read is in flight or was made lately (a start-up tried again). */
    start: readIfDue,
    /** After an order's answer: what its headers said, at once. */
    report,
    /** Each step: a read when due, and any change a header brought since the last step. */
    tick(ready: boolean): void {
      if (ready) readIfDue();
      report();
    },
  };
}
