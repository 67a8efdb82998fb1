// 4.18: the text survey, built from the framework's questionnaire (Annexe 2): an introduction with
// how to opt out, one message per statement answered 1 to 5, the two free-text questions, the
// demographic questions with numbered options, the offer of a follow-up conversation (4.19) and a
// closing message. The script is plain data, so what was sent can be stored beside the answers.
import type { Framework } from '../framework/framework.ts';
import { fitsOneSms } from './sms.ts';
import { DEFAULT_WORDING, type SurveyWording } from './wording.ts';

export type QuestionSection = 'statement' | 'free-text' | 'demographic' | 'follow-up';

interface QuestionBase {
  /** The framework's id (s1, good, gender); `follow_up` for the offer. */
  id: string;
  section: QuestionSection;
  /** The question as printed in the framework (for the follow-up offer, its message). */
  text: string;
  /** Messages sent just before this question (the note before the demographic questions). */
  before: string[];
  message: string;
  /** Sent once after a reply that cannot be read. */
  again: string;
}

export interface ScaleQuestion extends QuestionBase {
  kind: 'scale';
  /** Domain-one prompts it informs. */
  informs: string[];
}

export interface TextQuestion extends QuestionBase {
  kind: 'text';
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  options: string[];
  /** Replies meaning no (the follow-up offer), recorded as `no`; empty when there is no "no". */
  decline: string[];
}

export type ScriptQuestion = ScaleQuestion | TextQuestion | ChoiceQuestion;

export interface SurveyScript {
  frameworkKey: string;
  /** The scale, agreeing first: Strongly agree … Strongly disagree. A reply of 1 is the first. */
  scale: string[];
  opening: string[];
  questions: ScriptQuestion[];
  closing: string;
  /** The closing when the person asked for a follow-up conversation. */
  closingFollowUp: string;
}

export const FOLLOW_UP_ID = 'follow_up';

export interface ScriptOptions {
  /** The PDU or area, named in the introduction and closing when it fits. */
  area?: string;
  wording?: SurveyWording;
}

function fill(template: string, values: Record<string, string | number | undefined>): string | undefined {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') missing = true;
    return String(v ?? '');
  });
  return missing ? undefined : text;
}

/** The first variant that can be filled and fits one message; else the last that can be filled. */
function choose(variants: readonly string[], values: Record<string, string | number | undefined> = {}): string {
  const filled = variants.map((v) => fill(v, values)).filter((t): t is string => t !== undefined);
  const text = filled.find(fitsOneSms) ?? filled.at(-1);
  if (text === undefined) throw new Error(`no wording can be filled from: ${variants[0] ?? '(none)'}`);
  return text;
}

/** A statement ends with a full stop, so the reply instructions read as a new sentence. */
const sentence = (s: string): string => (/[.?!]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** "18 - 20" reads as "18-20" and "Asian / Asian British" as "Asian/Asian British" in a text. */
const compact = (option: string): string => option.replace(/\s*([-/])\s*/g, '$1');

/** "1 for Male, 2 for Female or 3 for Other"; without "for" when short. */
const numbered = (options: readonly string[], short = false): string => {
  const items = options.map((o, i) => `${i + 1} ${short ? '' : 'for '}${compact(o)}`);
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
};

/** The printed form's "Gender:" asked as "Gender?". */
const asQuestion = (text: string): string => text.trim().replace(/:$/, '?');

export function buildSurveyScript(framework: Framework, options: ScriptOptions = {}): SurveyScript {
  const questionnaire = framework.definition.questionnaire;
  if (!questionnaire) throw new Error(`framework ${framework.key} has no questionnaire`);
  const w = options.wording ?? DEFAULT_WORDING;
  const area = options.area?.trim() || undefined;
  const scale = questionnaire.scale;
  const points = scale.length;
  const scaleValues = { points, first: scale[0]!.toLowerCase(), last: scale[points - 1]!.toLowerCase() };
  const total = questionnaire.statements.length;

  const statements: ScaleQuestion[] = questionnaire.statements.map((s, i) => ({
    kind: 'scale',
    id: s.id,
    section: 'statement',
    text: s.text,
    before: [],
    informs: [...s.informs],
    message: choose(w.statement, { ...scaleValues, number: i + 1, total, statement: sentence(s.text) }),
    again: choose(w.statementAgain, { ...scaleValues, number: i + 1, total }),
  }));
  const freeText: TextQuestion[] = questionnaire.freeText.map((q) => {
    const message = choose(w.freeText, { question: q.text.trim() });
    return { kind: 'text', id: q.id, section: 'free-text', text: q.text, before: [], message, again: message };
  });
  const demographics: ChoiceQuestion[] = questionnaire.demographics.map((q, i) => ({
    kind: 'choice',
    id: q.id,
    section: 'demographic',
    text: q.text,
    before: i === 0 ? [choose(w.aboutYou)] : [],
    message: choose(w.choice, { question: asQuestion(q.text), options: numbered(q.options), shortOptions: numbered(q.options, true) }),
    options: [...q.options],
    decline: [],
    again: choose(w.choiceAgain, { count: q.options.length }),
  }));
  const followUpMessage = choose(w.followUp, { options: numbered(w.followUpOptions), shortOptions: numbered(w.followUpOptions, true) });
  const followUp: ChoiceQuestion = {
    kind: 'choice',
    id: FOLLOW_UP_ID,
    section: 'follow-up',
    text: followUpMessage,
    before: [],
    message: followUpMessage,
    options: [...w.followUpOptions],
    decline: [...w.followUpDecline],
    again: choose(w.followUpAgain, { count: w.followUpOptions.length }),
  };

  const questions: ScriptQuestion[] = [...statements, ...freeText, ...demographics, followUp];
  const ids = questions.map((q) => q.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) throw new Error(`questionnaire ids must be unique; ${twice.join(', ')} repeated`);
  const scaleText = `${scale.map((label, i) => `${i + 1} ${label}`).slice(0, -1).join(', ')} or ${points} ${scale[points - 1]}`;
  return {
    frameworkKey: framework.key,
    scale: [...scale],
    opening: [choose(w.intro, { area }), choose(w.howToAnswer, { scale: scaleText })],
    questions,
    closing: choose(w.closing, { area }),
    closingFollowUp: choose(w.closingFollowUp, { area }),
  };
}

/** Every message the script can send, in order, for checking lengths and reviewing wording. */
export const allMessages = (script: SurveyScript): string[] => [
  ...script.opening,
  ...script.questions.flatMap((q) => [...q.before, q.message, ...(q.again === q.message ? [] : [q.again])]),
  script.closing,
  script.closingFollowUp,
];
