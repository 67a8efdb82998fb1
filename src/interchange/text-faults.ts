// Characters no text in a file should hold, which the database cannot store: the NUL character
// (a zero byte, a sign of a damaged or binary file) and half of a UTF-16 surrogate pair (which a
// JSON file can spell as "\ud800"). A value holding either is a problem at its row and column,
// never a failure on saving.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with the text, to follow "the value": undefined when it is fine. */
export function textFault(text: string): string | undefined {
  if (text.includes('\u0000'))
    return 'contains a NUL character (a zero byte), which text cannot hold: the file may be damaged; save it again as CSV UTF-8, or type the value again';
  if (LONE_SURROGATE.test(text))
    return 'contains a broken character (half of a UTF-16 surrogate pair), which text cannot hold; type the value again';
  return undefined;
}
