// The survey's findings for the report (4.21): the response rate, how people answered each
// statement, the same by demographic group where groups are big enough to show safely, the free
// text grouped by theme, and the evidence each statement gives for the domain-one prompts it
// informs.
import type { Framework } from '../framework/framework.ts';
import { wilsonInterval } from '../rating/percentages.ts';
import type { ConversationState, RecordedAnswer } from './conversation.ts';
import type { ScaleQuestion, SurveyScript } from './questionnaire.ts';
import { DEFAULT_THEMES, matchedKeywords, type FreeTextTheme } from './themes.ts';

/** 10 respondents: fewer could let a person be recognised from their group's answers. */
export const MINIMUM_GROUP_SIZE = 10;

export interface SurveyResultsOptions {
  minimumGroupSize?: number;
  themes?: readonly FreeTextTheme[];
}

export interface Proportion {
  count: number;
  of: number;
  /** One decimal place; null when `of` is 0. */
  percent: number | null;
  /** 95% Wilson interval; null when `of` is 0. */
  interval: { low: number; high: number } | null;
}

export interface ResponseSummary {
  /** Everyone sent the survey. */
  contacted: number;
  /** Answered at least one question (opted out later or not). */
  responded: number;
  /** Reached the end (and may have opted out since). */
  completed: number;
  optedOut: number;
  optedOutWithoutAnswering: number;
  /** Neither answered nor opted out. */
  noAnswer: number;
  /** responded / contacted in percent (one decimal); everyone contacted counts, opted out or not. */
  responseRate: number | null;
}

export interface StatementResult {
  id: string;
  text: string;
  informs: string[];
  points: { point: number; label: string; count: number; percent: number | null }[];
  /** Answers on the scale; percentages are of these. */
  answered: number;
  skipped: number;
  invalid: number;
  /** Strongly agree or agree. */
  agree: Proportion;
}

export interface GroupResult {
  group: string;
  respondents: number;
  statements: { id: string; agree: Proportion }[];
}

export interface HiddenGroup {
  group: string;
  /** `small`: under the minimum. `protects-small-group`: big enough, but hidden so that a small
   * group cannot be worked out by subtracting the groups shown from the totals. */
  reason: 'small' | 'protects-small-group';
}

export interface GroupBreakdown {
  question: string;
  text: string;
  shown: GroupResult[];
  hidden: HiddenGroup[];
}

export interface ThemedAnswers {
  theme: string;
  label: string;
  statements: string[];
  answers: { text: string; keywords: string[] }[];
}

export interface FreeTextResult {
  question: string;
  text: string;
  answered: number;
  themes: ThemedAnswers[];
  /** Answers matching no theme. */
  other: string[];
}

export interface PromptEvidence {
  prompt: string;
  text: string;
  statements: { id: string; text: string; agree: Proportion }[];
}

export interface SurveyResults {
  response: ResponseSummary;
  statements: StatementResult[];
  groups: GroupBreakdown[];
  freeText: FreeTextResult[];
  evidence: PromptEvidence[];
  /** Follow-up conversations asked for (4.19), by means, and the number who said no. */
  followUp: { requested: { option: string; count: number }[]; declined: number };
  notes: string[];
}

const percentOf = (count: number, of: number): number | null => (of ? Math.round((1000 * count) / of) / 10 : null);
const proportion = (count: number, of: number): Proportion => ({ count, of, percent: percentOf(count, of), interval: wilsonInterval(count, of) });

const answerTo = (state: ConversationState, questionId: string): RecordedAnswer | undefined => state.answers.find((a) => a.questionId === questionId);
const valueOf = (state: ConversationState, questionId: string): string | null => {
  const a = answerTo(state, questionId);
  return a?.status === 'answered' ? a.value : null;
};
const hasAnswered = (s: ConversationState) => s.answers.some((a) => a.status === 'answered');

function responseSummary(script: SurveyScript, states: readonly ConversationState[]): ResponseSummary {
  const responded = states.filter(hasAnswered).length;
  const optedOut = states.filter((s) => s.status === 'opted-out');
  const optedOutWithoutAnswering = optedOut.filter((s) => !hasAnswered(s)).length;
  return {
    contacted: states.length,
    responded,
    completed: states.filter((s) => s.position >= script.questions.length).length,
    optedOut: optedOut.length,
    optedOutWithoutAnswering,
    noAnswer: states.length - responded - optedOutWithoutAnswering,
    responseRate: percentOf(responded, states.length),
  };
}

/** The first half of the scale, rounded down: Strongly agree and Agree of five points. */
const agreeing = (scale: readonly string[]) => (point: number) => point <= Math.floor(scale.length / 2);

function statementResult(script: SurveyScript, q: ScaleQuestion, states: readonly ConversationState[]): StatementResult {
  const answers = states.map((s) => answerTo(s, q.id)).filter((a): a is RecordedAnswer => a !== undefined);
  const points = answers.filter((a) => a.status === 'answered').map((a) => Number(a.value));
  const answered = points.length;
  const agree = agreeing(script.scale);
  return {
    id: q.id,
    text: q.text,
    informs: q.informs,
    points: script.scale.map((label, i) => {
      const count = points.filter((p) => p === i + 1).length;
      return { point: i + 1, label, count, percent: percentOf(count, answered) };
    }),
    answered,
    skipped: answers.filter((a) => a.status === 'skipped').length,
    invalid: answers.filter((a) => a.status === 'invalid').length,
    agree: proportion(points.filter(agree).length, answered),
  };
}

/**
 * Hides groups under the minimum; then, while something small is hidden, makes sure what is not
 * shown (hidden groups and people who did not say) totals at least the minimum, by also hiding the
 * smallest group shown. Otherwise a lone small group could be worked out by subtraction.
 */
export function suppressGroups(sizes: readonly { group: string; respondents: number }[], notStated: number, minimum: number): { shown: string[]; hidden: HiddenGroup[] } {
  const hidden: HiddenGroup[] = sizes.filter((g) => g.respondents < minimum).map((g) => ({ group: g.group, reason: 'small' }));
  const isHidden = (group: string) => hidden.some((h) => h.group === group);
  const sizeOf = (group: string) => sizes.find((g) => g.group === group)?.respondents ?? 0;
  for (;;) {
    const shown = sizes.filter((g) => !isHidden(g.group));
    const smallHidden = hidden.some((h) => sizeOf(h.group) > 0);
    const remainder = notStated + hidden.reduce((s, h) => s + sizeOf(h.group), 0);
    if (!smallHidden || remainder >= minimum || !shown.length) break;
    const smallest = shown.reduce((a, b) => (b.respondents < a.respondents ? b : a));
    hidden.push({ group: smallest.group, reason: 'protects-small-group' });
  }
  return { shown: sizes.filter((g) => !isHidden(g.group)).map((g) => g.group), hidden };
}

function groupBreakdowns(script: SurveyScript, states: readonly ConversationState[], minimum: number): GroupBreakdown[] {
  const respondents = states.filter(hasAnswered);
  const statements = script.questions.filter((q): q is ScaleQuestion => q.kind === 'scale');
  const agree = agreeing(script.scale);
  return script.questions.flatMap((q) => {
    if (q.kind !== 'choice' || q.section !== 'demographic') return [];
    const members = (group: string) => respondents.filter((s) => valueOf(s, q.id) === group);
    const sizes = q.options.map((group) => ({ group, respondents: members(group).length }));
    const notStated = respondents.filter((s) => valueOf(s, q.id) === null).length;
    const { shown, hidden } = suppressGroups(sizes, notStated, minimum);
    return [
      {
        question: q.id,
        text: q.text,
        shown: shown.map((group) => {
          const people = members(group);
          return {
            group,
            respondents: people.length,
            statements: statements.map((st) => {
              const points = people.map((s) => valueOf(s, st.id)).filter((v): v is string => v !== null).map(Number);
              return { id: st.id, agree: proportion(points.filter(agree).length, points.length) };
            }),
          };
        }),
        hidden,
      },
    ];
  });
}

function freeTextResults(script: SurveyScript, states: readonly ConversationState[], themes: readonly FreeTextTheme[]): FreeTextResult[] {
  return script.questions.flatMap((q) => {
    if (q.kind !== 'text') return [];
    const texts = states.map((s) => valueOf(s, q.id)).filter((v): v is string => v !== null);
    const themed = themes.map((t): ThemedAnswers => ({ theme: t.id, label: t.label, statements: [...t.statements], answers: [] }));
    const other: string[] = [];
    for (const text of texts) {
      let matched = false;
      themes.forEach((t, i) => {
        const keywords = matchedKeywords(text, t);
        if (!keywords.length) return;
        themed[i]!.answers.push({ text, keywords });
        matched = true;
      });
      if (!matched) other.push(text);
    }
    return [{ question: q.id, text: q.text, answered: texts.length, themes: themed, other }];
  });
}

function promptEvidence(framework: Framework, statements: readonly StatementResult[]): PromptEvidence[] {
  const informed = new Set(statements.flatMap((s) => s.informs));
  return framework.items
    .filter((item) => informed.has(item.id))
    .map((item) => ({
      prompt: item.id,
      text: item.prompt?.text ?? item.keyQuestion.text,
      statements: statements.filter((s) => s.informs.includes(item.id)).map((s) => ({ id: s.id, text: s.text, agree: s.agree })),
    }));
}

export function surveyResults(framework: Framework, script: SurveyScript, states: readonly ConversationState[], options: SurveyResultsOptions = {}): SurveyResults {
  const minimum = options.minimumGroupSize ?? MINIMUM_GROUP_SIZE;
  const wrong = states.find((s) => s.frameworkKey !== script.frameworkKey);
  if (wrong) throw new Error(`a conversation of ${wrong.frameworkKey} is not of this script (${script.frameworkKey})`);
  const statements = script.questions.filter((q): q is ScaleQuestion => q.kind === 'scale').map((q) => statementResult(script, q, states));
  const offer = script.questions.find((q) => q.section === 'follow-up');
  const offered = offer?.kind === 'choice' ? offer.options : [];
  const followUpValues = offer ? states.map((s) => valueOf(s, offer.id)) : [];
  return {
    response: responseSummary(script, states),
    statements,
    groups: groupBreakdowns(script, states, minimum),
    freeText: freeTextResults(script, states, options.themes ?? DEFAULT_THEMES),
    evidence: promptEvidence(framework, statements),
    followUp: {
      requested: offered.map((option) => ({ option, count: followUpValues.filter((v) => v === option).length })),
      declined: followUpValues.filter((v) => v === 'no').length,
    },
    notes: [
      `Results by group are shown only for groups of at least ${minimum} respondents. Where a smaller group is hidden, enough else is hidden that it cannot be worked out from the totals; people who did not say are never shown as a group.`,
      'Percentages are of the people who answered each statement on the scale; skipped and unreadable answers are counted separately.',
      'Free-text answers are grouped by keywords and can appear under more than one theme; read them before quoting, as they may name people.',
    ],
  };
}
