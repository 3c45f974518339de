import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { z } from "zod";

/** Read a file as text, gunzipping `.gz`. */
export function readText(path: string): string {
  const buf = readFileSync(path);
  return path.endsWith(".gz") ? gunzipSync(buf).toString("utf8") : buf.toString("utf8");
}

/** Parse a JSON (or JSON Lines when `lines`) file against a schema; errors name the file and line. */
export function readJsonFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  const r = schema.safeParse(JSON.parse(readText(path)));
  if (!r.success) throw new Error(`${path}: ${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`);
  return r.data;
}

export function readJsonLines<S extends z.ZodType>(path: string, schema: S): Array<z.infer<S>> {
  const out: Array<z.infer<S>> = [];
  readText(path)
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (e) {
        throw new Error(`${path}:${i + 1}: malformed JSON: ${(e as Error).message}`);
      }
      const r = schema.safeParse(raw);
      if (!r.success) throw new Error(`${path}:${i + 1}: ${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`);
      out.push(r.data);
    });
  return out;
}

/** Build a sorted series from unsorted points (recorded files are not always in order). */
export function sortedSeries(points: Array<[number, number]>): { ts: Float64Array; price: Float64Array } {
  points.sort((a, b) => a[0] - b[0]);
  return { ts: Float64Array.from(points, (p) => p[0]), price: Float64Array.from(points, (p) => p[1]) };
}
