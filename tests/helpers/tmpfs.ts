import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

/**
 * Mount a tmpfs of `size` at `dir` (a full disk, or with `readonly` a folder nobody can write,
 * root included). Undefined when this process may not mount (not root, or in a container
 * without the capability): the caller skips with a reason.
 */
export function mountTmpfs(dir: string, opts: { size: string; readonly?: boolean }): { unmount(): void } | undefined {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `${opts.readonly ? "ro," : ""}size=${opts.size}`, "tmpfs", dir], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  return { unmount: () => execFileSync("umount", ["-l", dir], { stdio: "ignore" }) };
}
