/** The state journal: how one role's writes to the shared tables reach the other roles' files (DESIGN "State"). */
export { StateJournal, journalOf, type JournalArg } from "./StateJournal.ts";
export { applyJournal, appliedThrough, type Applied, type JournalRow } from "./applyJournal.ts";
export { readJournal, pruneJournal, journalHead, journalSequence } from "./readJournal.ts";
export { JOURNALED_TABLES, LOCAL_TABLES, writtenTable } from "./journalTables.ts";
