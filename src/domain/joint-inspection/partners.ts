// Joint inspections: which partner inspectorates may inspect alongside (the framework's rule, by the
// nation the service is in), the checks on the inspectorates chosen and on each partner inspector
// recorded on the team, and the report's sentence naming them. Pure: no I/O.
import { listAnd } from '../text/lists.ts';
import type { JointInspectionRule, Nation, PartnerInspectorate } from '../framework/schema.ts';

export interface FieldProblem {
  /** The form field the problem is in. */
  field: string;
  message: string;
}

/** A partner inspector on the team, as the rules need them. */
export interface PartnerInspectorInput {
  name: string;
  inspectorate: string;
  email: string;
}

export const PARTNER_NAME_MAX = 120;
export const EMAIL_MAX = 254;

/** The partner inspectorate as people read it: "Care Quality Commission (CQC)". */
export const partnerName = (p: Pick<PartnerInspectorate, 'name' | 'abbreviation'>): string => (p.abbreviation ? `${p.name} (${p.abbreviation})` : p.name);


/**
 * The partner inspectorates the framework allows for a service in this nation, in the framework's
 * order; none when the framework inspects no service jointly or the service's nation is not known.
 */
export function partnersFor(rule: JointInspectionRule | undefined, nation: Nation | null): PartnerInspectorate[] {
  if (!rule || !nation) return [];
  return rule.partners.filter((p) => p.nations.includes(nation));
}

/** Why the service's inspection can record no partners, or null when it can. */
export function whyNoPartners(rule: JointInspectionRule | undefined, nation: Nation | null, organisation: string): string | null {
  if (!rule) return `This framework does not inspect ${organisation}s jointly with other inspectorates.`;
  if (!nation) return `The registry does not record whether this ${organisation} is in England or Wales, so its partner inspectorates cannot be chosen.`;
  if (!partnersFor(rule, nation).length) return `This framework names no partner inspectorate for a ${organisation} in ${nation}.`;
  return null;
}

/**
 * The inspectorates chosen: each must be one the framework allows for the service's nation, and none
 * may be dropped while a partner inspector from it is still on the team.
 */
export function checkPartnerInspectorates(
  chosen: readonly string[],
  context: { rule: JointInspectionRule | undefined; nation: Nation | null; organisation: string; inspectors: readonly { name: string; inspectorate: string }[] },
): FieldProblem[] {
  const why = whyNoPartners(context.rule, context.nation, context.organisation);
  if (why) return [{ field: 'inspectorates', message: why }];
  const allowed = partnersFor(context.rule, context.nation);
  const errors: FieldProblem[] = [];
  for (const id of new Set(chosen)) {
    if (allowed.some((p) => p.id === id)) continue;
    const elsewhere = context.rule!.partners.find((p) => p.id === id);
    errors.push({
      field: 'inspectorates',
      message: elsewhere
        ? `${partnerName(elsewhere)} does not inspect a ${context.organisation} in ${context.nation}: choose from ${listAnd(allowed.map((p) => p.abbreviation ?? p.name))}`
        : `'${id}' is not a partner inspectorate in this framework: choose from ${listAnd(allowed.map((p) => p.abbreviation ?? p.name))}`,
    });
  }
  for (const inspector of context.inspectors) {
    if (chosen.includes(inspector.inspectorate)) continue;
    const p = context.rule!.partners.find((x) => x.id === inspector.inspectorate);
    errors.push({ field: 'inspectorates', message: `Remove ${inspector.name} from the team before removing ${p ? partnerName(p) : inspector.inspectorate}` });
  }
  return errors;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A partner inspector recorded on the team: a name, one of the inspection's partner inspectorates, and an email address if given. */
export function checkPartnerInspector(input: PartnerInspectorInput, recorded: readonly PartnerInspectorate[]): FieldProblem[] {
  const errors: FieldProblem[] = [];
  const name = input.name.trim();
  if (!name) errors.push({ field: 'name', message: "Enter the partner inspector's name" });
  else if (name.length > PARTNER_NAME_MAX) errors.push({ field: 'name', message: `The partner inspector's name must be ${PARTNER_NAME_MAX} characters or fewer` });
  if (!recorded.length) errors.push({ field: 'inspectorate', message: 'Record the partner inspectorates first, then add their inspectors' });
  else if (!input.inspectorate) errors.push({ field: 'inspectorate', message: "Select the partner inspector's inspectorate" });
  else if (!recorded.some((p) => p.id === input.inspectorate))
    errors.push({ field: 'inspectorate', message: `Select one of this inspection's partner inspectorates: ${listAnd(recorded.map((p) => p.abbreviation ?? p.name))}` });
  const email = input.email.trim();
  if (email.length > EMAIL_MAX) errors.push({ field: 'email', message: `The email address must be ${EMAIL_MAX} characters or fewer` });
  else if (email && !EMAIL.test(email)) errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.gov.uk, or leave it blank' });
  return errors;
}

/** The report's sentence: "This was a joint inspection with … and …." Null when no partner is recorded. */
export function jointInspectionSentence(partners: readonly Pick<PartnerInspectorate, 'name' | 'abbreviation'>[]): string | null {
  if (!partners.length) return null;
  return `This was a joint inspection with ${listAnd(partners.map(partnerName))}.`;
}
