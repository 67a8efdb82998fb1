// Reading the audit trail as a record: a page of one area's events with the names and framework
// texts its sentences need. Read only; who may read which area is decided by the routes' guards,
// and a second assessor's blind cases are left out here, in the query, so pages and totals agree.
import { auditActors, queryAudit, type AuditQuery, type AuditRecord, type AuditScope } from '../db/repositories/audit-query.ts';
import { listAudit, listOrganisationSummaries, listUsers, type AuditEvent, type Db, type Inspection } from '../db/repositories/index.ts';
import { hiddenAuditRecords, type FirstAssessmentAccess } from '../domain/access/first-assessment.ts';
import { actorInWords } from '../domain/audit/actors.ts';
import { actionsOfArea, type AuditArea } from '../domain/audit/sentences.ts';
import type { AuditWords } from '../domain/audit/words.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { frameworkOf } from './inspections.ts';

/** The events an area's page lists: an inspection's own, the programme's and national reporting's by action, administration's every event tied to no inspection. */
export function scopeOfArea(area: Exclude<AuditArea, 'inspection'>): AuditScope {
  return area === 'administration' ? { noInspection: true } : { actions: actionsOfArea(area) };
}

/** Framework texts by item id: standards by name, key questions and prompts by their text, other judgements by name. */
function frameworkTexts(framework: Framework | undefined): (id: string) => string | undefined {
  if (!framework) return () => undefined;
  const judgements = new Map(framework.definition.rules.judgements.map((j) => [j.id, j.name]));
  return (id) => {
    const item = framework.item(id);
    if (item) return item.prompt?.text ?? item.keyQuestion.text;
    return framework.standard(id)?.name ?? judgements.get(id);
  };
}

/** The words an area's events need: everyone's names, the organisations, the inspection's framework. */
export async function auditWords(db: Db, inspection?: Inspection): Promise<AuditWords> {
  const [users, organisations, framework] = await Promise.all([listUsers(db), listOrganisationSummaries(db), inspection ? frameworkOf(db, inspection) : undefined]);
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const orgNames = new Map(organisations.map((o) => [o.id, o.name]));
  return { person: (id) => names.get(id), organisation: (id) => orgNames.get(id), item: frameworkTexts(framework) };
}

export interface AuditPage {
  events: AuditRecord[];
  total: number;
  /** Everyone who acted in the scope, for the person filter. */
  actors: { actor: string; events: number }[];
  words: AuditWords;
}

/** A page of an area's events; `access` (an inspection's) leaves out the cases the person assesses blind. */
export async function readAuditPage(db: Db, query: AuditQuery, options: { inspection?: Inspection; access?: FirstAssessmentAccess } = {}): Promise<AuditPage> {
  const hidden = options.access && options.inspection ? hiddenAuditRecords(options.access, options.inspection.id) : undefined;
  const full: AuditQuery = hidden ? { ...query, hidden } : query;
  const [found, actors, words] = await Promise.all([queryAudit(db, full), auditActors(db, query.scope, hidden), auditWords(db, options.inspection)]);
  return { ...found, actors, words };
}

/** An inspection's whole audit trail, for the command line (whoever runs it holds the database, so nothing is hidden). */
export const inspectionAuditEvents = (db: Db, inspectionId: number): Promise<AuditEvent[]> => listAudit(db, { inspectionId });

/** Who did something, in words as the audit trail names them ("user:4" is the person's name): for any page that shows an actor. */
export async function actorNamer(db: Db): Promise<(actor: string) => string> {
  const words = await auditWords(db);
  return (actor) => actorInWords(actor, words);
}
