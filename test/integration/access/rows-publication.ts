// Rows of the access matrix for the report's publication workflow and the public pages.
import { LEAD_ONLY_POST, PAGE_FINDINGS, type Row } from './matrix.ts';

const EVERYONE = { default: 200 } as const;

export const publicationRows: Row[] = [
  { method: 'GET', route: '/inspections/:id/publication', path: (ctx) => `/inspections/${ctx.demoId}/publication`, expect: PAGE_FINDINGS },
  { method: 'POST', route: '/inspections/:id/publication/text', path: (ctx) => `/inspections/${ctx.demoId}/publication/text`, body: () => ({ foreword: 'F', overallFindings: 'O' }), expect: LEAD_ONLY_POST },
  { method: 'POST', route: '/inspections/:id/publication/recommendations', path: (ctx) => `/inspections/${ctx.demoId}/publication/recommendations`, body: () => ({ addressedTo: 'pdu', recommendation: 'Matrix' }), expect: LEAD_ONLY_POST },
  { method: 'POST', route: '/inspections/:id/publication/recommendations/:recommendationId/remove', path: (ctx) => `/inspections/${ctx.demoId}/publication/recommendations/999999/remove`, expect: { ...LEAD_ONLY_POST, lead: 404 } },
  // The demonstration inspection is not signed off in the matrix, so the draft cannot move on.
  { method: 'POST', route: '/inspections/:id/publication/status', path: (ctx) => `/inspections/${ctx.demoId}/publication/status`, body: () => ({ to: 'factual-accuracy' }), expect: { ...LEAD_ONLY_POST, lead: 400 } },
  // Only the inspected service comments, and only during the factual accuracy check (409 in draft).
  { method: 'POST', route: '/inspections/:id/publication/comments', path: (ctx) => `/inspections/${ctx.demoId}/publication/comments`, body: () => ({ section: 'S', comment: 'C' }), expect: { ...LEAD_ONLY_POST, lead: 403, 'service-own': 409 } },
  { method: 'POST', route: '/inspections/:id/publication/comments/:commentId/decision', path: (ctx) => `/inspections/${ctx.demoId}/publication/comments/1/decision`, body: () => ({ decision: 'accepted', reason: 'R' }), expect: { ...LEAD_ONLY_POST, lead: 409 } },
  { method: 'POST', route: '/inspections/:id/publication/recipients', path: (ctx) => `/inspections/${ctx.demoId}/publication/recipients`, body: () => ({ name: 'N', email: 'n@example.org', organisation: 'O' }), expect: LEAD_ONLY_POST },
  // Sending a recipient a new link: only while embargoed (409 in draft).
  { method: 'POST', route: '/inspections/:id/publication/recipients/:recipientId/resend', path: (ctx) => `/inspections/${ctx.demoId}/publication/recipients/1/resend`, expect: { ...LEAD_ONLY_POST, lead: 409 } },
  // Publishing at once: the lead's confirmation page (409 while the report is a draft) and the confirmed post (refused in draft: 400).
  { method: 'GET', route: '/inspections/:id/publication/publish-now', path: (ctx) => `/inspections/${ctx.demoId}/publication/publish-now`, expect: { ...LEAD_ONLY_POST, anonymous: 303, lead: 409 } },
  { method: 'POST', route: '/inspections/:id/publication/publish-now', path: (ctx) => `/inspections/${ctx.demoId}/publication/publish-now`, body: () => ({ confirm: 'yes' }), expect: { ...LEAD_ONLY_POST, lead: 400 } },
  // A recipient's link to the embargoed copy needs no account: without a valid link nobody gets anything (anonymous posts fail the CSRF check).
  { method: 'GET', route: '/embargoed', path: () => '/embargoed?link=not-a-link', expect: { default: 404 } },
  { method: 'POST', route: '/embargoed', path: () => '/embargoed', body: () => ({ link: 'not-a-link', email: 'n@example.org' }), expect: { default: 404, anonymous: 403 } },
  { method: 'GET', route: '/inspections/:id/action-plan', path: (ctx) => `/inspections/${ctx.demoId}/action-plan`, expect: PAGE_FINDINGS },
  // Nothing is published in the matrix: the service's answers are refused as too early (409); others may not answer.
  { method: 'POST', route: '/inspections/:id/action-plan/:recommendationId/response', path: (ctx) => `/inspections/${ctx.demoId}/action-plan/1/response`, body: () => ({ response: 'agreed', actions: 'A', owner: 'O' }), expect: { ...LEAD_ONLY_POST, lead: 409, 'service-own': 409 } },
  { method: 'POST', route: '/inspections/:id/action-plan/:recommendationId/progress', path: (ctx) => `/inspections/${ctx.demoId}/action-plan/1/progress`, body: () => ({ note: 'N' }), expect: { ...LEAD_ONLY_POST, lead: 409, 'service-own': 409 } },
  { method: 'POST', route: '/inspections/:id/action-plan/:recommendationId/review', path: (ctx) => `/inspections/${ctx.demoId}/action-plan/1/review`, body: () => ({ outcome: 'met', note: 'N' }), expect: { ...LEAD_ONLY_POST, lead: 404 } },
  { method: 'GET', route: '/public', path: () => '/public', expect: EVERYONE },
  { method: 'GET', route: '/public/inspections/:id', path: (ctx) => `/public/inspections/${ctx.demoId}`, expect: { default: 404 } },
  // The tagged PDF of the report: public once published, so before then nobody finds it here (404).
  { method: 'GET', route: '/public/inspections/:id/report.pdf', path: (ctx) => `/public/inspections/${ctx.demoId}/report.pdf`, expect: { default: 404 } },
  { method: 'GET', route: '/public/data', path: () => '/public/data', expect: EVERYONE },
  { method: 'GET', route: '/public/data/ratings.json', path: () => '/public/data/ratings.json', expect: EVERYONE },
  { method: 'GET', route: '/public/data/ratings.csv', path: () => '/public/data/ratings.csv', expect: EVERYONE },
  { method: 'GET', route: '/public/data/key-questions.json', path: () => '/public/data/key-questions.json', expect: EVERYONE },
  { method: 'GET', route: '/public/data/key-questions.csv', path: () => '/public/data/key-questions.csv', expect: EVERYONE },
];
