import type { z } from "zod";

/** `compile` run once per schema (a WeakMap keeps each answer, undefined too). */
export function perSchema<F, S>(compile: (schema: S) => F | undefined): (schema: z.ZodType) => F | undefined {
  const compiled = new WeakMap<object, { f: F | undefined }>();
  return (schema) => {
    let c = compiled.get(schema);
    if (c === undefined) {
      c = { f: compile(schema as unknown as S) };
      compiled.set(schema, c);
    }
    return c.f;
  };
}
