export { openFloorDb, checkWritableDb } from "./floorDb.ts";
export { checkOutputDir } from "./outputDir.ts";
export { onFile, storageFailure } from "./onFile.ts";
