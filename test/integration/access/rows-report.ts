// Rows of the access matrix for the PDU inspection report: the page, its PDF and the analysts'
// workbook are findings, so the inspected service is refused them until publication.
import { PAGE_FINDINGS, type Row } from './matrix.ts';

export const reportRows: Row[] = [
  { method: 'GET', route: '/inspections/:id/report', path: (ctx) => `/inspections/${ctx.demoId}/report`, expect: PAGE_FINDINGS },
  { method: 'GET', route: '/inspections/:id/report', path: (ctx) => `/inspections/${ctx.demoId}/report?format=pdf`, expect: PAGE_FINDINGS },
  { method: 'GET', route: '/inspections/:id/export.xlsx', path: (ctx) => `/inspections/${ctx.demoId}/export.xlsx`, expect: PAGE_FINDINGS },
];
