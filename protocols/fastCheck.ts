import type { z } from "zod";
import { perSchema } from "./perSchema.ts";

/** True only when zod would accept the value; false means "not sure": ask zod. */
export type FastCheck = (v: unknown) => boolean;

interface Node {
  _zod: { def: Record<string, unknown> & { type: string; checks?: Node[] }; traits: Set<string>; optin?: string; values?: Set<unknown> };
}

/** A value zod's object and record parsers take as an object: a plain one, a class instance, anything but null and arrays. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** Certainly a plain object to zod's record parser (isPlainObject), and without symbol keys (which it would also check). */
const isPlainRecord = (v: unknown): v is Record<string, unknown> => {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && Object.getOwnPropertySymbols(v).length === 0;
};

/** Code points as zod counts them: UTF-16 units less one per high surrogate followed by a low one. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/** The one check (`def.checks` entry) on a number or string this knows; undefined for any other (a refine, a trim, a format). */
function checkOf(c: Node, base: "number" | "string"): FastCheck | undefined {
  const d = c._zod.def as unknown as { check: string; value?: number; inclusive?: boolean; format?: string; minimum?: number; maximum?: number; pattern?: RegExp };
  if (base === "number") {
    if (d.check === "number_format" && d.format === "safeint") return (v) => Number.isSafeInteger(v);
    if (d.check === "greater_than" && typeof d.value === "number") {
      const x = d.value;
      return d.inclusive ? (v) => (v as number) >= x : (v) => (v as number) > x;
    }
    if (d.check === "less_than" && typeof d.value === "number") {
      const x = d.value;
      return d.inclusive ? (v) => (v as number) <= x : (v) => (v as number) < x;
    }
    return undefined;
  }
  // Lengths count code points (a surrogate pair is one): at most the UTF-16 units, at least half of them.
  if (d.check === "min_length" && typeof d.minimum === "number") {
    const min = d.minimum;
    return (v) => {
      const units = (v as string).length;
      return units >= 2 * min || (units >= min && codePoints(v as string) >= min);
    };
  }
  if (d.check === "max_length" && typeof d.maximum === "number") {
    const max = d.maximum;
    return (v) => (v as string).length <= max || codePoints(v as string) <= max;
  }
  if (d.check === "string_format" && d.format === "regex" && d.pattern instanceof RegExp && c._zod.traits.has("$ZodCheckRegex")) {
    const re = d.pattern;
    return (v) => {
      re.lastIndex = 0;
      return re.test(v as string);
    };
  }
  return undefined;
}

function withChecks(base: FastCheck, checks: Node[] | undefined, kind: "number" | "string"): FastCheck | undefined {
  const fs: FastCheck[] = [];
  for (const c of checks ?? []) {
    const f = checkOf(c, kind);
    if (!f) return undefined;
    fs.push(f);
  }
  if (fs.length === 0) return base;
  return (v) => {
    if (!base(v)) return false;
    for (const f of fs) if (!f(v)) return false;
    return true;
  };
}

function compile(s: Node): FastCheck | undefined {
  const def = s._zod.def;
  const traits = s._zod.traits;
  if (def.coerce) return undefined;
  const noChecks = !def.checks || def.checks.length === 0;
  switch (def.type) {
    case "number":
      return withChecks((v) => typeof v === "number" && Number.isFinite(v), def.checks, "number");
    case "string":
      return withChecks((v) => typeof v === "string", def.checks, "string");
    case "boolean":
      return noChecks ? (v) => typeof v === "boolean" : undefined;
    case "unknown":
      return noChecks ? () => true : undefined;
    case "literal":
    case "enum": {
      // zod's own set of the values it takes (an enum of a TS enum's numbers leaves its reverse names out)
      const values = s._zod.values;
      return noChecks && values ? (v) => values.has(v) : undefined;
    }
    case "optional": {
      if (!noChecks || traits.has("$ZodExactOptional")) return undefined;
      const inner = def.innerType as Node;
      if (inner._zod.def.type === "default" || inner._zod.def.type === "prefault") return undefined;
      const f = compile(inner);
      return f && ((v) => v === undefined || f(v));
    }
    case "nullable": {
      const f = noChecks ? compile(def.innerType as Node) : undefined;
      return f && ((v) => v === null || f(v));
    }
    case "array": {
      const f = noChecks ? compile(def.element as Node) : undefined;
      // for…of, not every(): zod checks a hole as undefined
      const all = (v: unknown[]) => {
        for (const x of v) if (!f!(x)) return false;
        return true;
      };
      return f && ((v) => Array.isArray(v) && all(v));
    }
    case "object": {
      if (!noChecks || def.catchall !== undefined) return undefined;
      const shape = def.shape as Record<string, Node>;
      const keys = Object.keys(shape);
      const named: Array<{ k: string; f: FastCheck; present: boolean }> = [];
      for (const k of keys) {
        if (k === "__proto__") return undefined;
        const f = compile(shape[k]!);
        if (!f) return undefined;
        // zod refuses a missing key that is not optional, even where its schema takes undefined (z.unknown())
        named.push({ k, f, present: f(undefined) && shape[k]!._zod.optin === undefined });
      }
      return (v) => {
        if (!isObject(v)) return false;
        for (const { f, k, present } of named) if (!f(v[k]) || (present && !(k in v))) return false;
        return true;
      };
    }
    case "record": {
      // Only a partial record over a set of keys (z.partialRecord(z.enum(…), …)): each key one of them, each value good.
      if (!noChecks || def.partial !== true || def.mode === "loose") return undefined;
      const keyType = def.keyType as Node;
      if (keyType._zod.def.type !== "enum" || keyType._zod.def.checks?.length) return undefined;
      if (!keyType._zod.values) return undefined;
      const keys = new Set([...keyType._zod.values].filter((k) => typeof k === "string"));
      const f = compile(def.valueType as Node);
      return (
        f &&
        ((v) => {
          if (!isPlainRecord(v)) return false;
          for (const k of Object.keys(v)) if (!keys.has(k) || !f(v[k])) return false;
          return true;
        })
      );
    }
    case "union": {
      // One option accepting is the union accepting (a discriminated one runs the option its key names: that one). Not z.xor.
      if (!noChecks || traits.has("$ZodXor") || !(traits.has("$ZodUnion") || traits.has("$ZodDiscriminatedUnion"))) return undefined;
      const fs: FastCheck[] = [];
      for (const o of def.options as Node[]) {
        const f = compile(o);
        if (!f) return undefined;
        fs.push(f);
      }
      return (v) => fs.some((f) => f(v));
    }
    default:
      return undefined; // transforms, pipes, defaults, refinements…: zod alone
  }
}

/**
 * A plain predicate for `schema` that accepts only what zod accepts (never more; a value it is not
 * sure of it leaves to zod), built from the schema's own definition: the floor validates each
 * message it sends, hundreds of thousands a simulated day, and zod's general machinery is the dear
 * part of that. Undefined when the schema holds anything it does not know (transforms, defaults,
 * refinements, which may also change what zod returns).
 */
export const fastCheck: (schema: z.ZodType) => FastCheck | undefined = perSchema(compile);
