import type { Db } from "../../state/index.ts";
import { ledgerHash } from "../../state/ledgerHash.ts";
import { invariant, type InvariantResult } from "./Invariant.ts";

/**
 * Every role's file holds the same ledger (state/ledgerHash.ts) as `authority`'s (the exchange's,
 * the ledger's writer), and no file missed or refused a row of another role's state journal
 * (journal_in's gaps and conflicts): the replicas did not diverge.
 */
export function replicasAgree(files: ReadonlyArray<{ role: string; db: Db }>, authority: string): InvariantResult {
  const hashes = files.map((f) => ({ role: f.role, hash: ledgerHash(f.db) }));
  const reference = hashes.find((h) => h.role === authority)?.hash ?? "";
  const problems = hashes.filter((h) => h.hash !== reference).map((h) => `the ${h.role} file's ledger hash ${h.hash.slice(0, 12)} differs from the ${authority}'s ${reference.slice(0, 12)}`);
  for (const f of files) {
    const bad = f.db.prepare("SELECT source, gaps, conflicts FROM journal_in WHERE gaps > 0 OR conflicts > 0 ORDER BY source").all() as Array<{ source: string; gaps: number; conflicts: number }>;
    for (const b of bad) problems.push(`the ${f.role} file has ${b.gaps} gap(s) and ${b.conflicts} refused row(s) in the ${b.source} journal`);
  }
  const distinct = new Set(hashes.map((h) => h.hash)).size;
  const summary = distinct === 1 ? `${files.length} files, one ledger hash ${reference.slice(0, 12)}` : `${files.length} files, ${distinct} different ledger hashes`;
  return invariant("replicas agree", summary, problems);
}
