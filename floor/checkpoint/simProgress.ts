import { getMeta, type Db } from "../../state/index.ts";

/** How far a database's simulation has come: its seed, the last step it kept, and where its floor time began. */
export interface SimProgress {
  seed?: number;
  /** The last step kept (the next run continues one step later). */
  floorTime?: number;
  /** Floor time at the simulation's beginning: `--until` counts from here. */
  origin?: number;
}

export function simProgress(db: Db): SimProgress {
  const num = (key: string) => {
    const v = getMeta(db, key);
    return v === undefined ? {} : { [key]: Number(v) };
  };
  return { ...num("seed"), ...num("floorTime"), ...num("origin") };
}
