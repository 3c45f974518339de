/** What a storage failure means, by its SQLite or errno code (prefix), in words. */
const MEANINGS: Array<[RegExp, string]> = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)$/, "the disk is full"],
  [/^(SQLITE_READONLY|EROFS|EACCES|EPERM)/, "not writable"],
  [/^SQLITE_CANTOPEN/, "cannot be opened"],
  [/^SQLITE_NOTADB$/, "not a database"],
  [/^SQLITE_CORRUPT/, "corrupt"],
  [/^(SQLITE_IOERR|EIO$)/, "I/O error"],
];

/** `e` as one line naming `file`, when it is a storage failure; undefined otherwise. */
export function storageFailure(file: string, e: unknown): Error | undefined {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "string") return undefined;
  const meaning = MEANINGS.find(([re]) => re.test(code))?.[1];
  return meaning ? new Error(`${file}: ${meaning} (${code})`) : undefined;
}

/** Await `work`; a storage failure comes out as one line naming `file` (the floor's database). */
export async function onFile<T>(file: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    throw storageFailure(file, e) ?? e;
  }
}
