// The annual report's withheld figures stand up to the subtraction that undid them before: an
// attacker with everything published (each key question's national, regional and breakdown figures,
// and each PDU's figures as open data gives them) solves every sum with one unknown left, over and
// over, and recovers nothing; the same attacker against small-number suppression alone recovers many.
import { describe, expect, it } from 'vitest';
import { cutOf, framework, frameworks, inspection } from '../../../test/support/annual-cut.ts';
import { buildAnnualReport, type AnnualReport, type Figure } from './annual-report.ts';
import { withheldFigures } from './withheld-figures.ts';

type Withheld = (f: Figure) => boolean;

/** Sums the published figures satisfy, by cell name, with each cell's true count and whether it is withheld. */
function publishedSums(report: AnnualReport, pdus: ReturnType<typeof inspection>[], withheld: Withheld) {
  return report.keyQuestions.map((k) => {
    const cells = new Map<string, { applicable: number; sufficient: number; hidden: boolean }>();
    const put = (id: string, f: Figure) => cells.set(id, { applicable: f.applicable, sufficient: f.sufficient, hidden: withheld(f) && f.applicable > 0 });
    put('national', k.national);
    for (const [r, f] of Object.entries(k.regions)) put(`region:${r}`, f);
    for (const [b, values] of Object.entries(k.breakdowns)) for (const [v, f] of Object.entries(values)) put(`${b}:${v}`, f);
    // Open data: each PDU's figure for the key question, withheld under 5 applicable cases.
    for (const p of pdus) {
      const kq = p.ratings.standards.flatMap((s) => s.keyQuestions).find((x) => x.id === k.id)!;
      cells.set(`pdu:${p.id}`, { applicable: kq.applicable, sufficient: kq.sufficient, hidden: kq.applicable < 5 });
    }
    const sums = [
      { total: 'national', parts: Object.keys(k.regions).map((r) => `region:${r}`) },
      ...Object.entries(k.breakdowns).map(([b, values]) => ({ total: 'national', parts: Object.keys(values).map((v) => `${b}:${v}`) })),
      ...Object.keys(k.regions).map((r) => ({ total: `region:${r}`, parts: pdus.filter((p) => p.region === r).map((p) => `pdu:${p.id}`) })),
    ];
    return { id: k.id, cells, sums };
  });
}

/** Solves every sum with one unknown, again and again; returns the withheld cells recovered, with their true values checked. */
function attack(tables: ReturnType<typeof publishedSums>): string[] {
  const recovered: string[] = [];
  for (const { id, cells, sums } of tables) {
    const known = new Map([...cells].filter(([, c]) => !c.hidden).map(([k, c]) => [k, { applicable: c.applicable, sufficient: c.sufficient }]));
    for (let progress = true; progress; ) {
      progress = false;
      for (const s of sums) {
        const members = [s.total, ...s.parts];
        const unknown = members.filter((m) => !known.has(m));
        if (unknown.length !== 1) continue;
        const target = unknown[0]!;
        const sign = target === s.total ? 1 : -1;
        const side = (q: 'applicable' | 'sufficient') =>
          sign * (s.parts.filter((p) => p !== target).reduce((t, p) => t + known.get(p)![q], 0) - (target === s.total ? 0 : known.get(s.total)![q]));
        const value = { applicable: side('applicable') + 0, sufficient: side('sufficient') + 0 }; // no -0
        const truth = cells.get(target)!;
        expect(value).toEqual({ applicable: truth.applicable, sufficient: truth.sufficient }); // the sums are real
        known.set(target, value);
        recovered.push(`${id} ${target}`);
        progress = true;
      }
    }
  }
  return recovered;
}

describe('withheld figures in the annual report', () => {
  // Small inspections in three regions: many figures under 5 cases, and many groups with one.
  const pdus = Array.from({ length: 7 }, (_, i) => inspection(i + 1, 40 + i, 9 + (i % 4) * 3));
  const report = buildAnnualReport(cutOf(pdus), frameworks(framework));
  const smallOnly: Withheld = (f) => f.applicable < 5;
  const asPublished: Withheld = (f) => f.suppressed;

  it('small-number suppression alone lets withheld figures be worked out by subtraction (the finding)', () => {
    expect(attack(publishedSums(report, pdus, smallOnly)).length).toBeGreaterThan(20);
  });

  it('with complementary suppression no withheld figure can be worked out, nationally, by region, by breakdown or from open data', () => {
    const figures = report.keyQuestions.flatMap((k) => [k.national, ...Object.values(k.regions), ...Object.values(k.breakdowns).flatMap((b) => Object.values(b))]);
    expect(figures.filter((f) => f.suppressed && f.applicable >= 5).length).toBeGreaterThan(10); // withheld to protect others
    expect(attack(publishedSums(report, pdus, asPublished))).toEqual([]);
  });

  it("withholds a region whose one small PDU open data withholds, and then the national figure, as the other regions are their PDUs' published figures", () => {
    const table = {
      cells: [
        { id: 'national', figure: { applicable: 60, suppressed: false } },
        { id: 'north', figure: { applicable: 20, suppressed: false } },
        { id: 'south', figure: { applicable: 18, suppressed: false } },
        { id: 'west', figure: { applicable: 22, suppressed: false } },
      ],
      elsewhere: [
        { id: 'pdu:1', applicable: 3, withheld: true },
        { id: 'pdu:2', applicable: 17, withheld: false },
        { id: 'pdu:3', applicable: 18, withheld: false },
        { id: 'pdu:4', applicable: 22, withheld: false },
      ],
      sums: [
        { total: 'national', parts: ['north', 'south', 'west'] },
        { total: 'north', parts: ['pdu:1', 'pdu:2'] },
        { total: 'south', parts: ['pdu:3'] },
        { total: 'west', parts: ['pdu:4'] },
      ],
      minimum: 5,
    };
    // South and west are their PDUs' published figures, so withholding them protects nothing: the national figure goes.
    expect([...withheldFigures(table)].sort()).toEqual(['national', 'north']);
  });
});
