// Data access only: plain DTOs in and out, no business rules. Every function takes a Kysely or an
// open Transaction; services run a use case in `inTransaction(db, (trx) => …)`, which joins a
// transaction it is given, so use cases compose atomically.
export * from './framework-repository.ts';
export * from './organisation-repository.ts';
export * from './reference-digest-repository.ts';
export * from './demo-stage-repository.ts';
export * from './inspection-repository.ts';
export * from './assessment-repository.ts';
export * from './audit-repository.ts';
export type { Db } from './shared.ts';
export { inTransaction } from './shared.ts';
export * from './user-repository.ts';
export * from './session-repository.ts';
export * from './member-repository.ts';
export * from './case-work-repository.ts';
export * from './judgement-repository.ts';
export * from './quality-repository.ts';
export * from './programme-repositories.ts';
export * from './sample-repository.ts';
export * from './survey-repository.ts';
export * from './pending-contact-list-repository.ts';
export * from './inbound-held-repository.ts';
export * from './report-repository.ts';
export * from './embargo-mail-repository.ts';
export * from './action-plan-repository.ts';
export * from './annual-report-repository.ts';
