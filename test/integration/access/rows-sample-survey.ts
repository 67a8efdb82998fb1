// Rows of the access matrix for the case sample and the people-on-probation survey.
import { LEAD_ONLY_POST, PAGE_FINDINGS, STAFF_READ, type Row } from './matrix.ts';

/** Everyone who sees the inspection, the inspected service included (the sample and survey are not findings). */
const SEES_INSPECTION = { default: 404, anonymous: 303, ...STAFF_READ, 'service-own': 200 } as const;
/** The service's own staff or the lead inspector; the form posted has no file, so they get 400. */
const SERVICE_OR_LEAD_UPLOAD = { default: 404, anonymous: 403, administrator: 403, 'programme-manager': 403, analyst: 403, inspector: 403, lead: 400, 'service-own': 400 } as const;
/** Inspectors on the inspection; the form posted is empty, so they get 400. */
const INTERVIEWERS_POST = { default: 404, anonymous: 403, administrator: 403, 'programme-manager': 403, analyst: 403, 'service-own': 403, lead: 400, inspector: 400 } as const;

export const sampleSurveyRows: Row[] = [
  { method: 'GET', route: '/inspections/:id/sample', path: (ctx) => `/inspections/${ctx.demoId}/sample`, expect: SEES_INSPECTION },
  { method: 'POST', route: '/inspections/:id/sample/caseload', path: (ctx) => `/inspections/${ctx.demoId}/sample/caseload`, expect: SERVICE_OR_LEAD_UPLOAD },
  // Setting the window to what it already is changes nothing: safe to repeat.
  { method: 'POST', route: '/inspections/:id/sample/window', path: (ctx) => `/inspections/${ctx.demoId}/sample/window`, body: () => ({ weeks: '2', shiftWeeks: '0', reason: '' }), expect: LEAD_ONLY_POST },
  { method: 'POST', route: '/inspections/:id/sample/method', path: (ctx) => `/inspections/${ctx.demoId}/sample/method`, body: () => ({ method: 'window' }), expect: LEAD_ONLY_POST },
  // No caseload has been uploaded, so confirming is refused even for the lead.
  { method: 'POST', route: '/inspections/:id/sample/confirm', path: (ctx) => `/inspections/${ctx.demoId}/sample/confirm`, expect: { ...LEAD_ONLY_POST, lead: 400 } },
  { method: 'GET', route: '/inspections/:id/survey', path: (ctx) => `/inspections/${ctx.demoId}/survey`, expect: SEES_INSPECTION },
  { method: 'POST', route: '/inspections/:id/survey/contacts', path: (ctx) => `/inspections/${ctx.demoId}/survey/contacts`, expect: SERVICE_OR_LEAD_UPLOAD },
  // The check of a contact list with bad rows, and going on or cancelling: no list is held, so the uploaders get 400.
  { method: 'GET', route: '/inspections/:id/survey/contacts/check', path: (ctx) => `/inspections/${ctx.demoId}/survey/contacts/check?upload=none`, expect: { ...SERVICE_OR_LEAD_UPLOAD, anonymous: 303 } },
  { method: 'POST', route: '/inspections/:id/survey/contacts/confirm', path: (ctx) => `/inspections/${ctx.demoId}/survey/contacts/confirm`, expect: SERVICE_OR_LEAD_UPLOAD },
  { method: 'POST', route: '/inspections/:id/survey/contacts/cancel', path: (ctx) => `/inspections/${ctx.demoId}/survey/contacts/cancel`, expect: SERVICE_OR_LEAD_UPLOAD },
  // No contact list, so sending is refused even for the lead; there is no survey to close.
  { method: 'POST', route: '/inspections/:id/survey/send', path: (ctx) => `/inspections/${ctx.demoId}/survey/send`, expect: { ...LEAD_ONLY_POST, lead: 400 } },
  { method: 'POST', route: '/inspections/:id/survey/close', path: (ctx) => `/inspections/${ctx.demoId}/survey/close`, expect: { ...LEAD_ONLY_POST, lead: 409 } },
  { method: 'GET', route: '/inspections/:id/survey/results', path: (ctx) => `/inspections/${ctx.demoId}/survey/results`, expect: PAGE_FINDINGS },
  {
    method: 'GET',
    route: '/inspections/:id/survey/follow-ups',
    path: (ctx) => `/inspections/${ctx.demoId}/survey/follow-ups`,
    expect: { default: 404, anonymous: 303, administrator: 403, 'programme-manager': 403, analyst: 403, 'service-own': 403, lead: 200, inspector: 200 },
  },
  { method: 'POST', route: '/inspections/:id/survey/follow-ups/:respondentId/notes', path: (ctx) => `/inspections/${ctx.demoId}/survey/follow-ups/1/notes`, expect: INTERVIEWERS_POST },
  { method: 'POST', route: '/inspections/:id/survey/follow-ups/:respondentId/text', path: (ctx) => `/inspections/${ctx.demoId}/survey/follow-ups/1/text`, expect: INTERVIEWERS_POST },
  // The text provider's callback: no session and no CSRF token, only a bearer token, which no one here sends.
  { method: 'POST', route: '/sms/inbound', path: () => '/sms/inbound', expect: { default: 401 } },
  { method: 'GET', route: '/admin/sms-outbox', path: () => '/admin/sms-outbox', expect: { default: 403, anonymous: 303, administrator: 200 } },
  { method: 'POST', route: '/admin/sms-outbox/reply', path: () => '/admin/sms-outbox/reply', expect: { default: 403, anonymous: 403, administrator: 400 } },
];
