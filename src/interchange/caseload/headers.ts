// Column headings of a caseload, recognised forgivingly: case, spaces and punctuation do not
// matter, and the names case management systems commonly use are accepted ("CRN", "Case ref",
// "RoSH", "Sentence start", "Offender manager"). Each field is also known by its framework id
// (`victim_contact_eligible`) and label ("Eligible for statutory victim contact").
import type { CaseloadField } from '../../domain/sampling/eligible-cases.ts';

/** Other names for each field, by field id; the id and the framework label are added to these. */
export const HEADING_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  case_ref: ['case reference', 'case ref', 'case ref no', 'case reference number', 'case number', 'case no', 'case id', 'case', 'crn', 'reference', 'ref'],
  practitioner: ['probation practitioner', 'practitioner name', 'offender manager', 'om', 'com', 'case manager', 'responsible officer', 'probation officer', 'allocated practitioner', 'allocated to'],
  start_date: ['start date', 'start', 'sentence start', 'sentence start date', 'start of sentence', 'order start', 'order start date', 'licence start', 'licence start date', 'supervision start', 'supervision start date', 'commencement date', 'date commenced'],
  sentence_type: ['sentence type', 'sentence', 'type of sentence', 'order type', 'disposal', 'disposal type', 'case type'],
  rosh: ['rosh level', 'rosh rating', 'risk of serious harm', 'risk of serious harm level', 'risk level', 'risk'],
  psr_prepared: ['psr', 'psr prepared', 'psr completed', 'pre sentence report', 'pre sentence report prepared', 'presentence report', 'court report'],
  victim_contact_eligible: ['victim contact', 'eligible for victim contact', 'victim contact scheme', 'vcs', 'vcs eligible', 'statutory victim contact', 'victim'],
  age_band: ['age', 'age band', 'age group', 'age range'],
  gender: ['sex', 'gender', 'sex or gender'],
  gender_reassignment: ['transgender', 'trans'],
  ethnicity: ['ethnic group', 'ethnic origin', 'race'],
  religion: ['religion or belief', 'faith', 'belief'],
  disability: ['disabled'],
  marriage_civil_partnership: ['marriage or civil partnership', 'marriage and civil partnership', 'married or in a civil partnership', 'married'],
  pregnancy_maternity: ['pregnancy or maternity', 'pregnancy and maternity', 'pregnancy', 'pregnant'],
  sexual_orientation: ['sexuality'],
  maturity: ['maturity concerns'],
  rurality: ['rural'],
  learning_needs: ['learning disability', 'learning difficulties', 'learning difficulty'],
  language_barriers: ['language barrier', 'interpreter needed', 'interpreter'],
  mental_health: ['mental health concerns'],
  cultural_identity: ['culture'],
};

/** "Case Ref.", "case_ref" and " CASE  REF " are all "case ref"; "RoSH/level" is "rosh level". */
export const headingKey = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export interface HeadingIndex {
  fieldOf(heading: string): CaseloadField | undefined;
  /** Accepted headings of a field, its label first. */
  spellings(fieldId: string): string[];
}

export function headingIndex(fields: readonly CaseloadField[]): HeadingIndex {
  const byKey = new Map<string, CaseloadField>();
  const spellings = new Map<string, string[]>();
  for (const f of fields) {
    const names = [f.label, ...(HEADING_SYNONYMS[f.id] ?? []), f.id];
    const kept: string[] = [];
    for (const name of names) {
      const key = headingKey(name);
      const taken = byKey.get(key);
      if (taken && taken !== f) throw new Error(`heading '${name}' would name both ${taken.id} and ${f.id}`);
      if (taken) continue;
      byKey.set(key, f);
      kept.push(name);
    }
    spellings.set(f.id, kept);
  }
  return { fieldOf: (h) => byKey.get(headingKey(h)), spellings: (id) => spellings.get(id) ?? [] };
}
