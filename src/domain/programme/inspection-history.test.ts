import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, normaliseDate } from './dates.ts';
import { latestOf, mergeHistory, withoutRecordedDuplicates, type HistoryEntry } from './inspection-history.ts';

const ref = (published: string | null, overallRating: string | null): HistoryEntry => ({ published, overallRating, url: null, source: 'reference' });
const recorded = (published: string, overallRating: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({ published, overallRating, url: null, source: 'recorded', ...extra });
const inApp = (published: string, overallRating: string | null, inspectionId: number): HistoryEntry => ({ published, overallRating, url: null, source: 'published', inspectionId });

describe('a service\'s inspection history', () => {
  it('puts a result recorded now after the reference data\'s, so an Inadequate recorded now is the latest', () => {
    const history = mergeHistory([ref('2019-06', 'Requires improvement'), ref('2023-02-14', 'Good')], [recorded('2026-10-01', 'Inadequate')]);
    expect(history.map((h) => [h.published, h.source])).toEqual([
      ['2019-06', 'reference'],
      ['2023-02-14', 'reference'],
      ['2026-10-01', 'recorded'],
    ]);
    expect(latestOf(history)).toEqual({ date: '2026-10-01', rating: 'Inadequate' });
  });

  it('places an older result among the reference data by date, a partial date standing for its first day', () => {
    const history = mergeHistory([ref('2019', 'Good'), ref('2023-02', 'Good')], [recorded('2023-02-01', 'Inadequate'), recorded('2021-05-04', 'Requires improvement')]);
    expect(history.map((h) => h.published)).toEqual(['2019', '2021-05-04', '2023-02', '2023-02-01']);
    expect(latestOf(history)).toEqual({ date: '2023-02-01', rating: 'Inadequate' });
  });

  it('keeps reference entries with no date where the file lists them, and puts a later result after them', () => {
    const history = mergeHistory([ref('2018-01-01', 'Good'), ref(null, 'Requires improvement')], [recorded('2026-01-05', 'Good')]);
    expect(history.map((h) => h.published)).toEqual(['2018-01-01', null, '2026-01-05']);
    expect(latestOf(mergeHistory([ref('2018-01-01', 'Good'), ref(null, 'Requires improvement')]))).toEqual({ date: null, rating: 'Requires improvement' });
  });

  it('has no latest inspection when none is on record', () => {
    expect(latestOf(mergeHistory([], [], []))).toBeNull();
  });

  it('leaves out an inspection published in the app that an administrator recorded, by the inspection or by its date', () => {
    const published = [inApp('2026-03-01', 'Good', 7), inApp('2026-05-01', 'Inadequate', 8), inApp('2026-07-01', 'Good', 9)];
    const kept = withoutRecordedDuplicates([recorded('2026-03-02', 'Good', { inspectionId: 7 }), recorded('2026-05-01', 'Requires improvement')], published);
    expect(kept.map((p) => p.inspectionId)).toEqual([9]);
    // A result recorded for another inspection on the same day does not hide it.
    expect(withoutRecordedDuplicates([recorded('2026-07-01', 'Good', { inspectionId: 1 })], published).map((p) => p.inspectionId)).toEqual([7, 8, 9]);
  });

  const day = fc.integer({ min: 0, max: 4000 }).map((n) => addDays('2015-01-01', n));
  const partialOrNull = fc.oneof(day, day.map((d) => d.slice(0, 7)), day.map((d) => d.slice(0, 4)), fc.constant(null));
  const rating = fc.constantFrom('Outstanding', 'Good', 'Requires improvement', 'Inadequate');

  it('keeps every entry, the reference data\'s in its order, and never puts an added result after one dated later', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(partialOrNull, rating), { maxLength: 6 }),
        fc.array(fc.tuple(day, rating), { maxLength: 6 }),
        fc.array(fc.tuple(day, rating), { maxLength: 4 }),
        (refs, recs, pubs) => {
          const reference = refs.map(([d, r]) => ref(d, r));
          const recordedEntries = recs.map(([d, r]) => recorded(d, r));
          const publishedEntries = pubs.map(([d, r], i) => inApp(d, r, i + 1));
          const history = mergeHistory(reference, recordedEntries, publishedEntries);
          expect(history).toHaveLength(reference.length + recordedEntries.length + publishedEntries.length);
          expect(history.filter((h) => h.source === 'reference')).toEqual(reference);
          history.forEach((h, i) => {
            if (h.source === 'reference') return;
            const date = normaliseDate(h.published)!;
            for (const before of history.slice(0, i)) {
              const d = normaliseDate(before.published);
              if (d !== null) expect(d <= date).toBe(true);
            }
          });
          // With added results, the latest is the one with the latest date (the last of them on that day).
          const added = [...recordedEntries, ...publishedEntries];
          if (added.length && reference.every((r) => r.published === null || normaliseDate(r.published)! <= added.map((a) => a.published!).sort().at(-1)!)) {
            const last = added.map((a) => a.published!).sort().at(-1)!;
            expect(latestOf(history)!.date).toBe(last);
          }
        },
      ),
    );
  });
});
