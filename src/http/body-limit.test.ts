import { describe, expect, it } from 'vitest';
import { bodyLimitFor, FORM_LIMIT, UPLOAD_LIMIT, WEBHOOK_LIMIT } from './body-limit.ts';

describe('body limits by route', () => {
  it('lets the two file uploads take 20 MB, the webhook 64 KB and every other form 1 MB', () => {
    expect(bodyLimitFor('/inspections/7/sample/caseload')).toBe(UPLOAD_LIMIT);
    expect(bodyLimitFor('/inspections/7/survey/contacts')).toBe(UPLOAD_LIMIT);
    expect(bodyLimitFor('/sms/inbound')).toBe(WEBHOOK_LIMIT);
    for (const path of ['/sign-in', '/inspections/7/judgements/1.4', '/inspections/7/sample/caseload/extra', '/x/inspections/7/survey/contacts', '/api/anything'])
      expect(bodyLimitFor(path)).toBe(FORM_LIMIT);
    expect([FORM_LIMIT.maxBytes, UPLOAD_LIMIT.maxBytes, WEBHOOK_LIMIT.maxBytes]).toEqual([1024 * 1024, 20 * 1024 * 1024, 64 * 1024]);
  });
});
