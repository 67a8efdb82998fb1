// Rows of the access matrix for domain one's evidence and ratings (/inspections/:id/domain-one/…).
// The inspectorate's staff who see the inspection read it; the lead records evidence and rates;
// inspectors record evidence only once the lead allows them (none is allowed here); the inspected
// service never opens it. The lead's evidence post is valid and creates evidence 1, which the
// change and withdraw rows then use; their posts carry bad input, so the lead gets the form back
// (400) and nothing changes.
import { LEAD_ONLY_POST, PAGE_FINDINGS, type Row } from './matrix.ts';

/** Forms only the lead may open here: others who see the inspection are refused (403), those who do not never learn of it (404). */
const LEAD_FORM = { default: 404, anonymous: 303, administrator: 403, 'programme-manager': 403, analyst: 403, inspector: 403, 'service-own': 403, lead: 200 } as const;
const LEAD_BAD_POST = { ...LEAD_ONLY_POST, lead: 400 } as const;

const standard = (suffix = '') => (ctx: { demoId: number }) => `/inspections/${ctx.demoId}/domain-one/1.1${suffix}`;
const today = () => new Date().toISOString().slice(0, 10);

export const domainOneRows: Row[] = [
  { method: 'GET', route: '/inspections/:id/domain-one/:standardId', path: standard(), expect: PAGE_FINDINGS },
  { method: 'GET', route: '/inspections/:id/domain-one/:standardId/evidence/new', path: standard('/evidence/new'), expect: LEAD_FORM },
  {
    method: 'POST',
    route: '/inspections/:id/domain-one/:standardId/evidence',
    path: standard('/evidence'),
    body: () => {
      const [year, month, day] = today().split('-');
      return { itemId: '1.1.1a', kind: 'interview', source: 'Matrix interview', 'date-day': day!, 'date-month': month!, 'date-year': year!, text: 'Matrix test', finding: 'neutral' };
    },
    expect: LEAD_ONLY_POST,
  },
  { method: 'GET', route: '/inspections/:id/domain-one/:standardId/evidence/:evidenceId', path: standard('/evidence/1'), expect: LEAD_FORM },
  { method: 'POST', route: '/inspections/:id/domain-one/:standardId/evidence/:evidenceId', path: standard('/evidence/1'), body: () => ({ itemId: '', version: '1' }), expect: LEAD_BAD_POST },
  { method: 'GET', route: '/inspections/:id/domain-one/:standardId/evidence/:evidenceId/withdraw', path: standard('/evidence/1/withdraw'), expect: LEAD_FORM },
  { method: 'POST', route: '/inspections/:id/domain-one/:standardId/evidence/:evidenceId/withdraw', path: standard('/evidence/1/withdraw'), body: () => ({ reason: '' }), expect: LEAD_BAD_POST },
  { method: 'POST', route: '/inspections/:id/domain-one/:standardId/rating', path: standard('/rating'), body: () => ({ rating: '', rationale: '' }), expect: LEAD_BAD_POST },
  { method: 'POST', route: '/inspections/:id/domain-one/writers', path: (ctx) => `/inspections/${ctx.demoId}/domain-one/writers`, body: () => ({}), expect: LEAD_ONLY_POST },
];
