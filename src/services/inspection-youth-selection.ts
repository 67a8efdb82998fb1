// Creating a youth inspection from the programme's yearly youth selection: a service the selection
// chose (its reasons recorded with the inspection, as a PDU booking is), the fieldwork start given,
// and the current framework for youth justice services. A selected service becomes one inspection
// of that selection only; the link and the audit event are written in the inspection's transaction.
import { getOrganisation, recordAudit, type Db, type Inspection } from '../db/repositories/index.ts';
import { listProgrammeYears } from '../db/repositories/programme-year-repository.ts';
import { insertInspectionYouthSelection, selectedInspections } from '../db/repositories/timeline-repository.ts';
import { isIsoDate } from '../domain/sampling/dates.ts';
import { FieldError } from './errors.ts';
import { createInspection } from './inspections.ts';
import { clock } from './clock.ts';
import { checkDirectly, currentChoice, frameworkChoices, leadIfLeadInspector, type Creator } from './inspection-booking.ts';
import { planningYouthServices } from './programme/registry.ts';
import { getStoredSelection, listStoredSelections, type SelectionSummary, type StoredSelection } from './programme/youth.ts';

export interface SelectedChoice {
  service: string;
  /** The selection's reasons for it, in its own words, joined with '; '. */
  reasons: string;
  /** The youth justice service in the registry, when it is still there. */
  organisationId: number | undefined;
  /** The inspection already made from it in this selection. */
  inspectionId: number | null;
}

/** "2027 to 2028": the programme year a selection is for, from its first day. */
export const selectionYear = (asOf: string) => {
  const year = Number(asOf.slice(0, 4));
  return asOf.slice(5) < '04-01' ? `${year - 1} to ${year}` : `${year} to ${year + 1}`;
};

/**
 * The stored selections (newest first) and the one chosen with its services: by id when given,
 * else the one the current programme year adopted, else the newest stored.
 */
export async function youthSelectionChoices(
  db: Db,
  selectionId?: string,
  asOf: string = clock.today(),
): Promise<{ selections: { id: number; title: string; asOf: string }[]; selection: SelectionSummary | undefined; choices: SelectedChoice[]; unknown: boolean }> {
  const stored = await listStoredSelections(db);
  const selections = stored.map((s) => ({ id: s.id, title: s.title, asOf: s.asOf }));
  const named = selectionId !== undefined && selectionId !== '' ? stored.find((s) => String(s.id) === selectionId) : undefined;
  const unknown = selectionId !== undefined && selectionId !== '' && !named;
  const adoptedId = (await listProgrammeYears(db)).find((y) => y.startsOn <= asOf && y.youthSelectionId !== null)?.youthSelectionId;
  const selection = named ?? stored.find((s) => s.id === adoptedId) ?? stored[0];
  if (!selection) return { selections, selection, choices: [], unknown };
  const [{ organisationIds }, made] = await Promise.all([planningYouthServices(db), selectedInspections(db, selection.id)]);
  const choices = selection.selected.map((s) => ({
    service: s.service,
    reasons: s.reasons.map((r) => r.text).join('; '),
    organisationId: organisationIds[s.service],
    inspectionId: made.get(s.service) ?? null,
  }));
  return { selections, selection, choices, unknown };
}

export interface FromSelection {
  /** The stored selection's id, as the form sends it. */
  selection: string;
  /** The service's name as the selection lists it. */
  service: string;
  /** YYYY-MM-DD, or '' when not given. */
  fieldworkStart: string;
}

const alreadyMade = (service: string, title: string, inspectionId: number) =>
  new FieldError([{ field: 'youthSelectionService', message: `${service} is already inspection ${inspectionId} from ${title}: a service chosen in a selection becomes one inspection only` }]);

const isUniqueViolation = (e: unknown) => !!e && typeof e === 'object' && (e as { code?: unknown }).code === '23505';

/**
 * Creates the inspection of a service the selection chose, by the current framework for youth
 * justice services, from the fieldwork start given; refuses a service already made an inspection
 * from the same selection, and fieldwork overlapping another inspection of the service.
 */
export async function createFromYouthSelection(db: Db, input: FromSelection, creator: Creator): Promise<Inspection> {
  if (!/^\d{1,9}$/.test(input.selection)) throw new FieldError([{ field: 'youthSelection', message: 'Select the youth selection' }]);
  let selection: StoredSelection;
  try {
    selection = await getStoredSelection(db, Number(input.selection));
  } catch {
    throw new FieldError([{ field: 'youthSelection', message: `There is no youth selection ${input.selection}: choose one of those stored` }]);
  }
  const problems: { field: string; message: string }[] = [];
  const selected = selection.result.selected.find((s) => s.service === input.service);
  if (!selected) problems.push({ field: 'youthSelectionService', message: `Select a youth justice service that ${selection.title} chose` });
  if (!isIsoDate(input.fieldworkStart)) problems.push({ field: 'selectionFieldworkStart', message: 'Enter the first day of fieldwork as a real date' });
  if (problems.length) throw new FieldError(problems);
  const made = (await selectedInspections(db, selection.id)).get(selected!.service);
  if (made !== undefined) throw alreadyMade(selected!.service, selection.title, made);
  const { organisationIds } = await planningYouthServices(db);
  const organisationId = organisationIds[selected!.service];
  const organisation = organisationId === undefined ? undefined : await getOrganisation(db, organisationId);
  if (!organisation || organisation.kind !== 'youth-service')
    throw new FieldError([{ field: 'youthSelectionService', message: `${selected!.service} is no longer in the registry: create the inspection directly` }]);
  const framework = currentChoice(await frameworkChoices(db), 'youth-service');
  if (!framework) throw new FieldError([{ field: 'youthSelectionService', message: 'No framework for youth justice service inspections is stored' }]);
  // The same checks as a direct creation (the fieldwork overlap above all), worded for this form.
  try {
    await checkDirectly(db, { kind: 'youth-service', pdu: '', youthService: String(organisation.id), fieldworkStart: input.fieldworkStart, framework: framework.key });
  } catch (e) {
    if (e instanceof FieldError) throw new FieldError(e.fields.map((f) => ({ field: f.field === 'fieldworkStart' ? 'selectionFieldworkStart' : 'youthSelectionService', message: f.message })));
    throw e;
  }
  const reasons = selected!.reasons.map((r) => r.text).join('; ');
  try {
    return await createInspection(db, { organisationId: organisation.id, frameworkKey: framework.key, fieldworkStart: input.fieldworkStart }, creator.actor, async (trx, inspection) => {
      await insertInspectionYouthSelection(trx, { inspectionId: inspection.id, selectionId: selection.id, service: selected!.service, asOf: selection.asOf, reasons, createdBy: creator.actor });
      await recordAudit(trx, {
        actor: creator.actor,
        action: 'inspection.created-from-youth-selection',
        entity: 'inspection',
        entityId: inspection.id,
        inspectionId: inspection.id,
        after: { selection: selection.id, asOf: selection.asOf, seed: selection.seed, service: selected!.service, reasons: selected!.reasons.map((r) => r.kind), fieldworkStart: input.fieldworkStart, framework: framework.key },
      });
      await leadIfLeadInspector(trx, inspection, creator);
    });
  } catch (e) {
    // Two people making the same service at once: the second is refused by the unique key.
    if (isUniqueViolation(e)) throw alreadyMade(selected!.service, selection.title, (await selectedInspections(db, selection.id)).get(selected!.service) ?? 0);
    throw e;
  }
}
