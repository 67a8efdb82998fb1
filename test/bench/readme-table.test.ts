// The README's performance table, written from `npm run bench -- --json`.
import { describe, expect, it } from 'vitest';
import { performanceTable } from '../../bench/readme-table.ts';

describe("the README's performance table", () => {
  const first = performanceTable(
    [
      { id: 'restart', product_ms: 2400, floor_ms: 1500, ratio: 1.6 },
      { id: 'webhook', product_ms: 900, floor_ms: 600, ratio: 0.67 },
      { id: 'case-page-50', product_ms: 300, floor_ms: 30, ratio: 10 },
    ],
    '2026-12-05, quiet',
  );

  it('gives each figure beside its floor and says whether its goal is met', () => {
    expect(first).toContain('| `restart` | `npm start` restart to the first page | 2.40 s | 1.50 s, a minimal Hono server started the same way | 1.6x | <= 2x: met | 2026-12-05, quiet |');
    expect(first).toContain('| 0.67x throughput | >= 0.5x throughput: met |');
    expect(first).toContain('| 10x | <= 8x: not met |');
  });

  it('keeps the rows a later run did not print, in a fixed order', () => {
    const next = performanceTable([{ id: 'case-page-50', product_ms: 200, floor_ms: 40, ratio: 5 }], '2026-12-06, load 1.0', first);
    const ids = [...next.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]);
    expect(ids).toEqual(['case-page-50', 'restart', 'webhook']);
    expect(next).toContain('| 5x | <= 8x: met | 2026-12-06, load 1.0 |');
    expect(next).toContain('| 1.6x | <= 2x: met | 2026-12-05, quiet |');
  });

  it("judges the import's peak memory with its time", () => {
    const within = performanceTable([{ id: 'import-40000', product_ms: 38_000, floor_ms: 32_000, ratio: 1.19, peak_mb: 487 }], 'today');
    expect(within).toContain('| 38.0 s, peak 487 MB | 32.0 s, `csv-parse` and a raw insert with no validation | 1.19x | <= 3x, peak < 500 MB: met |');
    expect(performanceTable([{ id: 'import-40000', product_ms: 38_000, floor_ms: 32_000, ratio: 1.19, peak_mb: 620 }], 'today')).toContain('| <= 3x, peak < 500 MB: not met |');
    expect(performanceTable([{ id: 'import-40000', product_ms: 38_000, floor_ms: 32_000, ratio: 1.19 }], 'today')).toContain('| <= 3x, peak < 500 MB: not met |');
  });

  it('refuses an id it does not know', () => {
    expect(() => performanceTable([{ id: 'mystery', product_ms: 1, floor_ms: 1, ratio: 1 }], 'today')).toThrow(/mystery/);
  });
});
