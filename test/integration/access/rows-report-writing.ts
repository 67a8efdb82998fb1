// Rows of the access matrix for writing the report: the inspectorate's staff who see the inspection
// read the drafts; only its lead (and writers the lead names, none in the matrix) save; only the
// lead approves and names writers; the inspected service never reaches them (rows-stages.ts too).
import { LEAD_ONLY_POST, PAGE_FINDINGS, type Row } from './matrix.ts';

const page = (suffix: string) => (ctx: { demoId: number }) => `/inspections/${ctx.demoId}${suffix}`;
/** Inspectors on the team read the drafts but are no writers until named: refused (403), like the other posts. */
const WRITE = LEAD_ONLY_POST;

export const reportWritingRows: Row[] = [
  { method: 'GET', route: '/inspections/:id/report-writing', path: page('/report-writing'), expect: PAGE_FINDINGS },
  { method: 'GET', route: '/inspections/:id/report-writing/:section', path: page('/report-writing/standard-2.1'), expect: PAGE_FINDINGS },
  { method: 'GET', route: '/inspections/:id/report-writing/:section/compare', path: page('/report-writing/standard-2.1/compare'), expect: PAGE_FINDINGS },
  // The people-on-probation section is written by no other row, so the lead's save from version 0 is not stale.
  { method: 'POST', route: '/inspections/:id/report-writing/:section', path: page('/report-writing/people-on-probation'), body: () => ({ baseVersion: '0', text: 'Matrix' }), expect: WRITE },
  { method: 'POST', route: '/inspections/:id/report-writing/:section/versions/:version/approve', path: page('/report-writing/standard-2.1/versions/999/approve'), expect: { ...WRITE, lead: 404 } },
  { method: 'POST', route: '/inspections/:id/report-writers', path: page('/report-writers'), body: (ctx) => ({ userId: String(ctx.userId('inspector')) }), expect: WRITE },
  { method: 'POST', route: '/inspections/:id/report-writers/:userId/remove', path: page('/report-writers/999999/remove'), expect: { ...WRITE, lead: 404 } },
];
