import { describe, expect, it } from 'vitest';
import { publishedSfoResults, rationaleThemes } from './sfo-annual.ts';

describe('the annual SFO report reference data', () => {
  it('holds the published years as published, with their source', () => {
    const r = publishedSfoResults();
    expect(r.source.url).toMatch(/^https:\/\//);
    expect(r.years.map((y) => [y.year, y.reviews])).toEqual([
      ['2021/22', 64],
      ['2022/23', 86],
      ['2023/24', 87],
      ['2024/25', 90],
    ]);
    expect(r.years[0]!.goodOrBetterPercent).toBe(69);
    expect(r.years[1]!.goodOrBetterPercent).toBe(52);
    expect(r.years[2]!.ratingPercents).toEqual({ Good: 46, 'Requires improvement': 52 });
    expect(r.years[3]!.ratingPercents).toEqual({ Outstanding: 1, Good: 46, 'Requires improvement': 53 });
  });

  it('holds themes with distinct ids and terms', () => {
    const ids = rationaleThemes().themes.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
