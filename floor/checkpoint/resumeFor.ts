import type { Db } from "../../state/index.ts";
import { exactResume } from "./exactResume.ts";
import { periodicResume } from "./periodicResume.ts";
import type { Resume } from "./Resume.ts";

type Mode = "sim" | "replay" | "paper" | "live";

/** Which kind of resume each mode of floor gets: only simulated time can be re-run exactly. */
const RESUMES: Record<Mode, (db: Db, opts: { seed: number; simStart: number }) => Resume> = {
  sim: exactResume,
  replay: periodicResume,
  paper: periodicResume,
  live: periodicResume,
};

export function resumeFor(mode: Mode, db: Db, opts: { seed: number; simStart: number }): Resume {
  return RESUMES[mode](db, opts);
}
