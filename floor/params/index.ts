/** Parameter schemas as the boss reads them: each numeric field's bounds, and a clone's parameters moved inside them. */
export { perturbParams, type Perturbed } from "./perturbParams.ts";
export { numericBounds, type NumericBound } from "./numericBounds.ts";
