// The engine and the assessment file against every framework shipped in reference/frameworks, and
// against a framework of another shape that exists only as a file (test/fixtures/frameworks): no
// code knows any of them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anyFrameworkAssessment } from '../../../test/support/any-framework-assessment.ts';
import { parseAssessmentFile, writeAssessmentCsv, writeAssessmentJson } from '../../interchange/assessment-file.ts';
import { bundledFrameworkFiles } from '../../reference/frameworks.ts';
import { parseFramework } from '../framework/parse.ts';
import type { Framework } from '../framework/framework.ts';
import { rateInspection } from './engine.ts';

const otherShapePath = new URL('../../../test/fixtures/frameworks/other-shape-2030.yaml', import.meta.url);
const otherShape = parseFramework(readFileSync(otherShapePath, 'utf8'), 'other-shape-2030.yaml');
const frameworks: Framework[] = [...bundledFrameworkFiles().map((f) => f.framework), otherShape];

describe.each(frameworks.map((f) => [f.key, f] as const))('%s', (_key, framework) => {
  const assessment = anyFrameworkAssessment(framework, 7, 24);
  const ratings = rateInspection(framework, assessment);

  it('rates every standard of the file once, in the file\'s order', () => {
    expect(ratings.standards.map((s) => s.id)).toEqual(framework.standards.map((s) => s.id));
  });

  it('totals the counted standards only, out of their number times the top points, in the file\'s overall bands', () => {
    const points = Object.values(framework.definition.rules.points);
    const counted = ratings.standards.filter((s) => s.treatment === 'rated' && !s.notRated);
    expect(ratings.overall.maxScore).toBe(counted.length * Math.max(...points));
    expect(ratings.overall.score).toBe(counted.reduce((n, s) => n + (s.points ?? 0), 0));
    for (const s of ratings.standards.filter((x) => x.treatment !== 'rated')) expect(s.points).toBeNull();
    const band = framework.definition.rules.overallBands.bands.find((b) => ratings.overall.score >= b.minScore && ratings.overall.score <= b.maxScore);
    expect(ratings.overall.rating).toBe(ratings.overall.complete ? band!.rating : null);
  });

  it('gives each case-rated standard the band of its lowest key question', () => {
    const bands = framework.definition.rules.keyQuestionBands;
    for (const s of ratings.standards.filter((x) => x.assessedBy === 'case-assessment' && x.treatment === 'rated' && x.rating)) {
      const lowest = Math.min(...s.keyQuestions.filter((k) => k.band).map((k) => bands.findIndex((b) => b.rating === k.band!.rating)));
      expect(s.rating).toBe(bands[lowest]!.rating);
    }
  });

  it('reads back its own CSV and JSON files to the same ratings', () => {
    for (const [text, format] of [[writeAssessmentCsv(framework, assessment), 'csv'], [writeAssessmentJson(framework, assessment), 'json']] as const) {
      const read = parseAssessmentFile(framework, text, format, { strict: true });
      if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('\n'));
      expect(rateInspection(framework, read.assessment)).toEqual(ratings);
    }
  });

  it('refuses a case without the attributes the file requires, naming them', () => {
    const required = framework.definition.caseAttributes.filter((a) => a.required);
    if (!required.length) return;
    const text = `case_ref,item,value\nX-1,${framework.caseStandards[0]!.keyQuestions[0]!.id},yes\n`;
    const read = parseAssessmentFile(framework, text, 'csv');
    expect(read.ok).toBe(false);
    if (!read.ok) for (const a of required) expect(read.errors.some((e) => e.item === a.id && e.message.includes('is missing'))).toBe(true);
  });
});
