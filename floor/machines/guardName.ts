/** An action's or guard's name as written in the machine: a string, `{ type }`, or "inline" for a bare function. */
export const named = (x: unknown): string =>
  typeof x === "string" ? x : x && (typeof x === "object" || typeof x === "function") && "type" in x ? String((x as { type: unknown }).type) : "inline";

/** A guard's name, with its parameters when it has simple ones: `venueIs(filled)`. */
export const guardName = (g: unknown): string => {
  const params = g && typeof g === "object" && "params" in g ? (g as { params: unknown }).params : undefined;
  return params === undefined || typeof params === "object" ? named(g) : `${named(g)}(${String(params)})`;
};
