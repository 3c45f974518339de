import { JournalBatch } from "../../protocols/index.ts";

/** The last journal row a stored `state.<role>` message carries; 0 for one that is not a journal batch (malformed, or of another shape). */
export function batchEnd(data: string): number {
  try {
    const parsed = JournalBatch.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data.rows[parsed.data.rows.length - 1]![0] : 0;
  } catch {
    return 0;
  }
}
