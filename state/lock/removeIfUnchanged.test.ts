import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { removeIfUnchanged } from "./removeIfUnchanged.ts";

let tmp: ReturnType<typeof tmpDir>;
beforeEach(() => (tmp = tmpDir("lock")));
afterEach(() => tmp.remove());

it("removes the stale lock it judged, and nothing else", () => {
  const path = tmp.path("f.db.lock");
  writeFileSync(path, "stale");
  expect(removeIfUnchanged(path, "stale")).toBe(true);
  expect(existsSync(path)).toBe(false);
  expect(removeIfUnchanged(path, "stale")).toBe(false); // another floor removed it first
});

it("leaves in place a lock another floor took between the look and the removal", () => {
  const path = tmp.path("f.db.lock");
  writeFileSync(path, "fresh"); // the stale one was replaced after we read it
  expect(removeIfUnchanged(path, "stale")).toBe(false);
  expect(readFileSync(path, "utf8")).toBe("fresh");
  expect(readdirSync(tmp.dir)).toEqual(["f.db.lock"]);
});
