import type { z } from "zod";
import { perSchema } from "./perSchema.ts";
import { fastCheck } from "./fastCheck.ts";

/** What a fast parse returns when it cannot be sure of zod's answer: ask zod. */
export const UNSURE: unique symbol = Symbol("unsure");
export type FastParse = (v: unknown) => unknown;

interface Node {
  _zod: { def: Record<string, unknown> & { type: string; checks?: Node[] }; traits: Set<string>; optin?: string; optout?: string; propValues?: Record<string, Set<unknown>> };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function compile(s: Node): FastParse | undefined {
  const def = s._zod.def;
  const noChecks = !def.checks || def.checks.length === 0;
  switch (def.type) {
    case "number":
    case "string":
    case "boolean":
    case "unknown":
    case "literal":
    case "enum": {
      // zod hands back the value itself
      const f = fastCheck(s as unknown as z.ZodType);
      return f && ((v) => (f(v) ? v : UNSURE));
    }
    case "optional": {
      const f = fastCheck(s as unknown as z.ZodType) && compile(def.innerType as Node);
      return f && ((v) => (v === undefined ? undefined : f(v)));
    }
    case "nullable": {
      const f = noChecks ? compile(def.innerType as Node) : undefined;
      return f && ((v) => (v === null ? null : f(v)));
    }
    case "array": {
      const f = noChecks ? compile(def.element as Node) : undefined;
      return (
        f &&
        ((v) => {
          if (!Array.isArray(v)) return UNSURE;
          const out: unknown[] = Array(v.length);
          for (let i = 0; i < v.length; i++) {
            const x = f(v[i]);
            if (x === UNSURE) return UNSURE;
            out[i] = x;
          }
          return out;
        })
      );
    }
    case "object": {
      // A new object of the shape's keys in the shape's order: an absent optional key stays absent, a present one is kept (undefined too); others are dropped.
      if (!noChecks || def.catchall !== undefined) return undefined;
      const shape = def.shape as Record<string, Node>;
      const named: Array<{ k: string; f: FastParse; optional: boolean }> = [];
      for (const k of Object.keys(shape)) {
        if (k === "__proto__") return undefined;
        const f = compile(shape[k]!);
        if (!f) return undefined;
        named.push({ k, f, optional: shape[k]!._zod.optin === "optional" && shape[k]!._zod.optout === "optional" });
      }
      return (v) => {
        if (!isObject(v)) return UNSURE;
        const out: Record<string, unknown> = {};
        for (const { k, f, optional } of named) {
          if (!(k in v)) {
            if (optional) continue;
            return UNSURE;
          }
          const x = f(v[k]);
          if (x === UNSURE) return UNSURE;
          out[k] = x;
        }
        return out;
      };
    }
    case "record": {
      // A partial record over a set of keys: a new object of the input's keys, in its order (fastCheck says which records are sure).
      const check = fastCheck(s as unknown as z.ZodType);
      const keys = Object.values((def.keyType as Node)._zod.def.entries ?? {});
      const f = check && !keys.includes("__proto__") ? compile(def.valueType as Node) : undefined; // zod never writes a __proto__ key
      return (
        check &&
        f &&
        ((v) => {
          if (!check(v)) return UNSURE;
          const out: Record<string, unknown> = {};
          for (const k of Object.keys(v as object)) {
            const x = f((v as Record<string, unknown>)[k]);
            if (x === UNSURE) return UNSURE;
            out[k] = x;
          }
          return out;
        })
      );
    }
    case "union": {
      // Discriminated only: zod runs the one option the discriminator's value names, so this does too.
      if (!noChecks || !s._zod.traits.has("$ZodDiscriminatedUnion") || def.unionFallback) return undefined;
      const disc = def.discriminator as string;
      const byValue = new Map<unknown, FastParse>();
      for (const o of def.options as Node[]) {
        const f = compile(o);
        const values = o._zod.propValues?.[disc];
        if (!f || !values) return undefined;
        for (const x of values) byValue.set(x, f);
      }
      return (v) => {
        if (!isObject(v)) return UNSURE;
        const d = v[disc];
        const f = d === undefined ? undefined : byValue.get(d);
        return f ? f(v) : UNSURE;
      };
    }
    default:
      return undefined;
  }
}

/**
 * What zod's parse of `schema` returns for a value it accepts (the same new objects, the same keys
 * in the same order), or UNSURE where this cannot be sure zod accepts it. The floor decodes every
 * message each process receives; zod's general machinery was the dear part of that. Undefined for
 * a schema holding anything it does not know (see fastCheck; plain unions, whose first accepting
 * option it cannot name without zod's verdict on the ones before).
 */
export const fastParse: (schema: z.ZodType) => FastParse | undefined = perSchema(compile);
