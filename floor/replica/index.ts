/** One role per process: how each role's file gets the rows the other roles write (DESIGN "State"). */
export { JournalPublisher, type JournalPublisherOptions } from "./JournalPublisher.ts";
export { JournalFollower, type FollowerStats } from "./JournalFollower.ts";
export { MARK_WAIT_MS, MarkWaits } from "./MarkWaits.ts";
export { publishAfterJournal } from "./publishAfterJournal.ts";
export { ROLE_TABLES, roleWrites } from "./roleTables.ts";
export { causalBus } from "./causalBus.ts";
export { formatMarks, parseMarks, type Marks } from "./journalMarks.ts";
