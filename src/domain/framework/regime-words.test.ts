// Each shipped framework text that gained the report's and pages' words in its regime (the report's
// title and organisation label, the judgements section's name, the recommendation headings) names
// the text it replaces by SHA-256 and differs from it only there, so every rating stays as it was.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bundledFrameworkFiles } from '../../reference/frameworks.ts';

// jointInspection came after (joint-inspection-text.test.ts): no rating reads it either.
// casePools came after that (case-pools-text.test.ts): no rating reads them.
const WORDS = ['report', 'judgementsSection', 'recommendationsTo', 'jointInspection', 'casePools'];

/** A framework file's data without `replaces` and without the regime's words. */
function withoutWords(text: string): unknown {
  const { replaces: _replaces, ...raw } = parseYaml(text) as Record<string, unknown>;
  const regime = Object.fromEntries(Object.entries(raw.regime as Record<string, unknown>).filter(([k]) => !WORDS.includes(k)));
  return { ...raw, regime };
}

describe.each([
  ['hmip-adult-pdu@2021', 'hmip-adult-pdu-2021'],
  ['hmip-youth@2018', 'hmip-youth-2018'],
  ['hmip-youth@2021', 'hmip-youth-2021'],
])('%s as shipped, against the text before the regime\'s words', (key, file) => {
  const before = readFileSync(new URL(`../../../test/fixtures/frameworks/${file}.before-regime-words.yaml`, import.meta.url), 'utf8');
  const shipped = bundledFrameworkFiles().find((f) => f.framework.key === key)!;

  it('names that text among those it replaces', () => {
    const sha = createHash('sha256').update(before, 'utf8').digest('hex');
    expect(shipped.framework.definition.replaces?.map((r) => r.sha256)).toContain(sha);
  });

  it('only adds the regime\'s words: every rule, standard and text is as before', () => {
    // The earlier text is read as data only: under today's schema it lacks the words now required.
    expect(withoutWords(shipped.sourceText)).toEqual(withoutWords(before));
  });
});

describe('the regime\'s words', () => {
  const regime = (key: string) => bundledFrameworkFiles().find((f) => f.framework.key === key)!.framework.regime;

  it('are, for the adult file, the words the code used to print', () => {
    expect(regime('hmip-adult-pdu@2021')).toMatchObject({
      report: { title: 'An inspection of probation services in {organisation}', organisationLabel: 'Probation Delivery Unit' },
      judgementsSection: 'Domain one and diversity',
      recommendationsTo: {
        organisation: { text: 'The {organisation} should' },
        region: { text: 'The region should' },
        national: { text: 'HM Prison and Probation Service nationally should' },
      },
    });
  });

  it('are, for youth, the youth report\'s title and label, with the unconfirmed recommendation headings marked to be confirmed', () => {
    for (const key of ['hmip-youth@2018', 'hmip-youth@2021']) {
      const r = regime(key);
      expect(r.report).toEqual({ title: 'An inspection of youth justice services in {organisation}', organisationLabel: 'Youth justice service' });
      expect(r.recommendationsTo.national.text).toBe('The Youth Justice Board should');
      for (const w of Object.values(r.recommendationsTo)) expect(w.provenance?.wording).toBe('to-be-confirmed');
    }
  });
});
