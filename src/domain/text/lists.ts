// A list in words, as the reports and messages write it: 'a, b and c', 'a, b or c'.

const list = (xs: readonly string[], last: string): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${last} ${xs.at(-1)}`);

/** 'a, b or c' */
export const listOr = (xs: readonly string[]): string => list(xs, 'or');

/** 'a, b and c' */
export const listAnd = (xs: readonly string[]): string => list(xs, 'and');
