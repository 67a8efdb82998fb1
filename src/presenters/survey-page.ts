// The survey pages' view models: the survey's state in words, the results (response rate, each
// statement, groups with suppression, free text by theme, domain-one evidence) as GOV.UK tables.
import type { RespondentCounts, SurveyRecord } from '../db/repositories/index.ts';
import type { Proportion, SurveyResults } from '../domain/survey/results.ts';
import { govukDateTime } from './govuk-dates.ts';

type Cell = { text: string; format?: 'numeric'; classes?: string; rowspan?: number } | { html: string; format?: 'numeric' };

const pct = (p: number | null) => (p === null ? '–' : `${p.toFixed(1)}%`);
const when = (d: Date | null) => (d ? govukDateTime(d) : '');

export const agreeText = (a: Proportion): string => (a.of ? `${pct(a.percent)} (${a.count} of ${a.of}; 95% interval ${a.interval!.low}% to ${a.interval!.high}%)` : 'No answers');

export function surveyStatusText(survey: SurveyRecord | undefined): string {
  if (!survey || !survey.contactsUploadedAt) return 'Not started: the contact list has not been uploaded';
  if (survey.status === 'draft') return 'Contact list uploaded; not sent yet';
  if (survey.status === 'open') return `Sent on ${when(survey.sentAt)}; replies are being recorded`;
  return `Closed on ${when(survey.closedAt)}; the numbers and names have been deleted`;
}

const EVENT_TEXT: Record<string, string> = {
  answered: 'Answers',
  skipped: 'Skipped questions',
  'asked-again': 'Replies not understood (asked again)',
  'recorded-invalid': 'Replies not understood twice (recorded as unreadable)',
  'opted-out': 'Opted out (STOP)',
  late: 'After the end of the survey',
  ignored: 'After opting out (ignored)',
};

export function replyRows(replies: Record<string, number>): Cell[][] {
  return Object.entries(replies)
    .filter(([event]) => event !== 'unmatched')
    .map(([event, n]) => [{ text: EVENT_TEXT[event] ?? event }, { text: String(n), format: 'numeric' }]);
}

export function countRows(counts: RespondentCounts, suppressed: number): { key: { text: string }; value: { text: string } }[] {
  return [
    { key: { text: 'People on the list' }, value: { text: `${counts.total}${suppressed ? ` (and ${suppressed} left out: they once asked us to stop texting them)` : ''}` } },
    { key: { text: 'Conversations in progress' }, value: { text: String(counts.inProgress) } },
    { key: { text: 'Finished' }, value: { text: String(counts.completed) } },
    { key: { text: 'Opted out' }, value: { text: String(counts.optedOut) } },
    { key: { text: 'Numbers still held' }, value: { text: String(counts.withNumber) } },
  ];
}

export function responseRows(results: SurveyResults): { key: { text: string }; value: { text: string } }[] {
  const r = results.response;
  return [
    { key: { text: 'Sent the survey' }, value: { text: String(r.contacted) } },
    { key: { text: 'Answered at least one question' }, value: { text: String(r.responded) } },
    { key: { text: 'Response rate' }, value: { text: pct(r.responseRate) } },
    { key: { text: 'Reached the end' }, value: { text: String(r.completed) } },
    { key: { text: 'Opted out' }, value: { text: `${r.optedOut} (${r.optedOutWithoutAnswering} without answering)` } },
    { key: { text: 'No answer' }, value: { text: String(r.noAnswer) } },
  ];
}

export function statementTable(results: SurveyResults): { head: Cell[]; rows: Cell[][] } {
  const scale = results.statements[0]?.points.map((p) => p.label) ?? [];
  return {
    head: [
      { text: 'Statement' },
      ...scale.map((label, i) => ({ text: `${i + 1} ${label}`, format: 'numeric' as const })),
      { text: 'Agree or strongly agree', format: 'numeric' },
      { text: '95% interval', format: 'numeric' },
      { text: 'Skipped or unreadable', format: 'numeric' },
    ],
    rows: results.statements.map((s, i) => [
      { text: `${i + 1}. ${s.text}` },
      ...s.points.map((p) => ({ text: `${p.count} (${pct(p.percent)})`, format: 'numeric' as const })),
      { text: s.agree.of ? `${pct(s.agree.percent)} (${s.agree.count} of ${s.agree.of})` : '–', format: 'numeric' },
      { text: s.agree.interval ? `${s.agree.interval.low}% to ${s.agree.interval.high}%` : '–', format: 'numeric' },
      { text: String(s.skipped + s.invalid), format: 'numeric' },
    ]),
  };
}

const HIDDEN_REASON = {
  small: 'fewer than 10 respondents',
  'protects-small-group': 'hidden as well, so that a smaller group cannot be worked out from the totals',
};

export function groupTables(results: SurveyResults): { caption: string; head: Cell[]; rows: Cell[][]; hidden: string[]; empty: boolean }[] {
  const texts = new Map(results.statements.map((s, i) => [s.id, `${i + 1}. ${s.text}`]));
  return results.groups.map((g) => ({
    caption: `Agree or strongly agree, by ${g.text.replace(/[:?]$/, '').toLowerCase()}`,
    head: [{ text: 'Statement' }, ...g.shown.map((s) => ({ text: `${s.group} (${s.respondents})`, format: 'numeric' as const }))],
    rows: results.statements.map((st) => [{ text: texts.get(st.id)! }, ...g.shown.map((s) => ({ text: pct(s.statements.find((x) => x.id === st.id)!.agree.percent), format: 'numeric' as const }))]),
    hidden: g.hidden.map((h) => `${h.group}: ${HIDDEN_REASON[h.reason]}`),
    empty: g.shown.length === 0,
  }));
}

export function evidenceRows(results: SurveyResults): Cell[][] {
  return results.evidence.flatMap((e) =>
    e.statements.map((s, i): Cell[] => [
      ...(i === 0 ? [{ text: `${e.prompt} ${e.text}`, rowspan: e.statements.length }] : []),
      { text: s.text },
      { text: agreeText(s.agree), format: 'numeric' as const },
    ]),
  );
}
