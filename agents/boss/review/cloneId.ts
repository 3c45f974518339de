/**
 * A clone's id: its lineage's root (the id before the first `_`), then the floor's count of
 * variants ever tried, so ids stay short however deep the family goes and never repeat
 * (`fair-value-1` → `fair-value-1_9`, its clone `fair-value-1_14`). Lineage lives in the registry.
 */
export function cloneId(parentId: string, everTried: number, taken: (id: string) => boolean): string {
  const root = parentId.split("_")[0]!.slice(0, 48);
  let n = everTried + 1;
  while (taken(`${root}_${n}`)) n++;
  return `${root}_${n}`;
}
