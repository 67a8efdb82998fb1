// The survey's results as the report's input (4.21): response rate with those contacted and those
// who responded, each statement's agree share and number answered, shares withheld where fewer
// than 10 answered; and how the report, its page rows and its PDF then show them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAssessment } from '../demo/generate-assessment.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import { MINIMUM_GROUP_SIZE, surveyResults } from '../domain/survey/results.ts';
import type { InspectionSummary } from '../presenters/inspection-page.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { buildPduReport } from './pdu-report.ts';
import { reportPage } from './report-html.ts';
import { taggedReportPdf } from './tagged-pdf/report-tagged-pdf.ts';
import { reportSurvey } from './report-survey.ts';
import { surveyPeople } from '../../test/support/survey-people.ts';
import { hasPoppler } from '../../test/support/tools.ts';

const framework = bundledFramework();
const { script, statementIds, person } = surveyPeople(framework);
/** Answers every statement with `point`, except the second, which `skipSecond` people skip. */
const answering = (point: string, skipSecond = false) => person(statementIds.map((_, i) => (i === 1 && skipSecond ? 'skip' : point)));

// 12 respond of 20: 9 strongly agree, 3 disagree; 6 of them skip the second statement (6 answer it).
const states = [
  ...Array.from({ length: 9 }, (_, i) => answering('1', i < 4)),
  ...Array.from({ length: 3 }, (_, i) => answering('4', i < 2)),
  ...Array.from({ length: 8 }, () => person([])),
];
const results = surveyResults(framework, script, states);

describe('the survey results for the report', () => {
  it('gives the response rate with those contacted and those who responded', () => {
    const survey = reportSurvey(results)!;
    expect(survey).toMatchObject({ responseRate: 60, respondents: 12, invited: 20, minimumAnswers: MINIMUM_GROUP_SIZE });
    expect(survey.statements.map((s) => s.id)).toEqual(statementIds);
  });

  it('gives each statement its agree share and number answered, withholding the share when fewer than 10 answered', () => {
    const [first, second] = reportSurvey(results)!.statements;
    expect(first).toEqual({ id: 's1', text: script.questions[0]!.text, agreeShare: 75, responses: 12 });
    expect(second).toEqual({ id: 's2', text: expect.any(String), agreeShare: null, responses: 6, suppressed: true });
  });

  it('withholds at exactly the minimum minus one, and not at the minimum', () => {
    const ten = surveyResults(framework, script, Array.from({ length: 10 }, () => answering('2')));
    const nine = surveyResults(framework, script, Array.from({ length: 9 }, () => answering('2')));
    expect(reportSurvey(ten)!.statements[0]).toMatchObject({ agreeShare: 100, responses: 10 });
    expect(reportSurvey(ten)!.statements[0]!.suppressed).toBeUndefined();
    expect(reportSurvey(nine)!.statements[0]).toMatchObject({ agreeShare: null, responses: 9, suppressed: true });
    expect(reportSurvey(ten, 11)!.statements[0]).toMatchObject({ agreeShare: null, suppressed: true });
  });

  it('has nothing to report when the survey has not run or reached no one', () => {
    expect(reportSurvey(null)).toBeUndefined();
    expect(reportSurvey(surveyResults(framework, script, []))).toBeUndefined();
  });
});

describe('the report with the survey', () => {
  const inspection: InspectionSummary = {
    id: 7,
    title: 'Leeds PDU inspection',
    organisationName: 'Leeds',
    regionName: 'Yorkshire and the Humber',
    fieldworkStart: '2026-09-07',
    fieldworkEnd: '2026-09-11',
    frameworkId: 'hmip-adult-pdu',
    frameworkVersion: '2021',
    isDemo: false,
    status: 'in-progress',
  };
  const assessment = generateAssessment(framework, { seed: 3, cases: 20, windowStart: '2026-03-02' });
  const build = (survey: ReturnType<typeof reportSurvey> | null = reportSurvey(results)) =>
    buildPduReport({ inspection, framework, assessment, ratings: rateInspection(framework, assessment), text: { recommendations: [] }, ...(survey ? { survey } : {}) });

  it('states the response, each share, and says where and why a share is withheld', () => {
    const pop = build().peopleOnProbation;
    expect(pop.recorded).toBe(true);
    expect(pop.statement).toBe('60% of the people on probation invited responded to the survey (12 of 20).');
    expect(pop.statements[0]).toMatchObject({ agreed: '75%', responses: 12 });
    expect(pop.statements[1]).toMatchObject({ agreed: 'Not shown: fewer than 10 answered', agreeShare: null, suppressed: true, responses: 6 });
    expect(pop.notes).toContain('Where fewer than 10 people answered a statement, the share who agreed is not shown, so that no one can be recognised from their answers.');
  });

  it('never shows a share the input marks as withheld, even if one is given', () => {
    const pop = build({ responseRate: 50, statements: [{ id: 's1', agreeShare: 80, responses: 4, suppressed: true }] }).peopleOnProbation;
    expect(pop.statements[0]).toMatchObject({ agreeShare: null, agreed: 'Not shown: fewer than 10 answered' });
  });

  it('puts the same figures in the page rows and the PDF', async () => {
    const report = build();
    const rows = reportPage({ ...inspection, organisationId: 1 }, report).surveyRows;
    expect(rows[0]!.map((c) => c.text)).toEqual([script.questions[0]!.text, '75%', '12']);
    expect(rows[1]!.map((c) => c.text)).toEqual([expect.any(String), 'Not shown: fewer than 10 answered', '6']);
    if (!hasPoppler) return console.warn('pdftotext is not installed: the PDF\'s survey figures are not read back');
    const dir = mkdtempSync(join(tmpdir(), 'report-survey-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), await taggedReportPdf(report));
      const pdf = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(pdf).toContain('60% of the people on probation invited responded to the survey (12 of 20).');
      expect(pdf).toContain('Not shown: fewer than 10 answered');
      expect(pdf).toContain('the share who agreed is not shown');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps saying no results are recorded without a survey', () => {
    expect(build(null).peopleOnProbation).toEqual({ recorded: false, statement: 'No survey results are recorded for this inspection.', statements: [], notes: [] });
  });
});
