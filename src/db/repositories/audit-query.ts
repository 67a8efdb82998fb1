// Reading the audit trail a page at a time: one area's events (an inspection's, or those of a list
// of actions, or every event tied to no inspection), filtered by person, actions, time and record,
// newest first, with the total for pagination. Plain SQL that PostgreSQL 15 runs.
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Database } from '../schema.ts';
import type { AuditEvent } from './audit-repository.ts';
import type { Db } from './shared.ts';

/** Which events an audit page lists before its filters. */
export type AuditScope = { inspectionId: number } | { actions: readonly string[] } | { noInspection: true };

export interface AuditQuery {
  scope: AuditScope;
  /** The actor exactly as stored (`user:12`, `cli:root`). */
  actor?: string;
  /** Only these actions (a kind of action). */
  actions?: readonly string[];
  /** From this moment (inclusive) … */
  from?: Date;
  /** … to this moment (exclusive). */
  to?: Date;
  /** One record: its entity and id (a case is `case`, `<inspection>/<case ref>`). */
  record?: { entity: string; entityId: string };
  /** Records left out whatever the filters: a second assessor's blind cases. */
  hidden?: { entity: string; entityIds: readonly string[] };
  /** Newest first: skip `offset`, then at most `limit` (every matching event when not given). */
  offset?: number;
  limit?: number;
}

/** An audit event as stored, raw (its request id is not shown on the audit pages). */
export type AuditRecord = Omit<AuditEvent, 'requestId'>;

type Where = (eb: ExpressionBuilder<Database, 'audit_event'>) => ReturnType<ExpressionBuilder<Database, 'audit_event'>['and']>;

function conditions(q: AuditQuery): Where {
  return (eb) => {
    const all = [];
    const s = q.scope;
    if ('inspectionId' in s) all.push(eb('inspection_id', '=', s.inspectionId));
    else if ('actions' in s) all.push(s.actions.length ? eb('action', 'in', [...s.actions]) : eb.val(false));
    else all.push(eb('inspection_id', 'is', null));
    if (q.actor !== undefined) all.push(eb('actor', '=', q.actor));
    if (q.actions !== undefined) all.push(q.actions.length ? eb('action', 'in', [...q.actions]) : eb.val(false));
    if (q.from) all.push(eb('at', '>=', q.from));
    if (q.to) all.push(eb('at', '<', q.to));
    if (q.record) all.push(eb.and([eb('entity', '=', q.record.entity), eb('entity_id', '=', q.record.entityId)]));
    if (q.hidden?.entityIds.length) all.push(eb.not(eb.and([eb('entity', '=', q.hidden.entity), eb('entity_id', 'in', [...q.hidden.entityIds])])));
    return eb.and(all);
  };
}

const scoped = (db: Db, q: AuditQuery): SelectQueryBuilder<Database, 'audit_event', object> => db.selectFrom('audit_event').where(conditions(q));

/** The events matching the query, newest first, and how many match in all. */
export async function queryAudit(db: Db, q: AuditQuery): Promise<{ events: AuditRecord[]; total: number }> {
  let rows = scoped(db, q)
    .select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'inspection_id', 'before', 'after'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc');
  if (q.limit !== undefined) rows = rows.limit(q.limit);
  if (q.offset) rows = rows.offset(q.offset);
  const [found, counted] = await Promise.all([rows.execute(), scoped(db, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return {
    total: Number(counted.n),
    events: found.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, inspectionId: r.inspection_id, before: r.before, after: r.after })),
  };
}

/** Who acted in the scope (before any filter), with how many events each: the person filter's choices. */
export async function auditActors(db: Db, scope: AuditScope, hidden?: AuditQuery['hidden']): Promise<{ actor: string; events: number }[]> {
  const rows = await scoped(db, { scope, ...(hidden ? { hidden } : {}) })
    .select((eb) => ['actor', eb.fn.countAll<number>().as('n')])
    .groupBy('actor')
    .orderBy('actor')
    .execute();
  return rows.map((r) => ({ actor: r.actor, events: Number(r.n) }));
}
