// Rows of the access matrix for a joint inspection's page (/inspections/:id/joint-inspection): read
// by whoever opens the team; changed only by who manages it (the lead, programme managers,
// administrators). The demonstration inspection is a PDU's, whose framework inspects nobody
// jointly, so those allowed get the form back with the reason (400) and nothing is recorded.
import { PAGE_FINDINGS, type Row } from './matrix.ts';

/** Who manages the team may post (400 here: a PDU's framework records no partners); who sees it may not (403); who does not see it never learns of it (404). */
const MANAGERS_POST = { default: 404, anonymous: 403, administrator: 400, 'programme-manager': 400, lead: 400, analyst: 403, inspector: 403, 'service-own': 403 } as const;

export const jointInspectionRows: Row[] = [
  { method: 'GET', route: '/inspections/:id/joint-inspection', path: (ctx) => `/inspections/${ctx.demoId}/joint-inspection`, expect: PAGE_FINDINGS },
  { method: 'POST', route: '/inspections/:id/joint-inspection/inspectorates', path: (ctx) => `/inspections/${ctx.demoId}/joint-inspection/inspectorates`, body: () => ({ inspectorates: 'hmicfrs' }), expect: MANAGERS_POST },
  { method: 'POST', route: '/inspections/:id/joint-inspection/inspectors', path: (ctx) => `/inspections/${ctx.demoId}/joint-inspection/inspectors`, body: () => ({ name: 'Matrix', inspectorate: 'hmicfrs', email: '' }), expect: MANAGERS_POST },
  // Nobody is on the team as a partner inspector: removing one is not found, even for those allowed.
  { method: 'POST', route: '/inspections/:id/joint-inspection/inspectors/:inspectorId/remove', path: (ctx) => `/inspections/${ctx.demoId}/joint-inspection/inspectors/0/remove`, expect: { ...MANAGERS_POST, administrator: 404, 'programme-manager': 404, lead: 404 } },
];
