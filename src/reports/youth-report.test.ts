// The inspection report of a youth justice service: the framework's treatments decide what is
// rated, rated separately (resettlement, outside the score), or not rated without relevant cases,
// and the regime's words ("children", "youth justice service") are the report's. Figures from the
// hand-worked fixtures in test/fixtures/assessments (22 of 36, Good).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rateInspection } from '../domain/rating/engine.ts';
import { parseAssessmentFile } from '../interchange/assessment-file.ts';
import type { InspectionSummary } from '../presenters/inspection-page.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { buildPduReport } from './pdu-report.ts';
import { partnersFor } from '../domain/joint-inspection/partners.ts';
import { reportPage } from './report-html.ts';
import { taggedReportPdf } from './tagged-pdf/report-tagged-pdf.ts';

const framework = bundledFramework('hmip-youth@2021');
const inspection: InspectionSummary = {
  id: 9,
  title: 'An inspection of youth justice services in Leeds',
  organisationName: 'Leeds',
  regionName: null,
  fieldworkStart: '2026-11-02',
  fieldworkEnd: '2026-11-06',
  frameworkId: 'hmip-youth',
  frameworkVersion: '2021',
  isDemo: true,
  status: 'in-progress',
};

function report(fixture: string, partners: ReturnType<typeof partnersFor> = []) {
  const text = readFileSync(new URL(`../../test/fixtures/assessments/${fixture}`, import.meta.url), 'utf8');
  const read = parseAssessmentFile(framework, text, 'csv', { strict: true });
  if (!read.ok) throw new Error('fixture does not read');
  const ratings = rateInspection(framework, read.assessment);
  return buildPduReport({ inspection, framework, ratings, assessment: read.assessment, text: { recommendations: [{ addressedTo: 'pdu', text: 'Plan for the safety of every child.' }] }, partners });
}

describe('a youth justice service’s report', () => {
  const withResettlement = report('youth-2021-with-resettlement.csv');

  it('is titled, labelled and worded in the regime’s words', () => {
    expect(withResettlement.title).toBe('An inspection of youth justice services in Leeds');
    expect(withResettlement.facts[0]).toEqual({ label: 'Youth justice service', value: 'Leeds' });
    expect(withResettlement.facts.some((f) => f.label === 'Region')).toBe(false);
    expect(withResettlement.sections.map((s) => s.title)).toContain('The views of children');
    // No diversity judgement or prompts in the youth file: no diversity section; no unrated or national-only standard.
    expect(withResettlement.sections.map((s) => s.id)).toEqual(['foreword', 'ratings', 'overall-findings', 'standards', 'chart', 'people-on-probation', 'recommendations', 'annexe']);
    expect(withResettlement.recommendations[0]).toEqual({ level: 'pdu', heading: 'The youth justice service should', items: ['Plan for the safety of every child.'] });
    expect(withResettlement.words).toEqual({ organisation: 'youth justice service', people: 'children' });
  });

  it('rates the 12 counted standards out of 36 and shows resettlement separately, outside the score', () => {
    expect(withResettlement.ratings.rows.map((r) => r.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4']);
    expect(withResettlement.ratings.overall).toMatchObject({ score: 22, maxScore: 36, rating: 'Good' });
    expect(withResettlement.ratings.separate).toEqual([expect.objectContaining({ id: '4.1', rating: 'Outstanding', why: expect.stringMatching(/^Rated, and not counted in the overall score\./) })]);
    expect(withResettlement.standards.find((s) => s.id === '4.1')).toMatchObject({ rating: 'Outstanding', separately: true });
    expect(withResettlement.outcomes).toBeNull();
    expect(withResettlement.victimWork).toBeNull();
  });

  it('says resettlement is not rated when the lead found no relevant custody case', () => {
    const without = report('youth-2021-no-resettlement.csv');
    expect(without.ratings.overall).toMatchObject({ score: 22, maxScore: 36 });
    expect(without.ratings.separate).toEqual([expect.objectContaining({ id: '4.1', rating: 'Not rated', why: expect.stringContaining('custody case') })]);
    expect(without.standards.find((s) => s.id === '4.1')).toMatchObject({ rating: null, notRated: true });
  });

  it('says in its facts and methodology, on the page and in the PDF, with whom a joint inspection was made; an inspection alone says nothing of it', async () => {
    const partners = partnersFor(framework.regime.jointInspection, 'Wales').slice(0, 2);
    const joint = report('youth-2021-with-resettlement.csv', partners);
    const sentence = 'This was a joint inspection with HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) and Healthcare Inspectorate Wales (HIW).';
    expect(joint.jointInspection).toBe(sentence);
    expect(reportPage({ ...inspection, organisationId: 1 }, joint).factRows).toContainEqual({ key: { text: 'Joint inspection' }, value: { text: sentence } });
    expect(joint.annexe.sampleRule.at(-1)).toBe(sentence);
    expect(withResettlement.jointInspection).toBeNull();
    expect(withResettlement.facts.map((f) => f.label)).not.toContain('Joint inspection');
    // The PDF's text is compressed: its structure shows one more table row (the fact) and paragraph (the methodology's sentence).
    const count = (pdf: Buffer, tag: string) => pdf.toString('latin1').split(`/S /${tag}\n`).length - 1;
    const [withPartners, alone] = [await taggedReportPdf(joint), await taggedReportPdf(withResettlement)];
    expect(count(withPartners, 'TR')).toBe(count(alone, 'TR') + 1);
    expect(count(withPartners, 'P')).toBe(count(alone, 'P') + 1);
  });

  it('gives the page its section headings and the separate table, and the PDF, in the regime’s words', async () => {
    const view = reportPage({ ...inspection, organisationId: 1 }, withResettlement);
    expect(view.headings['people-on-probation']).toBe('The views of children');
    expect(view.headings.diversity).toBeUndefined();
    expect(withResettlement.judgementSections).toEqual([]);
    expect(view.separateRows[0]![0]).toEqual({ html: '<a class="govuk-link" href="#standard-4.1">4.1 Resettlement policy and provision</a>' });
    const pdf = (await taggedReportPdf(withResettlement)).toString('latin1');
    expect(pdf).toContain('<rdf:li xml:lang="x-default">An inspection of youth justice services in Leeds</rdf:li>');
    expect(pdf).toContain('/T (The views of children)');
    expect(pdf).toContain('/T (4.1 Resettlement policy and provision)');
  });
});
