import type { AgentCatalog } from "./AgentCatalog.ts";
import type { AgentKindDef, FileKind } from "./AgentKindDef.ts";

let installed: AgentCatalog | undefined;

/** Called once by an entry point, before anything builds a floor. */
export function installCatalog(c: AgentCatalog): void {
  installed = c;
}

/** The installed catalog; a clear error when an entry point forgot it. */
export function catalog(): AgentCatalog {
  if (!installed) throw new Error("no agent catalog installed: an entry point must call installCatalog(catalog) from agents/catalog.ts first");
  return installed;
}

/** The kind's registry entry, or undefined for a kind the floor does not know. */
export function kindDef(kind: string): AgentKindDef | undefined {
  return catalog().kinds.find((k) => k.kind === kind);
}

/** The kinds that config files create, by name. */
export function fileKinds(): Map<string, FileKind> {
  return new Map(catalog().kinds.flatMap((k) => (k.file ? [[k.kind, k.file] as const] : [])));
}
