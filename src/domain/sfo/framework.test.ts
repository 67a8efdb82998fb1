import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { bundledFrameworkFiles } from '../../reference/frameworks.ts';
import { bundledSfoFramework, bundledSfoFrameworkFiles } from '../../reference/sfo-frameworks.ts';
import { isSfoFrameworkText, overallRatingFlags, parseSfoFramework, provenanceLabel, SfoFrameworkError } from './framework.ts';

const framework = bundledSfoFramework();
const fileText = readFileSync(bundledSfoFrameworkFiles()[0]!.path, 'utf8');
const rated = (ratings: string[]) => Object.fromEntries(ratings.map((r, i) => [String(i + 1), r]));
const problemsOf = (text: string): string[] => {
  try {
    parseSfoFramework(text, 'edited.yaml');
  } catch (e) {
    if (e instanceof SfoFrameworkError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
};
const edited = (change: (doc: Record<string, any>) => void): string => {
  const doc = parseYaml(fileText) as Record<string, any>;
  change(doc);
  return stringify(doc);
};

describe('the SFO review framework file', () => {
  it('holds the four published standards, the four-point scale and the 20 per cent sample', () => {
    expect(framework.key).toBe('hmip-sfo-review@2021');
    expect(framework.standards.map((s) => `${s.id} ${s.name.text}`)).toEqual(['1 Analysis of practice', '2 Overall judgements', '3 Learning', '4 Victims and their families']);
    expect(framework.ratings).toEqual(['Outstanding', 'Good', 'Requires improvement', 'Inadequate']);
    expect(framework.definition.sample.share).toBe(0.2);
    expect(framework.definition.overall.decidedBy).toBe('inspector-judgement');
  });

  it('marks every key question as to be confirmed, and every standard name as verbatim from a named source', () => {
    for (const s of framework.standards) {
      expect(s.name.provenance).toMatchObject({ kind: 'verbatim', source: 'sfo-consultation-2020' });
      for (const q of s.keyQuestions) expect(q.provenance.kind).toBe('to-be-confirmed');
    }
    expect(provenanceLabel(framework, framework.standards[0]!.name.provenance)).toMatch(/^verbatim from HM Inspectorate of Probation consultation/);
    expect(provenanceLabel(framework, framework.standards[3]!.keyQuestions[0]!.provenance)).toMatch(/^to be confirmed: written from the standard's name only/);
  });

  it('is read by the SFO loader only, never as a case-based framework', () => {
    expect(isSfoFrameworkText(fileText)).toBe(true);
    expect(bundledFrameworkFiles().map((f) => f.framework.key)).not.toContain('hmip-sfo-review@2021');
    expect(bundledFrameworkFiles().map((f) => f.framework.key)).toContain('hmip-adult-pdu@2021');
  });
});

describe('an edited framework file', () => {
  it('names every problem by its path: unknown sources and ratings, a question under the wrong standard, a twice-listed standard', () => {
    const problems = problemsOf(
      edited((doc) => {
        doc.standards[0].keyQuestions[0].provenance.source = 'nowhere';
        doc.standards[1].keyQuestions[0].id = '3.9';
        doc.standards[3].id = '1';
        doc.overall.consistencyRules[0].when[0].overallAtLeast = 'Excellent';
        doc.overall.consistencyRules[0].when[1].standards.count = 5;
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'standards[0].keyQuestions[0].provenance.source: "nowhere" is not one of the sources (sfo-consultation-2020, sfo-reviews-page, programme-consultation-2022)',
        'standards[1].keyQuestions[0].id: 3.9 does not belong to standard 2; number it 2.n',
        'standards[3].id: standard 1 is listed twice',
        'overall.consistencyRules[0].when[0].overallAtLeast: "Excellent" is not on the rating scale (Outstanding, Good, Requires improvement, Inadequate)',
        'overall.consistencyRules[0].when[1].standards.count: there are only 4 standards',
      ]),
    );
  });

  it('refuses a text without provenance, a verbatim text without a source, and a second overall rule', () => {
    const problems = problemsOf(
      edited((doc) => {
        delete doc.standards[0].name.provenance;
        doc.standards[1].name.provenance = { kind: 'verbatim' };
        doc.overall.decidedBy = 'average';
      }),
    );
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^standards\[0\]\.name\.provenance: /), expect.stringMatching(/^standards\[1\]\.name\.provenance\.source: /), expect.stringMatching(/^overall\.decidedBy: /)]));
  });

  it('says where YAML that cannot be read goes wrong', () => {
    expect(problemsOf('kind: sfo-review\nstandards: [\n')[0]).toMatch(/^line \d+: /);
  });
});

describe('the overall rating against the standards (the rules in the file)', () => {
  it('flags Good overall with two standards Inadequate, naming how many', () => {
    const flags = overallRatingFlags(framework, rated(['Good', 'Inadequate', 'Requires improvement', 'Inadequate']), 'Good');
    expect(flags).toEqual([{ rule: 'good-overall-with-two-inadequate', message: 'The overall rating is Good while 2 standards are rated Inadequate: check the overall judgement.' }]);
  });

  it('flags Outstanding with a standard below Good, Inadequate with every standard Good or better, and an overall outside every standard', () => {
    expect(overallRatingFlags(framework, rated(['Outstanding', 'Outstanding', 'Requires improvement', 'Good']), 'Outstanding').map((f) => f.rule)).toEqual(['outstanding-overall-with-a-standard-below-good']);
    expect(overallRatingFlags(framework, rated(['Good', 'Good', 'Outstanding', 'Good']), 'Inadequate').map((f) => f.rule)).toEqual(['inadequate-overall-with-every-standard-good', 'overall-below-every-standard']);
    expect(overallRatingFlags(framework, rated(['Requires improvement', 'Inadequate', 'Requires improvement', 'Requires improvement']), 'Good').map((f) => f.rule)).toEqual(['overall-above-every-standard']);
  });

  it('flags nothing when the overall lies among the standards, or before everything is rated', () => {
    expect(overallRatingFlags(framework, rated(['Good', 'Requires improvement', 'Good', 'Inadequate']), 'Requires improvement')).toEqual([]);
    expect(overallRatingFlags(framework, rated(['Inadequate', 'Inadequate', 'Good']), 'Good')).toEqual([]);
    expect(overallRatingFlags(framework, rated(['Inadequate', 'Inadequate', 'Good', 'Good']), undefined)).toEqual([]);
  });

  it('never calls an overall rating that equals a standard\'s above or below every standard', () => {
    const rating = fc.constantFrom(...framework.ratings);
    fc.assert(
      fc.property(fc.array(rating, { minLength: 4, maxLength: 4 }), fc.nat(3), (ratings, pick) => {
        const overall = ratings[pick]!;
        const flags = overallRatingFlags(framework, rated(ratings), overall).map((f) => f.rule);
        expect(flags).not.toContain('overall-above-every-standard');
        expect(flags).not.toContain('overall-below-every-standard');
      }),
    );
  });

  it('reads its rules from the file: a new version with no rules flags nothing', () => {
    const lenient = parseSfoFramework(edited((doc) => (doc.version = '2099', (doc.overall.consistencyRules = []))), 'lenient.yaml');
    expect(overallRatingFlags(lenient, rated(['Inadequate', 'Inadequate', 'Inadequate', 'Inadequate']), 'Outstanding')).toEqual([]);
  });
});
