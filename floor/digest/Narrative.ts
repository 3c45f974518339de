/** A model's narrative of a day, or why there is none. Never a source of numbers: the digest's own come from the ledger. */
export type Narrative = { ok: true; model: string; text: string } | { ok: false; model: string; reason: string };
