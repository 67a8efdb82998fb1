// Text the database can store. PostgreSQL refuses the NUL character in text and JSON, and a UTF-16
// surrogate without its pair (which JavaScript strings can hold, from a JSON "\ud800" escape) is
// no character at all: jsonb refuses it and UTF-8 cannot encode it.

// eslint-disable-next-line no-control-regex -- finding NUL is the point: PostgreSQL text cannot hold it
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export const isStorable = (text: string): boolean => !UNSTORABLE.test(text);

/** The text with each NUL and unpaired surrogate replaced by U+FFFD, and whether any was. */
export function toStorable(text: string): { text: string; cleaned: boolean } {
  if (isStorable(text)) return { text, cleaned: false };
  return { text: text.replace(UNSTORABLE_ALL, '\uFFFD'), cleaned: true };
}

/** The name of the first field (in order) whose text cannot be stored, or undefined. */
export function firstUnstorableField(fields: Iterable<readonly [string, string]>): string | undefined {
  for (const [name, value] of fields) if (!isStorable(name) || !isStorable(value)) return isStorable(name) ? name : toStorable(name).text;
  return undefined;
}
