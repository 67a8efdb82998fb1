// The report model: every section present, recommendations grouped by level, diversity-prompt
// figures computed from the cases, outcomes and victim work given without a rating.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAssessment } from '../demo/generate-assessment.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import type { InspectionSummary } from '../presenters/inspection-page.ts';
import { buildPduReport, diversityPromptResults, type PduReportInput } from './pdu-report.ts';
import { printable } from './pdf-document.ts';
import { taggedReportPdf } from './tagged-pdf/report-tagged-pdf.ts';

const framework = bundledFramework();
const inspection: InspectionSummary = {
  id: 7,
  title: 'Sheffield PDU inspection',
  organisationName: 'Sheffield',
  regionName: 'Yorkshire and the Humber',
  fieldworkStart: '2026-09-07',
  fieldworkEnd: '2026-09-11',
  frameworkId: 'hmip-adult-pdu',
  frameworkVersion: '2021',
  isDemo: false,
  status: 'in-progress',
};

function input(overrides: Partial<PduReportInput> = {}): PduReportInput {
  const assessment = generateAssessment(framework, { seed: 3, cases: 40, windowStart: '2026-03-02' });
  assessment.judgements['1.1'] = { rating: 'Outstanding', rationale: 'Strong, visible leadership.' };
  assessment.judgements.diversity = { rating: 'Inadequate', rationale: 'Diversity information is not used.' };
  return {
    inspection,
    framework,
    assessment,
    ratings: rateInspection(framework, assessment),
    text: {
      foreword: 'First paragraph.\n\nSecond paragraph.',
      overallFindings: 'Findings.',
      recommendations: [
        { addressedTo: 'national', text: 'Fund more victim liaison officers.' },
        { addressedTo: 'pdu', text: 'Improve risk planning.' },
        { addressedTo: 'region', text: 'Share training.' },
        { addressedTo: 'pdu', text: 'Use diversity data.' },
      ],
    },
    ...overrides,
  };
}

describe('the PDU report model', () => {
  const report = buildPduReport(input());

  it('has every section, in order, and the title page facts', () => {
    expect(report.sections.map((s) => s.id)).toEqual(['foreword', 'ratings', 'overall-findings', 'standards', 'chart', 'diversity', 'people-on-probation', 'outcomes', 'victim-work', 'recommendations', 'annexe']);
    expect(report.title).toBe('An inspection of probation services in Sheffield');
    expect(report.facts).toContainEqual({ label: 'Fieldwork', value: '2026-09-07 to 2026-09-11' });
    expect(report.facts).toContainEqual({ label: 'Framework', value: `${framework.definition.title}, version 2021` });
    expect(report.foreword).toBe('First paragraph.\n\nSecond paragraph.');
  });

  it('rates every rated standard, and shows the limiting rule that applied', () => {
    expect(report.ratings.rows.map((r) => r.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5']);
    const leadership = report.ratings.rows.find((r) => r.id === '1.1')!;
    expect(leadership).toMatchObject({ rating: 'Good', limitedFrom: 'Outstanding' });
    expect(report.ratings.limits).toEqual([expect.objectContaining({ standardId: '1.1', from: 'Outstanding', to: 'Good' })]);
    const planning = report.standards.find((s) => s.id === '2.3')!;
    expect(planning.keyQuestions.map((k) => k.count)).toEqual(planning.keyQuestions.map((k) => `${k.sufficient} of ${k.applicable}`));
    expect(planning.explanation).not.toBe('');
    expect(report.chart?.svg).toContain('<svg');
    expect(report.chart?.rows.length).toBeGreaterThan(10);
  });

  it('groups recommendations by PDU, region and national, keeping their order', () => {
    expect(report.recommendations).toEqual([
      { level: 'pdu', heading: 'The PDU should', items: ['Improve risk planning.', 'Use diversity data.'] },
      { level: 'region', heading: 'The region should', items: ['Share training.'] },
      { level: 'national', heading: 'HM Prison and Probation Service nationally should', items: ['Fund more victim liaison officers.'] },
    ]);
  });

  it('computes the diversity prompts\' share of yes answers across the cases', () => {
    expect(report.judgementSections).toEqual([expect.objectContaining({ id: 'diversity', name: 'Diversity', rating: 'Inadequate', rationale: 'Diversity information is not used.' })]);
    const prompts = report.judgementSections[0]!.prompts;
    expect(prompts.length).toBeGreaterThan(3);
    const ids = framework.caseStandards.flatMap((s) => s.keyQuestions.flatMap((k) => k.prompts.filter((p) => p.diversity).map((p) => p.id)));
    expect(prompts.map((p) => p.id)).toEqual(ids);
    const { cases } = input().assessment;
    const first = prompts[0]!;
    const answered = cases.filter((c) => c.answers[first.id] === 'yes' || c.answers[first.id] === 'no');
    expect(first.answered).toBe(answered.length);
    expect(first.yes).toBe(answered.filter((c) => c.answers[first.id] === 'yes').length);
    expect(first.percentage).toBe(Math.round((100 * first.yes) / first.answered));
  });

  it('gives diversity figures from answers alone: 3 yes of 4 answered is 75%', () => {
    const id = framework.caseStandards.flatMap((s) => s.keyQuestions.flatMap((k) => k.prompts)).find((p) => p.diversity)!.id;
    const mk = (a: 'yes' | 'no' | 'na' | undefined, ref: string) => ({ caseRef: ref, attributes: {}, answers: a ? { [id]: a } : {}, outcomes: {}, evidence: {} });
    const rows = diversityPromptResults(framework, { frameworkKey: framework.key, judgements: {}, cases: [mk('yes', 'a'), mk('yes', 'b'), mk('no', 'c'), mk('yes', 'd'), mk('na', 'e'), mk(undefined, 'f')] });
    expect(rows.find((r) => r.id === id)).toMatchObject({ yes: 3, answered: 4, percentage: 75 });
  });

  it('reports outcomes and statutory victim work with figures but no rating, and says why', () => {
    expect(report.outcomes?.id).toBe('2.6');
    expect(report.outcomes?.why).toContain('4.14');
    expect(report.outcomes?.questions.every((q) => q.band === null)).toBe(true);
    expect(report.victimWork?.id).toBe('2.7');
    expect(report.victimWork?.why).toMatch(/^Not rated at PDU level\./);
    expect(report.victimWork?.keyQuestions.length).toBeGreaterThan(0);
    expect(report.victimWork?.keyQuestions.every((k) => k.band === null && k.count.includes(' of '))).toBe(true);
    expect(report.ratings.rows.some((r) => r.id === '2.6' || r.id === '2.7')).toBe(false);
  });

  it('says plainly when no survey results are recorded, and reports them when they are', () => {
    expect(report.peopleOnProbation).toEqual({ recorded: false, statement: 'No survey results are recorded for this inspection.', statements: [], notes: [] });
    const statement = framework.definition.questionnaire!.statements[0]!;
    const withSurvey = buildPduReport(input({ survey: { responseRate: 31, respondents: 62, invited: 200, statements: [{ id: statement.id, agreeShare: 84, responses: 60 }] } }));
    expect(withSurvey.peopleOnProbation).toMatchObject({ recorded: true, responseRate: 31, statements: [{ id: statement.id, text: statement.text, agreeShare: 84 }] });
    expect(withSurvey.peopleOnProbation.statement).toBe('31% of the people on probation invited responded to the survey (62 of 200).');
  });

  it('carries the methodology from the framework file into the annexe', () => {
    expect(report.annexe.bands.map((b) => b.range)).toEqual(['0-49%', '50-64%', '65-79%', '80% and over']);
    expect(report.annexe.rounding).toBe(framework.definition.rules.percentages.note);
    expect(report.annexe.limitingRules).toEqual([expect.objectContaining({ id: 'diversity-hurdle', source: '4.5' })]);
    expect(report.annexe.keyQuestions.length).toBeGreaterThan(report.chart!.rows.length);
  });

  it('has no written text yet when none is given', () => {
    const empty = buildPduReport(input({ text: { recommendations: [] } }));
    expect(empty.foreword).toBeNull();
    expect(empty.recommendations.every((g) => g.items.length === 0)).toBe(true);
  });
});

describe('the report as a tagged PDF', () => {
  it('has its structure: a section per standard, header cells with their scope, figures with a text alternative', async () => {
    const pdf = (await taggedReportPdf(buildPduReport(input()))).toString('latin1');
    expect(pdf.startsWith('%PDF-1.7')).toBe(true);
    expect(pdf).toContain('/Marked true');
    expect(pdf).toContain('/Lang (en-GB)');
    expect(pdf).toContain('<rdf:li xml:lang="x-default">An inspection of probation services in Sheffield</rdf:li>');
    for (const standard of ['2.1 Court work', '2.3 Planning', '2.5 Reviewing']) expect(pdf).toContain(`/S /Sect\n/T (${standard})`);
    expect(pdf).toMatch(/\/S \/TH\n\/A <<\n\/O \/Table\n\/Scope \/Column/);
    expect(pdf).toMatch(/\/S \/TH\n\/A <<\n\/O \/Table\n\/Scope \/Row/);
    expect(pdf).toMatch(/\/S \/Figure\n\/Alt \(2\.3 key questions: percentage of cases judged sufficient, against the rating bands\. 2\.3\.1: \d+%/);
    expect(printable('a → b – c')).toBe('a to b - c');
  });

  it('marks an embargoed copy on its cover and on every page after it, and never the published report', async (t) => {
    if (spawnSync('pdftotext', ['-v']).error) return t.skip();
    const dir = mkdtempSync(join(tmpdir(), 'report-embargo-'));
    const pages = async (options: Parameters<typeof taggedReportPdf>[1]) => {
      writeFileSync(join(dir, 'report.pdf'), await taggedReportPdf(buildPduReport(input()), options));
      return execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    };
    try {
      const embargoed = await pages({ embargoedUntil: '2026-12-19' });
      expect(embargoed[0]).toContain('Embargoed until 12:01am on 19 December 2026. Not to be published, quoted or shared before then.');
      for (const page of embargoed.slice(1)) expect(page).toContain('EMBARGOED UNTIL 12:01AM ON 19 DECEMBER 2026');
      expect((await pages({})).join('\n')).not.toMatch(/embargoed/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
