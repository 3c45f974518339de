import { agentRecord, allocatedOf, cashOf, listAgents, listJudgements, openCostOf, type Db } from "../../state/index.ts";

/** How selection did on one selection sim (tests/fixtures/selection), from its database. */
export interface SelectionVerdict {
  /** coin-flip-1 (the known loser) was killed by a judgement, and when (floor ms after start). */
  loserKilled: boolean;
  loserKilledAfterMs: number | null;
  loserKill: Record<string, number | string | null> | null;
  /** Clones in oracle-1's lineage (the known edge), the first one's birth (floor ms after start), and whether oracle-1 or any of them was killed. */
  oracleClones: string[];
  oracleFirstCloneAfterMs: number | null;
  oracleLineageKilled: string[];
  /** Capital allocated to the live lineage at the end, against oracle-1's first allocation (micro-USD). */
  oracleStartCapital: number;
  oracleEndCapital: number;
  /** Equity of the lineage at the end: cash plus cost still in open positions (micro-USD). */
  oracleEndEquity: number;
  /** Kills whose judgement came before the record reached its MinTRL (must be none). */
  killedBeforeMinTrl: string[];
  /** Every agent killed, and by which rule. */
  kills: Array<{ agentId: string; reason: string }>;
  /** The last judgement's numbers of oracle-1 and of coin-flip-1 (what a miss is read from). */
  oracleLast: Record<string, number | string | null> | null;
  loserLast: Record<string, number | string | null> | null;
  /** Selection got it right: the loser killed, the edge cloned and grown, nobody killed early, the edge never killed. */
  right: boolean;
}

const LOSER = "coin-flip-1";
const EDGE = "oracle-1";

export function selectionVerdict(db: Db, start: number): SelectionVerdict {
  const agents = listAgents(db);
  const judgements = listJudgements(db);
  const kills = judgements.filter((j) => j.action === "kill");
  const rootOf = (id: string): string => {
    let a = agentRecord(db, id);
    while (a?.parentId) a = agentRecord(db, a.parentId);
    return a?.agentId ?? id;
  };
  const lineage = agents.filter((a) => rootOf(a.agentId) === EDGE);
  const live = lineage.filter((a) => a.diedTs == null);
  const loserKill = kills.find((k) => k.agentId === LOSER);
  const firstAllocation = db.prepare("SELECT delta_micro AS n FROM cash WHERE agent_id = ? AND reason = 'allocate' ORDER BY seq LIMIT 1").get(EDGE) as { n: number } | undefined;
  const v = {
    loserKilled: loserKill !== undefined,
    loserKilledAfterMs: loserKill ? loserKill.ts - start : null,
    loserKill: loserKill ? loserKill.numbers : null,
    oracleClones: lineage.filter((a) => a.agentId !== EDGE).map((a) => a.agentId),
    oracleFirstCloneAfterMs: lineage.some((a) => a.agentId !== EDGE) ? Math.min(...lineage.filter((a) => a.agentId !== EDGE).map((a) => a.bornTs)) - start : null,
    oracleLineageKilled: kills.filter((k) => lineage.some((a) => a.agentId === k.agentId)).map((k) => k.agentId),
    oracleStartCapital: firstAllocation?.n ?? 0,
    oracleEndCapital: live.reduce((s, a) => s + allocatedOf(db, a.agentId), 0),
    oracleEndEquity: live.reduce((s, a) => s + cashOf(db, a.agentId) + openCostOf(db, a.agentId), 0),
    killedBeforeMinTrl: kills.filter((k) => typeof k.numbers.n !== "number" || typeof k.numbers.needed !== "number" || k.numbers.n < k.numbers.needed).map((k) => k.agentId),
    kills: kills.map((k) => ({ agentId: k.agentId, reason: k.reason })),
    oracleLast: judgements.findLast((j) => j.agentId === EDGE)?.numbers ?? null,
    loserLast: judgements.findLast((j) => j.agentId === LOSER)?.numbers ?? null,
  };
  const right = v.loserKilled && v.oracleClones.length > 0 && v.oracleEndCapital > v.oracleStartCapital && v.killedBeforeMinTrl.length === 0 && v.oracleLineageKilled.length === 0;
  return { ...v, right };
}
