import type { AuditAnchor, AuditHead, StoredAnchor } from "./auditAnchor.ts";

export interface AnchorSource {
  /** Where the anchor is kept, as the user should read it ("floor meta", a file's path). */
  name: string;
  stored: StoredAnchor;
}

const short = (a: Pick<AuditAnchor, "count" | "hash">) => `${a.count}#${a.hash.slice(0, 8)}`;

/** One anchor against the chain: the head may be ahead of it, never behind, and must pass through it. */
export function anchorProblem(name: string, a: AuditAnchor, head: AuditHead, hashAt: (seq: number) => string | undefined): string | undefined {
  if (a.count > head.count) {
    return `the audit log ends at entry ${head.count} but the anchor in ${name} records ${a.count} entries: ${a.count - head.count} entries after ${head.count} are missing`;
  }
  const found = hashAt(a.count);
  if (found !== a.hash) return `entry ${a.count} has hash ${found?.slice(0, 8) ?? "(none)"} but the anchor in ${name} records ${a.hash.slice(0, 8)}: the log was rewritten up to there`;
  return undefined;
}

/**
 * Check the chain's head against the anchors kept in floor meta and in the sidecar file. Each is
 * written at every status line and at stop, so a running floor's head is ahead of them; a head
 * behind either, a hash that differs at the anchor's entry, or one anchor without the other
 * (they are written together) is a problem. Returns the problems and the freshest anchor.
 */
export function checkAnchors(meta: AnchorSource, sidecar: AnchorSource, head: AuditHead, hashAt: (seq: number) => string | undefined): { problems: string[]; freshest?: AuditAnchor } {
  const problems: string[] = [];
  const found: AuditAnchor[] = [];
  for (const s of [meta, sidecar]) {
    if (s.stored.state === "unreadable") problems.push(`the anchor in ${s.name} is unreadable: ${s.stored.error}`);
    if (s.stored.state !== "ok") continue;
    found.push(s.stored.anchor);
    const p = anchorProblem(s.name, s.stored.anchor, head, hashAt);
    if (p) problems.push(p);
  }
  const [m, f] = [meta.stored, sidecar.stored];
  if (m.state === "missing" && f.state === "ok") problems.push(`${meta.name} has no audit anchor but ${sidecar.name} has one (${short(f.anchor)})`);
  if (f.state === "missing" && m.state === "ok") problems.push(`${sidecar.name} is missing but ${meta.name} has an anchor (${short(m.anchor)})`);
  if (m.state === "missing" && f.state === "missing" && head.count > 0) problems.push(`no audit anchor in ${meta.name} nor in ${sidecar.name}: a deleted tail cannot be ruled out`);
  const freshest = found.sort((a, b) => b.count - a.count)[0];
  return { problems, ...(freshest ? { freshest } : {}) };
}
