/** The text with its first letter in capitals: a problem's words as the start of a sentence. */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
