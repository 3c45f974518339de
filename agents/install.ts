/** Imported for its effect by entry points (bin/*.mjs, the bench, the test setup): the floor makes agents from this catalog. */
import { installCatalog } from "../floor/host/index.ts";
import { catalog } from "./catalog.ts";

installCatalog(catalog);
