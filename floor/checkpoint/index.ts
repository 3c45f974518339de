/** Making a floor's run resumable: the sim exactly (checkpoints in the ledger's transaction), the others by floor time. */
export type { Resume, Checkpointed } from "./Resume.ts";
export { resumeFor } from "./resumeFor.ts";
export { simProgress, type SimProgress } from "./simProgress.ts";
export { toCheckpointJson, fromCheckpointJson } from "./checkpointJson.ts";
export { roleResume } from "./roleResume.ts";
