// The PDU inspection report's cost, for regenerating a year's reports in a batch: the report model
// plus its HTML page, and the model plus its PDF, for a 40-case inspection (median of several runs),
// beside the cheapest serialisation of the same ratings (JSON.stringify).
import { generateAssessment } from '../src/demo/generate-assessment.ts';
import { rateInspection } from '../src/domain/rating/engine.ts';
import { render } from '../src/presenters/templates.ts';
import type { InspectionSummary } from '../src/presenters/inspection-page.ts';
import { bundledFramework } from '../src/reference/frameworks.ts';
import { buildPduReport } from '../src/reports/pdu-report.ts';
import { reportPage } from '../src/reports/report-html.ts';
import { forgetCachedPdfs } from '../src/reports/pdf-cache.ts';
import { taggedReportPdf } from '../src/reports/tagged-pdf/report-tagged-pdf.ts';
import { reportWorkbook } from '../src/reports/report-xlsx.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeIt(runs: number, fn: () => unknown): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

export async function benchReport(report: (name: string, ours: number, baseline: number, baselineName: string) => void, runs = 7): Promise<void> {
  const framework = bundledFramework();
  const assessment = generateAssessment(framework, { seed: 11, cases: 40, windowStart: '2026-03-02' });
  const ratings = rateInspection(framework, assessment);
  const inspection: InspectionSummary & { organisationId: number } = {
    id: 1,
    organisationId: 1,
    title: 'Bench PDU inspection',
    organisationName: 'Bench PDU',
    regionName: 'Bench region',
    fieldworkStart: '2026-09-07',
    fieldworkEnd: '2026-09-11',
    frameworkId: framework.definition.id,
    frameworkVersion: framework.definition.version,
    isDemo: true,
    status: 'in-progress',
  };
  const text = { foreword: 'Foreword.', overallFindings: 'Findings.', recommendations: [{ addressedTo: 'pdu' as const, text: 'Improve planning.' }] };
  const model = () => buildPduReport({ inspection, framework, ratings, assessment, text });

  const baseline = await timeIt(runs, () => JSON.stringify(ratings));
  const html = await timeIt(runs, () => render('report-page.njk', reportPage(inspection, model())));
  // Each rendering laid out afresh, as a document's first download is: the same report again would
  // come from the rendered-PDF cache (src/reports/pdf-cache.ts).
  const pdf = await timeIt(runs, async () => {
    forgetCachedPdfs();
    return taggedReportPdf(model());
  });
  const xlsx = await timeIt(runs, async () => reportWorkbook({ report: model(), framework, ratings, assessment }));
  report(`report HTML, 40 cases (median of ${runs})`, html, baseline, 'JSON.stringify ratings');
  report(`report PDF (tagged), 40 cases (median of ${runs})`, pdf, baseline, 'JSON.stringify ratings');
  report(`analysts' XLSX, 40 cases (median of ${runs})`, xlsx, baseline, 'JSON.stringify ratings');
}

// Run on its own: `npx tsx bench/report.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  await benchReport((name, ours, baseline, baselineName) =>
    console.log(`${name.padEnd(46)} ${fmt(ours).padStart(9)} ms   baseline (${baselineName}) ${fmt(baseline).padStart(8)} ms   ratio ${(ours / baseline).toFixed(1)}×`),
  );
}
