import type { BreakerDef } from "./BreakerDef.ts";

/** An agent's losing streak: `lossStreak` losing settlements in a row pause it for a cooldown, after which its streak starts again. */
export const LOSS_STREAK: BreakerDef<string> = {
  name: "lossStreak",
  mode: "halted",
  check(s, e, r, agentId) {
    const streak = s.streaks[agentId] ?? 0;
    if (e.type !== "settled" || e.agentId !== agentId || streak < r.lossStreak) return undefined;
    const until = e.now + r.lossStreakCooldownMin * 60_000;
    return { until, reason: `${streak} losing settlements in a row (limit ${r.lossStreak}); paused for ${r.lossStreakCooldownMin} min`, numbers: { streak, limit: r.lossStreak } };
  },
  resume: (s, r, _now, agentId) => ({
    state: agentId in s.streaks ? { ...s, streaks: { ...s.streaks, [agentId]: 0 } } : s,
    why: `the ${r.lossStreakCooldownMin} min cooldown is over: its streak starts again`,
    numbers: { streak: s.streaks[agentId] ?? 0 },
  }),
};
