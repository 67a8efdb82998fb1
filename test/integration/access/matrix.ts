// The access matrix: who may reach each route. Each area of the app keeps its rows in its own file
// here; access-matrix.storage.test.ts walks them all with every kind of person.

export const PEOPLE = ['anonymous', 'administrator', 'programme-manager', 'analyst', 'lead', 'inspector', 'other-inspector', 'service-own', 'service-other', 'region-own', 'sfo-lead', 'sfo-inspector'] as const;
export type Person = (typeof PEOPLE)[number];

/**
 * What rows may refer to: the demonstration inspection (Leeds PDU) and the people's user ids.
 * People: the inspectorate's roles; a PDU's staff (Leeds, the demonstration's, and Sheffield); the
 * staff of Leeds's region (Yorkshire and the Humber); the SFO QA team's lead and inspector.
 */
export interface MatrixContext {
  demoId: number;
  /** Annual national reports: one still a draft, one published. */
  annual: { draft: number; published: number };
  /** The region of the demonstration inspection's PDU (Yorkshire and the Humber). */
  regionId: number;
  /** Another region (the North East), whose staff and feedback are not the demonstration's. */
  otherRegionId: number;
  /** The demonstration inspection's PDU (Leeds). */
  pduId: number;
  userId(person: Exclude<Person, 'anonymous'>): number;
}

/** An HTTP status, or 'embargoed': 200 showing the inspection but none of its findings. Anonymous form posts fail the CSRF check (403). */
export type Expect = number | 'embargoed';
export interface Row {
  method: 'GET' | 'POST';
  /** The route as registered. */
  route: string;
  /** A concrete path to request. */
  path: (ctx: MatrixContext) => string;
  body?: (ctx: MatrixContext) => Record<string, string>;
  expect: Partial<Record<Person, Expect>> & { default: Expect };
}

/** Common expectations: staff who read every inspection, findings by API and by page, lead-only form posts. */
export const STAFF_READ = { administrator: 200, 'programme-manager': 200, analyst: 200, lead: 200, inspector: 200 } as const;
export const FINDINGS = { default: 404, anonymous: 401, ...STAFF_READ, 'service-own': 403 } as const;
export const PAGE_FINDINGS = { ...FINDINGS, anonymous: 303 } as const;
export const LEAD_ONLY_POST = { default: 404, anonymous: 403, administrator: 403, 'programme-manager': 403, analyst: 403, inspector: 403, 'service-own': 403, lead: 303 } as const;

