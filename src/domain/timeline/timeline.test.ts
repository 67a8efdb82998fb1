import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidays } from '../../reference/bank-holidays.ts';
import { addDays, daysBetween } from '../sampling/dates.ts';
import { MILESTONES, PDU_TIMELINE_DEFAULTS } from './defaults.ts';
import { defaultTimeline, milestoneState, outOfOrder, progressFacts, timelineStates, withMoves, type InspectionProgress } from './timeline.ts';
import { isWorkingDay, workingDaysBetween } from './working-days.ts';

const holidays = bankHolidays();
const fieldwork = fc.record({ start: fc.integer({ min: 0, max: 365 * 11 }), length: fc.integer({ min: 0, max: 30 }) }).map(({ start, length }) => {
  const s = addDays('2020-06-01', start);
  return { fieldworkStart: s, fieldworkEnd: addDays(s, length) };
});
const dateOf = (t: ReturnType<typeof defaultTimeline>, key: string) => t.find((m) => m.key === key)!.date;

describe('the default timeline', () => {
  it('works out a fieldwork week in October 2026 as the inspectorate plans it', () => {
    const t = defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays });
    expect(Object.fromEntries(t.map((m) => [m.key, m.date]))).toEqual({
      notice: '2026-08-10',
      'caseload-due': '2026-08-24',
      'sample-confirmed': '2026-09-07',
      'survey-open': '2026-09-14',
      'fieldwork-start': '2026-10-05',
      'fieldwork-end': '2026-10-09',
      'survey-closed': '2026-10-09',
      'case-assessment-complete': '2026-10-16',
      'qa-complete': '2026-10-23',
      'sign-off': '2026-10-30',
      'draft-to-service': '2026-11-06',
      'factual-accuracy-due': '2026-11-20',
      'embargoed-copy': '2026-12-11',
      publication: '2026-12-18',
      'action-plan-due': '2027-02-12',
    });
  });

  it('lists every milestone once, in the order of the defaults', () => {
    const t = defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays });
    expect(t.map((m) => m.key)).toEqual([...MILESTONES]);
    expect(t.every((m) => m.name === PDU_TIMELINE_DEFAULTS[m.key].name.replace('{people}', 'people on probation') && !m.moved)).toBe(true);
  });

  it('names whom the survey asks in the framework’s words (regime.people), people on probation unless given', () => {
    const survey = (people?: string) => defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays, ...(people ? { people } : {}) }).find((m) => m.key === 'survey-open')!.name;
    expect(survey()).toBe('Survey of people on probation opens');
    expect(survey('children')).toBe('Survey of children opens');
  });

  it('leaves the survey’s milestones out where the framework names no survey, the others on the same dates', () => {
    const withSurvey = defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays });
    const without = defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays, survey: false });
    expect(without.map((m) => m.key)).toEqual(MILESTONES.filter((k) => k !== 'survey-open' && k !== 'survey-closed'));
    expect(without).toEqual(withSurvey.filter((m) => m.key !== 'survey-open' && m.key !== 'survey-closed'));
  });

  it('puts the milestones in order for any fieldwork dates', () => {
    fc.assert(
      fc.property(fieldwork, (f) => {
        const dates = defaultTimeline({ ...f, holidays }).map((m) => m.date);
        expect(dates).toEqual([...dates].sort());
      }),
    );
  });

  it('keeps every default it works out in working days on a working day, the sample window six months back untouched', () => {
    fc.assert(
      fc.property(fieldwork, (f) => {
        const t = defaultTimeline({ ...f, holidays });
        for (const m of t) if (!('given' in PDU_TIMELINE_DEFAULTS[m.key].rule) && m.key !== 'survey-closed') expect(isWorkingDay(m.date, holidays), m.key).toBe(true);
        // 10 working days for factual accuracy comments, whatever bank holidays fall in them.
        expect(workingDaysBetween(dateOf(t, 'draft-to-service'), dateOf(t, 'factual-accuracy-due'), holidays)).toBe(10);
        // Publication 8 to 12 weeks after fieldwork.
        const weeks = daysBetween(f.fieldworkEnd, dateOf(t, 'publication')) / 7;
        expect(weeks).toBeGreaterThanOrEqual(8);
        expect(weeks).toBeLessThanOrEqual(12);
        // Notice comes before the caseload is asked for, and both before fieldwork.
        expect(dateOf(t, 'notice') < dateOf(t, 'caseload-due')).toBe(true);
        expect(dateOf(t, 'survey-open') < f.fieldworkStart).toBe(true);
      }),
    );
  });

  it('refuses fieldwork that ends before it starts', () => {
    expect(() => defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-04', holidays })).toThrow(/before it starts/);
  });
});

describe('moved dates', () => {
  it('replaces a default with the date it was moved to, and says so', () => {
    const t = withMoves(defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays }), new Map([['publication', '2027-01-08']]));
    const p = t.find((m) => m.key === 'publication')!;
    expect(p).toMatchObject({ date: '2027-01-08', defaultDate: '2026-12-18', moved: true });
    expect(t.filter((m) => m.moved)).toHaveLength(1);
  });
  it('names what a move put out of order: publication moved before the embargoed copy and the comments', () => {
    const t = withMoves(defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays }), new Map([['publication', '2026-11-13']]));
    const out = outOfOrder(t);
    expect([...out.keys()]).toEqual(['publication']);
    expect(out.get('publication')!.key).toBe('embargoed-copy');
    expect(outOfOrder(defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays })).size).toBe(0);
  });
  it('is not moved when moved back to its default', () => {
    const t = withMoves(defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays }), new Map([['publication', '2026-12-18']]));
    expect(t.some((m) => m.moved)).toBe(false);
  });
});

describe('milestone states', () => {
  it('is done when it has happened, whatever the date', () => {
    expect(milestoneState('2030-01-01', true, '2026-01-01')).toBe('done');
  });
  it('is late when it has not happened and its date has passed, and not started until then', () => {
    expect(milestoneState('2026-01-01', false, '2026-01-02')).toBe('late');
    expect(milestoneState('2026-01-01', false, '2026-01-01')).toBe('not-started');
  });
  it('is not late when its date had already passed the day the inspection was created', () => {
    expect(milestoneState('2026-01-01', false, '2026-03-01', '2026-02-01')).toBe('not-started');
    expect(milestoneState('2026-02-10', false, '2026-03-01', '2026-02-01')).toBe('late');
  });

  const nothing: InspectionProgress = { caseloadUploaded: false, sampleConfirmed: false, survey: 'none', signedOff: false, report: null, recommendations: 0, recommendationsAnswered: 0, cases: 0, doneByHand: {} };

  it('reads the record: a caseload not sent and a sample not confirmed a week before fieldwork are late; so is a notice nobody recorded', () => {
    const t = timelineStates(defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays }), progressFacts(nothing), '2026-09-28');
    const state = Object.fromEntries(t.map((m) => [m.key, m.state]));
    expect(state).toMatchObject({ notice: 'late', 'caseload-due': 'late', 'sample-confirmed': 'late', 'survey-open': 'late', 'fieldwork-start': 'not-started', publication: 'not-started' });
    expect(t.find((m) => m.key === 'notice')!.byHand).toBe(true);
  });

  it('counts the notice and fieldwork done only once recorded, with the day recorded', () => {
    const t = timelineStates(defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays }), progressFacts({ ...nothing, doneByHand: { notice: '2026-08-07', 'fieldwork-end': '2026-10-09' } }), '2026-10-12', {
      doneOn: { notice: '2026-08-07', 'fieldwork-end': '2026-10-09' },
    });
    const byKey = Object.fromEntries(t.map((m) => [m.key, m]));
    expect(byKey.notice).toMatchObject({ state: 'done', doneOn: '2026-08-07' });
    // The end of fieldwork recorded means it began too.
    expect(byKey['fieldwork-start']!.state).toBe('done');
    expect(byKey['fieldwork-end']!.state).toBe('done');
  });

  it('finds nothing late on an inspection created today whose early dates have already passed', () => {
    const t = timelineStates(defaultTimeline({ fieldworkStart: '2026-10-05', fieldworkEnd: '2026-10-09', holidays }), progressFacts(nothing), '2026-09-28', { createdOn: '2026-09-28' });
    expect(t.filter((m) => m.state === 'late')).toEqual([]);
    expect(t.filter((m) => m.passedBeforeCreation).map((m) => m.key)).toEqual(['notice', 'caseload-due', 'sample-confirmed', 'survey-open']);
  });

  it('takes an inspection whose cases were imported whole as having its caseload and sample', () => {
    expect(progressFacts({ ...nothing, cases: 40 })).toMatchObject({ 'caseload-due': true, 'sample-confirmed': true, notice: false });
  });

  it('counts what has happened as done, even early', () => {
    const facts = progressFacts({ ...nothing, caseloadUploaded: true, sampleConfirmed: true, survey: 'closed', signedOff: true, report: 'embargoed', recommendations: 2, recommendationsAnswered: 1 });
    expect(facts).toMatchObject({ 'caseload-due': true, 'survey-open': true, 'survey-closed': true, 'sign-off': true, 'qa-complete': true, 'draft-to-service': true, 'factual-accuracy-due': true, 'embargoed-copy': true, publication: false, 'action-plan-due': false });
    expect(progressFacts({ ...nothing, report: 'published', recommendations: 2, recommendationsAnswered: 2 })['action-plan-due']).toBe(true);
    expect(progressFacts({ ...nothing, report: 'factual-accuracy' })).toMatchObject({ 'draft-to-service': true, 'factual-accuracy-due': false });
  });

  it('never calls a milestone late before its date, for any day and any record', () => {
    fc.assert(
      fc.property(fieldwork, fc.integer({ min: -200, max: 400 }), fc.boolean(), (f, offset, signedOff) => {
        const today = addDays(f.fieldworkStart, offset);
        for (const m of timelineStates(defaultTimeline({ ...f, holidays }), progressFacts({ ...nothing, signedOff }), today))
          if (m.state === 'late') expect(m.date < today).toBe(true);
      }),
    );
  });
});
