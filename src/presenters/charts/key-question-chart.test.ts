import { describe, expect, it } from 'vitest';
import { generateAssessment } from '../../demo/generate-assessment.ts';
import { rateInspection } from '../../domain/rating/engine.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import { keyQuestionChart } from './key-question-chart.ts';

const framework = bundledFramework();

describe('the key-question chart', () => {
  const ratings = rateInspection(framework, generateAssessment(framework, { seed: 5, cases: 40, windowStart: '2026-03-02' }));
  const chart = keyQuestionChart(framework, ratings.standards)!;

  it('is an SVG image named by its title and described by every figure it draws', () => {
    expect(chart.svg).toMatch(/^<svg[^>]* role="img"/);
    expect(chart.svg).toContain('aria-labelledby="kq-chart-title kq-chart-desc"');
    const rated = ratings.standards.filter((s) => s.treatment === 'rated').flatMap((s) => s.keyQuestions);
    for (const kq of rated) expect(chart.description).toContain(`${kq.id}: ${kq.percentage}%`);
    expect(chart.svg).toContain(`<desc id="kq-chart-desc">${chart.description}</desc>`);
  });

  it('carries no inline styles (the Content-Security-Policy forbids them) and no stray ARIA labels', () => {
    expect(chart.svg).not.toMatch(/<style|style="/);
    expect(chart.svg.match(/aria-label=/g)).toBeNull();
  });

  it('draws a band for each rating and a dashed edge between bands', () => {
    for (const b of framework.definition.rules.keyQuestionBands) expect(chart.svg).toContain(`>${b.rating}<`);
    expect(chart.svg.match(/stroke-dasharray="4,3"/g)).toHaveLength(1); // one group of three rules
  });

  it('is left out when no key question has cases', () => {
    expect(keyQuestionChart(framework, rateInspection(framework, { frameworkKey: framework.key, cases: [], judgements: {} }).standards)).toBeUndefined();
  });
});
