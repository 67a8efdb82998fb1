// The PDU inspection report: the page, the same report as a tagged PDF (?format=pdf), and the analysts'
// workbook. The inspected service reads the report from its factual accuracy check on; the workbook
// holds every case's answers, so it is the inspectorate's, and refused to a blind second assessor.
import { Hono } from 'hono';
import type { Db } from '../../db/repositories/index.ts';
import { mayOpen, reportStatusOf } from '../../domain/access/permissions.ts';
import { reportFileName } from '../../reports/pdu-report.ts';
import { reportPage } from '../../reports/report-html.ts';
import { reportWorkbook } from '../../reports/report-xlsx.ts';
import { taggedReportPdf } from '../../reports/tagged-pdf/report-tagged-pdf.ts';
import { loadPduReport } from '../../services/report-loading.ts';
import { reportStage } from '../../services/publication.ts';
import { inspectionFor, requireWholeCaseExport } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { page } from '../render.ts';

export function reportRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/inspections/:id/report', async (c) => {
    const { inspection, scope } = await inspectionFor(c, db, mayOpen('report'));
    const loaded = await loadPduReport(db, inspection.id);
    if (c.req.query('format') === 'pdf') {
      // Downloaded while embargoed, it is an embargoed copy and says so; once published it never does.
      const publishOn = reportStatusOf(scope) === 'embargoed' ? (await reportStage(db, inspection.id)).publishOn : null;
      const pdf = await taggedReportPdf(loaded.report, publishOn ? { embargoedUntil: publishOn } : {});
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${reportFileName(loaded.summary, 'pdf')}"`,
      });
    }
    return page(c, 'report-page.njk', reportPage({ ...loaded.summary, organisationId: inspection.organisationId }, loaded.report));
  });

  routes.get('/inspections/:id/export.xlsx', async (c) => {
    const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('cases'));
    await requireWholeCaseExport(db, actor, scope);
    const loaded = await loadPduReport(db, inspection.id);
    const xlsx = await reportWorkbook(loaded);
    return c.body(new Uint8Array(xlsx), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${reportFileName(loaded.summary, 'xlsx').replace('inspection-report', 'inspection-data')}"`,
    });
  });

  return routes;
}
