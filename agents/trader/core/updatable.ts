import type { z } from "zod";

/** Mark a parameter as safe to change on a running trader (Hummingbot's `is_updatable`). */
export function updatable<T extends z.ZodType>(schema: T): T {
  return schema.meta({ updatable: true });
}

/** The keys of an object schema whose fields are marked updatable. */
export function updatableKeys(schema: z.ZodType): Set<string> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return new Set(Object.entries(shape).filter(([, s]) => s.meta()?.updatable === true).map(([k]) => k));
}
