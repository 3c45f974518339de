/**
 * A bus subject namespace such as `t8f3a.`: added on the way out, stripped on the way in, so
 * several floors (or parallel tests) can share one server. Reply subjects (`_INBOX.…`) are
 * left alone so `publish(msg.reply, …)` still reaches the requester.
 */
export class SubjectPrefix {
  readonly prefix: string;

  constructor(prefix: string | undefined) {
    this.prefix = normalizePrefix(prefix);
  }

  full(subject: string): string {
    return this.prefix === "" || subject.startsWith("_INBOX.") ? subject : this.prefix + subject;
  }

  strip(subject: string): string {
    return this.prefix !== "" && subject.startsWith(this.prefix) ? subject.slice(this.prefix.length) : subject;
  }
}

/** "" stays ""; "abc" becomes "abc."; wildcards, whitespace and empty tokens are rejected. */
function normalizePrefix(prefix: string | undefined): string {
  if (!prefix) return "";
  const p = prefix.endsWith(".") ? prefix : `${prefix}.`;
  if (!/^[^\s*>.]+(\.[^\s*>.]+)*\.$/.test(p)) {
    throw new Error(`invalid bus prefix ${JSON.stringify(prefix)}: use dot-separated tokens without wildcards`);
  }
  return p;
}
