// The service's list of eligible cases (3.15): what each case must tell us before the sample is
// drawn. Attributes use the framework's ids and normal values, the same as a case assessment, so a
// sampled case starts its assessment with them already filled in.
import type { Framework } from '../framework/framework.ts';
import type { CaseAttribute, Condition } from '../framework/schema.ts';

export interface EligibleCase {
  /** The service's own reference, in canonical form (see canonicalCaseRef). */
  caseRef: string;
  /** The practitioner holding the case: the person inspectors interview about it. */
  practitioner: string;
  /** By framework attribute id, normalised: `start_date` ISO, yes-no as `yes`/`no`, choices by value.
   * An attribute with nothing recorded is absent. */
  attributes: Record<string, string>;
}

/** A fact a caseload gives about each case: the reference, the practitioner or a case attribute. */
export interface CaseloadField {
  id: string;
  label: string;
  required: boolean;
  /** Absent for the reference and the practitioner. */
  attribute?: CaseAttribute;
}

export const CASE_REF = 'case_ref';
export const PRACTITIONER = 'practitioner';

function conditionsOf(framework: Framework): Condition[] {
  return framework.caseStandards.flatMap((s) => [
    s.appliesWhen,
    ...s.keyQuestions.flatMap((kq) => [kq.appliesWhen, ...kq.prompts.map((p) => p.appliesWhen)]),
  ]).filter((c): c is Condition => c !== undefined);
}

/**
 * The fields of a caseload, in order. Required: the reference, the practitioner, every attribute
 * the framework requires of a case, and every attribute that decides which standards apply
 * (pre-sentence report, victim contact, sentence type), because the sample's reliability is worked
 * out from them before any case is read; and the date the case began, which the window is about
 * (without it a case could never be sampled). The protected characteristics and personal circumstances
 * of 4.2 are optional.
 */
export function caseloadFields(framework: Framework): CaseloadField[] {
  const deciding = new Set(conditionsOf(framework).map((c) => c.attribute));
  return [
    { id: CASE_REF, label: 'Case reference', required: true },
    { id: PRACTITIONER, label: 'Practitioner', required: true },
    ...framework.definition.caseAttributes.map((a) => ({
      id: a.id,
      label: a.label,
      required: a.required === true || deciding.has(a.id) || a.role === 'start-date',
      attribute: a,
    })),
  ];
}

/** A case reference compared and kept without case or spaces: ` x123 456` is `X123456`, as case
 * management systems print a CRN. */
export const canonicalCaseRef = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/**
 * The date the case began (ISO), read from the attribute the framework gives the start-date role
 * (the sample window is about it); empty when the framework names none or the case does not say.
 */
export const caseStart = (framework: Framework, c: EligibleCase): string => {
  const id = framework.attributeWithRole('start-date')?.id;
  return id === undefined ? '' : (c.attributes[id] ?? '');
};
