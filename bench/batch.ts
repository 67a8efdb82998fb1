// Regenerating a year's publications in a batch, from the database: every PDU report of the year
// (model, HTML page and PDF), and the annual national report (the data cut taken and stored, then
// the report rebuilt from its cut and rendered). Baselines are the same data read without a report:
// the assessments loaded and rated, and the key-question counts by SQL GROUP BY.
import { sql } from 'kysely';
import { loadAssessmentsForInspections, saveReport, type Db } from '../src/db/repositories/index.ts';
import type { Framework } from '../src/domain/framework/framework.ts';
import { rateInspection } from '../src/domain/rating/engine.ts';
import { render } from '../src/presenters/templates.ts';
import { annualReportView } from '../src/presenters/annual-report-page.ts';
import { loadPduReport } from '../src/services/report-loading.ts';
import { reportPage } from '../src/reports/report-html.ts';
import { forgetCachedPdfs } from '../src/reports/pdf-cache.ts';
import { taggedReportPdf } from '../src/reports/tagged-pdf/report-tagged-pdf.ts';
import { createAnnualReport, loadAnnualReport } from '../src/services/national-reports.ts';

type Report = (name: string, ours: number, baseline: number, baselineName: string) => void;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** `ids`: a year's inspections (40 cases each), all with fieldwork in `year` (e.g. '2026/27'). */
export async function benchBatch(db: Db, framework: Framework, ids: number[], year: string, report: Report): Promise<void> {
  const baseline = await time(async () => {
    const loaded = await loadAssessmentsForInspections(db, ids);
    for (const a of loaded.values()) rateInspection(framework, a);
    return loaded.size;
  });

  forgetCachedPdfs(); // every report laid out afresh, none from an earlier rendering
  const pdus = await time(async () => {
    let bytes = 0;
    for (const id of ids) {
      const loaded = await loadPduReport(db, id);
      bytes += render('report-page.njk', reportPage({ ...loaded.summary, organisationId: 0 }, loaded.report)).length;
      bytes += (await taggedReportPdf(loaded.report)).length;
    }
    return bytes;
  });
  report(`a year's ${ids.length} PDU reports, HTML and PDF`, pdus.ms, baseline.ms, 'load and rate only');

  // Publish them (yesterday), so the annual report's data cut takes them.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  for (const id of ids) await saveReport(db, { inspectionId: id, status: 'published', foreword: '', overallFindings: 'Bench.', publishOn: yesterday, updatedBy: 'bench' });
  const kqIds = framework.caseStandards.flatMap((s) => s.keyQuestions.map((kq) => kq.id));
  const counts = await time(async () => {
    const { rows } = await sql<{ n: number }>`
      select a.item_id, count(*) filter (where a.answer = 'yes')::int as n, count(*) filter (where a.answer in ('yes', 'no'))::int as total
      from case_answer a join inspection_case c on c.id = a.case_id
      where c.inspection_id = any(${ids}) and a.item_id = any(${kqIds})
      group by a.item_id`.execute(db);
    return rows.length;
  });
  const cut = await time(() => createAnnualReport(db, { year, framework: framework.key }, 'bench'));
  report(`annual report: take and store the data cut`, cut.ms, counts.ms, 'SQL GROUP BY counts');
  const regenerate = await time(async () => {
    const loaded = await loadAnnualReport(db, cut.value);
    if (loaded.report.scope.inspections !== ids.length) throw new Error(`The cut holds ${loaded.report.scope.inspections} inspections, not ${ids.length}`);
    return render('national-annual.njk', { stored: loaded.stored, takenAt: '', foreword: '', ...annualReportView(loaded.report, loaded.framework) }).length;
  });
  report(`annual report: regenerate from the stored cut`, regenerate.ms, counts.ms, 'SQL GROUP BY counts');
}
