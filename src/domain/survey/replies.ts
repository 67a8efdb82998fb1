// What a text reply means: an opt-out, SKIP, or an answer to the question asked. Replies are read
// without case, surrounding spaces or punctuation ("Agree!", " 2. ", "STRONGLY disagree").
import type { ScriptQuestion } from './questionnaire.ts';

/** Any of these alone opts the person out. The first three also do at the start of a longer
 * reply ("STOP texting me"): continuing to text someone who asked us to stop is the worse mistake. */
export const OPT_OUT_WORDS: readonly string[] = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit'];
const OPT_OUT_LEADING = new Set(['stop', 'stopall', 'unsubscribe']);

export const SKIP_WORDS: readonly string[] = ['skip'];

/** Other words for scale points, by the point's label in lower case. */
export const SCALE_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  'strongly agree': ['agree strongly', 'totally agree', 'completely agree'],
  undecided: ['not sure', 'unsure', 'neither', 'neutral', 'dont know', 'do not know', 'no opinion'],
  'strongly disagree': ['disagree strongly', 'totally disagree', 'completely disagree'],
};

/** Lower case, apostrophes dropped ("don't" is "dont"), other punctuation as spaces, except `+`
 * ("50+"). */
export const replyKey = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/[^\p{L}\p{N}+]+/gu, ' ')
    .trim();

export function isOptOut(text: string): boolean {
  const words = replyKey(text).split(' ');
  return (words.length === 1 && OPT_OUT_WORDS.includes(words[0]!)) || OPT_OUT_LEADING.has(words[0]!);
}

export const isSkip = (text: string): boolean => SKIP_WORDS.includes(replyKey(text));

export type Reading = { kind: 'value'; value: string } | { kind: 'skip' } | { kind: 'invalid' };

const valueOf = (value: string): Reading => ({ kind: 'value', value });
const INVALID: Reading = { kind: 'invalid' };

/** A point of the scale, as its number "1".."5": a number, the label, a synonym, or both ("2 agree"). */
function readScale(scale: readonly string[], key: string): Reading {
  const byWords = new Map<string, number>();
  scale.forEach((label, i) => {
    for (const w of [label.toLowerCase(), ...(SCALE_SYNONYMS[label.toLowerCase()] ?? [])]) byWords.set(replyKey(w), i + 1);
  });
  const numbered = /^(\d+)(?: (.*))?$/.exec(key);
  if (numbered) {
    const point = Number(numbered[1]);
    if (point < 1 || point > scale.length) return INVALID;
    if (numbered[2] !== undefined && byWords.get(numbered[2]) !== point) return INVALID;
    return valueOf(String(point));
  }
  const point = byWords.get(key);
  return point ? valueOf(String(point)) : INVALID;
}

/** Options compare without spaces or hyphens, so "18-20" is "18 - 20". */
const optionKey = (s: string): string => replyKey(s).replace(/ /g, '');

/** An option by number, by its words, or by one part of an option written "A / B" when only one
 * option has that part ("black" for "Black / African / Caribbean / Black British"). */
function readChoice(options: readonly string[], decline: readonly string[], key: string): Reading {
  if (/^\d+$/.test(key)) {
    const n = Number(key);
    return n >= 1 && n <= options.length ? valueOf(options[n - 1]!) : INVALID;
  }
  if (decline.some((d) => replyKey(d) === key)) return valueOf('no');
  const wanted = optionKey(key);
  const whole = options.find((o) => optionKey(o) === wanted);
  if (whole) return valueOf(whole);
  const byPart = options.filter((o) => o.split('/').some((part) => optionKey(part) === wanted));
  return byPart.length === 1 ? valueOf(byPart[0]!) : INVALID;
}

/** What a reply (not an opt-out) answers to the question. */
export function readReply(question: ScriptQuestion, scale: readonly string[], text: string): Reading {
  if (isSkip(text)) return { kind: 'skip' };
  const key = replyKey(text);
  switch (question.kind) {
    case 'text':
      return text.trim() ? valueOf(text.trim()) : INVALID;
    case 'scale':
      return readScale(scale, key);
    case 'choice':
      return readChoice(question.options, question.decline, key);
  }
}
