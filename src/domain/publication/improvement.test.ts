import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { improvementCounts } from './improvement.ts';

const scale = ['Inadequate', 'Requires improvement', 'Good', 'Outstanding'];

describe('services improving between inspections', () => {
  it('compares each service\'s latest rating with the one before it', () => {
    const counts = improvementCounts(
      [
        { organisation: 'A', date: '2022-12', rating: 'Good' },
        { organisation: 'A', date: '2025', rating: 'Requires improvement' },
        { organisation: 'B', date: '2022-06-01', rating: 'Inadequate' },
        { organisation: 'B', date: '2023-09-01', rating: 'Requires improvement' },
        { organisation: 'B', date: '2021-01-01', rating: 'Good' },
        { organisation: 'C', date: '2024', rating: 'Good' },
        { organisation: 'D', date: '2023', rating: 'Good' },
        { organisation: 'D', date: '2024', rating: 'Good' },
      ],
      scale,
    );
    expect(counts).toMatchObject({ services: 3, improved: 1, unchanged: 1, declined: 1 });
    expect(counts.changes.find((c) => c.organisation === 'B')).toEqual({ organisation: 'B', from: 'Inadequate', to: 'Requires improvement', direction: 'improved' });
  });
  it('counts every service with two or more ratings exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ organisation: fc.constantFrom('A', 'B', 'C', 'D'), date: fc.integer({ min: 2018, max: 2026 }).map(String), rating: fc.constantFrom(...scale) })), (list) => {
        const c = improvementCounts(list, scale);
        expect(c.improved + c.unchanged + c.declined).toBe(c.services);
        expect(c.services).toBe(new Set(list.map((i) => i.organisation)).size - [...new Set(list.map((i) => i.organisation))].filter((o) => list.filter((i) => i.organisation === o).length < 2).length);
      }),
    );
  });
});
