// Generated (not real) text replies to the people-on-probation survey, for the demonstration
// inspections: who replies, how far each person goes, and what they text to each question of the
// survey's own script. Seeded, so the same seed always gives the same replies. The shares are
// plausible, not sourced. Mostly numbers, as people answer texts; now and then the words of the
// scale, SKIP, a reply the survey cannot read (it asks again), someone who stops replying or texts
// STOP. Free-text answers begin with GENERATED_REPLY_LABEL.
import type { ScriptQuestion, SurveyScript } from '../domain/survey/questionnaire.ts';
import { seededRandom } from '../domain/sampling/seeded-random.ts';
import { pick as pickWeighted } from './generate-assessment.ts';

export const GENERATED_REPLY_LABEL = '[Generated reply]';

export interface SurveyReplyOptions {
  seed: number;
  people: number;
  /** Share of people who reply at all. */
  responseRate?: number;
  /** Shifts every statement's chance of agreement (a PDU people rate higher or lower). */
  qualityShift?: number;
}

// Chance of agreeing (strongly or not) with each statement of the 2021 questionnaire: access to
// services in good time and views being sought weaker, safety and privacy stronger.
const AGREEMENT: Record<string, number> = { s1: 0.72, s2: 0.64, s3: 0.62, s4: 0.64, s5: 0.78, s6: 0.72, s7: 0.76, s8: 0.82, s9: 0.86, s10: 0.36, s11: 0.8 };

// Option weights of the demographic questions, in the questionnaire's order of options.
const OPTION_WEIGHTS: Record<string, number[]> = { gender: [85, 14, 1], age: [5, 11, 15, 33, 21, 15], ethnicity: [78, 8, 7, 5, 2], status: [35, 55, 10] };

const COMMENTS: Record<string, string[]> = {
  good: [
    'My probation officer listens to me and is supportive.',
    'They helped me find somewhere to live when I came out.',
    'Appointments fit around my job.',
    'I was referred to a course that helped with my drinking.',
    'Staff are friendly and I feel safe going in.',
    'I got help with training and applying for jobs.',
  ],
  better: [
    'I had to wait a long time for a referral.',
    'It is hard to get through on the phone.',
    'The bus fare to the office is expensive and it is far.',
    'I have had three different officers this year.',
    'The rooms are not private, people can overhear.',
    'Nothing really, it has been fine.',
  ],
};

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** The texts one person sends in reply to one question (two when the first cannot be read). */
function replyTo(random: () => number, script: SurveyScript, q: ScriptQuestion, shift: number): string[] {
  switch (q.kind) {
    case 'scale': {
      if (random() < 0.04) return ['SKIP'];
      const agree = random() < Math.min(0.97, Math.max(0.03, (AGREEMENT[q.id] ?? 0.7) + shift));
      const point = agree ? (random() < 0.45 ? 1 : 2) : [3, 4, 4, 5][Math.floor(random() * 4)]!;
      const form = random();
      if (form < 0.03) return [pick(random, ['Maybe', 'what?', 'ok']), String(point)];
      return [form < 0.13 ? script.scale[point - 1]! : String(point)];
    }
    case 'text':
      return random() < 0.35 ? ['SKIP'] : [`${GENERATED_REPLY_LABEL} ${pick(random, COMMENTS[q.id] ?? COMMENTS.good!)}`];
    case 'choice':
      if (q.section === 'follow-up') return [pick(random, ['No', 'no thanks', 'NO'])];
      if (random() < 0.08) return ['SKIP'];
      return [String(pickWeighted(random, q.options.map((_, i): [number, number] => [i + 1, OPTION_WEIGHTS[q.id]?.[i] ?? 1])))];
  }
}

/** Each person's replies in the order they send them; empty for those who never reply. */
export function generateSurveyReplies(script: SurveyScript, options: SurveyReplyOptions): string[][] {
  const random = seededRandom(options.seed);
  const shift = options.qualityShift ?? 0;
  const questions = script.questions;
  return Array.from({ length: options.people }, () => {
    if (random() >= (options.responseRate ?? 0.42)) return [];
    // Most answer everything; some stop replying part way, a few text STOP.
    const how = random();
    const upTo = how < 0.8 ? questions.length : 1 + Math.floor(random() * (questions.length - 1));
    const replies = questions.slice(0, upTo).flatMap((q) => replyTo(random, script, q, shift));
    return how >= 0.95 ? [...replies, 'STOP'] : replies;
  });
}
