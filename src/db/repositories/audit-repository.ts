// The audit trail: who did what to which record, with the state before and after. Rows are only
// ever added; inspection_id has no foreign key so the history outlives a deleted inspection. Each
// event made while serving a request carries that request's id (from the request context).
import type { Selectable } from 'kysely';
import { currentRequestId } from '../../observability/request-context.ts';
import type { AuditEventTable } from '../schema.ts';
import { toJsonOrNull, type Db } from './shared.ts';

export interface AuditEventInput {
  actor: string;
  action: string;
  entity: string;
  entityId: string | number;
  inspectionId?: number | null;
  /** Any JSON value; undefined and null are stored as null. */
  before?: unknown;
  after?: unknown;
  /** Defaults to the database's now() (the transaction's start time). */
  at?: Date;
}

export interface AuditEvent {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  inspectionId: number | null;
  before: unknown;
  after: unknown;
  /** The HTTP request that caused it; null from the command line and start-up. */
  requestId: string | null;
}

export interface AuditFilter {
  inspectionId?: number;
  entity?: string;
  entityId?: string | number;
  /** The newest `limit` events (still returned oldest first). */
  limit?: number;
}

const toAuditEvent = (r: Selectable<AuditEventTable>): AuditEvent => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  inspectionId: r.inspection_id,
  before: r.before,
  after: r.after,
  requestId: r.request_id,
});

export async function recordAudit(db: Db, event: AuditEventInput): Promise<AuditEvent> {
  const row = await db
    .insertInto('audit_event')
    .values({
      actor: event.actor,
      action: event.action,
      entity: event.entity,
      entity_id: String(event.entityId),
      inspection_id: event.inspectionId ?? null,
      before: toJsonOrNull(event.before),
      after: toJsonOrNull(event.after),
      request_id: currentRequestId(),
      ...(event.at ? { at: event.at } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAuditEvent(row);
}

/** Audit events matching the filter, oldest first. */
export async function listAudit(db: Db, filter: AuditFilter = {}): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_event').selectAll();
  if (filter.inspectionId !== undefined) query = query.where('inspection_id', '=', filter.inspectionId);
  if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', String(filter.entityId));
  if (filter.limit !== undefined) {
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.reverse().map(toAuditEvent);
  }
  const rows = await query.orderBy('at').orderBy('id').execute();
  return rows.map(toAuditEvent);
}
