/** One role per process: how each role's file gets the rows the other roles write (DESIGN "State"). */
export { JournalPublisher, type JournalPublisherOptions } from "./JournalPublisher.ts";
export { JournalFollower, type FollowerStats } from "./JournalFollower.ts";
export { publishAfterJournal } from "./publishAfterJournal.ts";
export { ROLE_TABLES, roleWrites } from "./roleTables.ts";
