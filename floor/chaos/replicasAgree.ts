import type { Db } from "../../state/index.ts";
import { ledgerHash } from "../../state/ledgerHash.ts";
import { invariant, type InvariantResult } from "./Invariant.ts";

/**
 * Every role's file holds the same ledger (state/ledgerHash.ts), and no file missed or refused a
 * row of another role's state journal (journal_in's gaps and conflicts): the replicas did not diverge.
 */
export function replicasAgree(files: ReadonlyArray<{ role: string; db: Db }>): InvariantResult {
  const hashes = files.map((f) => ({ role: f.role, hash: ledgerHash(f.db) }));
  const byHash = new Map<string, string[]>();
  for (const h of hashes) byHash.set(h.hash, [...(byHash.get(h.hash) ?? []), h.role]);
  // The hash most files hold is the reference; each file that differs is named.
  const [reference] = [...byHash].sort((a, b) => b[1].length - a[1].length)[0] ?? ["", []];
  const problems = hashes.filter((h) => h.hash !== reference).map((h) => `the ${h.role} file's ledger hash ${h.hash.slice(0, 12)} differs from ${reference.slice(0, 12)} (${byHash.get(reference)!.join(", ")})`);
  for (const f of files) {
    const bad = f.db.prepare("SELECT source, gaps, conflicts FROM journal_in WHERE gaps > 0 OR conflicts > 0 ORDER BY source").all() as Array<{ source: string; gaps: number; conflicts: number }>;
    for (const b of bad) problems.push(`the ${f.role} file has ${b.gaps} gap(s) and ${b.conflicts} refused row(s) in the ${b.source} journal`);
  }
  const summary = byHash.size === 1 ? `${files.length} files, one ledger hash ${reference.slice(0, 12)}` : `${files.length} files, ${byHash.size} different ledger hashes`;
  return invariant("replicas agree", summary, problems);
}
