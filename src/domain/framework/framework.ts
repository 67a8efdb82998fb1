// A framework definition, checked and indexed for use: look-ups by id, applicability, the rating
// scale in order. Built once per framework version and shared.
import type {
  AttributeRole,
  CaseAttribute,
  Condition,
  FrameworkDefinition,
  KeyQuestion,
  Prompt,
  Provenance,
  Regime,
  Standard,
  StandardTreatment,
} from './schema.ts';

export type ItemKind = 'prompt' | 'key-question' | 'outcome-question';

export interface ItemRef {
  id: string;
  kind: ItemKind;
  standard: Standard;
  keyQuestion: KeyQuestion;
  prompt?: Prompt;
  /** Conditions of the standard, key question and prompt, all of which must hold. */
  conditions: Condition[];
}

export interface Framework {
  definition: FrameworkDefinition;
  /** `id@version`, the key stored with every assessment. */
  key: string;
  /** Ratings in ascending order, lowest first, as the key-question bands list them. */
  ratingScale: string[];
  /** PDU standards of every domain, in document order. */
  standards: Standard[];
  standard(id: string): Standard | undefined;
  treatment(standardId: string): StandardTreatment;
  /** Standards whose key questions are judged case by case (domain two, including outcomes). */
  caseStandards: Standard[];
  /** Standards rated by the lead inspector's judgement (domain one). */
  judgementStandards: Standard[];
  item(id: string): ItemRef | undefined;
  items: ItemRef[];
  attribute(id: string): CaseAttribute | undefined;
  /** What the regime inspects, whom it serves, its sample window and breakdowns. */
  regime: Regime;
  /** The case attribute that plays a role (risk level, case type, start date), if any does. */
  attributeWithRole(role: AttributeRole): CaseAttribute | undefined;
  /** Standards rated and counted in the overall score. */
  countedStandards: Standard[];
  /** Whether the standard is not rated when no relevant cases were found, and what a relevant case is. */
  notRatedWithoutCases(standardId: string): { relevantCases: string | undefined } | undefined;
  /** Where the wording of a standard, key question or prompt comes from. */
  provenance(id: string): Provenance;
}

export class FrameworkError extends Error {
  constructor(
    readonly source: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(
      `Framework ${source} is not valid:\n` + problems.map((p) => `  ${p.path || '(top)'}: ${p.message}`).join('\n'),
    );
    this.name = 'FrameworkError';
  }
}

export const frameworkKey = (id: string, version: string): string => `${id}@${version}`;

/** Checks the cross-references a schema cannot and indexes the framework. */
export function compileFramework(def: FrameworkDefinition, source = `${def.id}@${def.version}`): Framework {
  const problems: { path: string; message: string }[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const attributes = new Map(def.caseAttributes.map((a) => [a.id, a]));
  def.caseAttributes.forEach((a, i) => {
    if (a.type === 'choice' && !a.values?.length) add(`caseAttributes[${i}].values`, 'a choice attribute needs values');
    for (const [alias, target] of Object.entries(a.aliases ?? {}))
      if (!a.values?.includes(target)) add(`caseAttributes[${i}].aliases.${alias}`, `"${target}" is not one of the values`);
  });

  const roles = new Map<AttributeRole, CaseAttribute>();
  const roleTypes: Record<AttributeRole, CaseAttribute['type']> = { 'risk-level': 'choice', 'case-type': 'choice', 'start-date': 'date' };
  def.caseAttributes.forEach((a, i) => {
    if (!a.role) return;
    if (roles.has(a.role)) add(`caseAttributes[${i}].role`, `${roles.get(a.role)!.id} already has the role ${a.role}`);
    if (a.type !== roleTypes[a.role]) add(`caseAttributes[${i}].type`, `the ${a.role} attribute must be a ${roleTypes[a.role]}`);
    roles.set(a.role, a);
  });
  const caseType = roles.get('case-type');
  def.regime.casePools?.forEach((pool, i) => {
    if (!caseType) return add(`regime.casePools[${i}]`, 'pools need an attribute with the role case-type');
    if (!caseType.values?.includes(pool.caseType)) add(`regime.casePools[${i}].caseType`, `"${pool.caseType}" is not a value of ${caseType.id}`);
    if (def.regime.casePools!.findIndex((p) => p.caseType === pool.caseType) !== i) add(`regime.casePools[${i}].caseType`, `"${pool.caseType}" is in more than one pool`);
    if (pool.minimum !== undefined && pool.target !== undefined && pool.target < pool.minimum) add(`regime.casePools[${i}].target`, 'the target is below the minimum');
  });
  if (def.regime.casePools && caseType)
    for (const value of caseType.values ?? [])
      if (!def.regime.casePools.some((p) => p.caseType === value)) add('regime.casePools', `the ${caseType.id} value "${value}" is in no pool`);
  (['breakdowns', 'sampleMix', 'stratifyBy'] as const).forEach((list) =>
    def.regime[list].forEach((id, i) => {
      if (!attributes.has(id)) add(`regime.${list}[${i}]`, `unknown case attribute "${id}"`);
    }),
  );

  const checkCondition = (c: Condition | undefined, path: string) => {
    if (!c) return;
    const attr = attributes.get(c.attribute);
    if (!attr) return add(path, `unknown case attribute "${c.attribute}"`);
    const allowed = attr.type === 'yes-no' ? ['yes', 'no'] : attr.values;
    if (allowed && !allowed.includes(c.equals)) add(path, `"${c.equals}" is not a value of ${c.attribute}`);
  };

  const items = new Map<string, ItemRef>();
  const standards: Standard[] = [];
  const seen = (id: string, path: string) => {
    if (items.has(id) || standards.some((s) => s.id === id)) add(path, `duplicate id ${id}`);
  };
  def.domains.forEach((domain, di) =>
    domain.standards.forEach((s, si) => {
      const sp = `domains[${di}].standards[${si}]`;
      seen(s.id, `${sp}.id`);
      standards.push(s);
      checkCondition(s.appliesWhen, `${sp}.appliesWhen`);
      s.keyQuestions.forEach((kq, ki) => {
        const kp = `${sp}.keyQuestions[${ki}]`;
        if (!kq.id.startsWith(`${s.id}.`)) add(`${kp}.id`, `${kq.id} does not belong to standard ${s.id}`);
        seen(kq.id, `${kp}.id`);
        checkCondition(kq.appliesWhen, `${kp}.appliesWhen`);
        const kqConditions = [s.appliesWhen, kq.appliesWhen].filter((c): c is Condition => !!c);
        items.set(kq.id, { id: kq.id, kind: 'key-question', standard: s, keyQuestion: kq, conditions: kqConditions });
        kq.prompts.forEach((p, pi) => {
          const pp = `${kp}.prompts[${pi}]`;
          if (!/^[a-z]$/.test(p.id.slice(kq.id.length)) || !p.id.startsWith(kq.id))
            add(`${pp}.id`, `${p.id} should be ${kq.id} followed by one letter`);
          seen(p.id, `${pp}.id`);
          checkCondition(p.appliesWhen, `${pp}.appliesWhen`);
          items.set(p.id, {
            id: p.id,
            kind: s.assessedBy === 'case-outcomes' ? 'outcome-question' : 'prompt',
            standard: s,
            keyQuestion: kq,
            prompt: p,
            conditions: [...kqConditions, ...(p.appliesWhen ? [p.appliesWhen] : [])],
          });
        });
      });
    }),
  );

  const rules = def.rules;
  const ratingScale = rules.keyQuestionBands.map((b) => b.rating);
  if (rules.keyQuestionBands[0]?.minPercent !== 0) add('rules.keyQuestionBands[0].minPercent', 'the lowest band must start at 0');
  rules.keyQuestionBands.forEach((b, i) => {
    const prev = rules.keyQuestionBands[i - 1];
    if (prev && b.minPercent <= prev.minPercent) add(`rules.keyQuestionBands[${i}].minPercent`, 'bands must rise in order');
  });
  if (new Set(ratingScale).size !== ratingScale.length) add('rules.keyQuestionBands', 'a rating appears twice');
  for (const r of ratingScale) if (!(r in rules.points)) add('rules.points', `no points for "${r}"`);
  for (const r of Object.keys(rules.points)) if (!ratingScale.includes(r)) add(`rules.points.${r}`, 'not a rating of the scale');
  const pointsAscending = ratingScale.every((r, i) => i === 0 || rules.points[r]! > rules.points[ratingScale[i - 1]!]!);
  if (!pointsAscending) add('rules.points', 'points must rise with the rating');

  const treatments = new Map<string, StandardTreatment>();
  const withoutCases = new Map<string, { relevantCases: string | undefined }>();
  const isRated = (t: StandardTreatment | undefined) => t === 'rated' || t === 'rated-separately';
  rules.standards.forEach((t, i) => {
    const s = standards.find((x) => x.id === t.standard);
    if (!s) return add(`rules.standards[${i}].standard`, `unknown standard ${t.standard}`);
    if (treatments.has(t.standard)) add(`rules.standards[${i}].standard`, `standard ${t.standard} listed twice`);
    if (!isRated(t.treatment) && s.assessedBy === 'lead-inspector-judgement')
      add(`rules.standards[${i}].treatment`, 'a judgement standard is always rated (rated or rated-separately)');
    if (t.relevantCases && !t.notRatedWithoutRelevantCases) add(`rules.standards[${i}].relevantCases`, 'goes with notRatedWithoutRelevantCases: true');
    if (t.notRatedWithoutRelevantCases) withoutCases.set(t.standard, { relevantCases: t.relevantCases });
    treatments.set(t.standard, t.treatment);
  });
  for (const s of standards) if (!treatments.has(s.id)) add('rules.standards', `standard ${s.id} has no treatment`);

  const rated = standards.filter((s) => treatments.get(s.id) === 'rated');
  const maxPoints = Math.max(...Object.values(rules.points));
  const maxScore = rated.length * maxPoints;
  const overall = rules.overallBands.bands;
  overall.forEach((b, i) => {
    if (!ratingScale.includes(b.rating)) add(`rules.overallBands.bands[${i}].rating`, `"${b.rating}" is not a rating of the scale`);
    if (b.maxScore < b.minScore) add(`rules.overallBands.bands[${i}]`, 'maxScore is below minScore');
    const expectedMin = i === 0 ? 0 : overall[i - 1]!.maxScore + 1;
    if (b.minScore !== expectedMin) add(`rules.overallBands.bands[${i}].minScore`, `should be ${expectedMin} so the bands meet`);
  });
  if (overall.at(-1)?.maxScore !== maxScore)
    add('rules.overallBands.bands', `the top band must end at ${maxScore} (${rated.length} rated standards × ${maxPoints})`);

  const judgementIds = new Set(rules.judgements.map((j) => j.id));
  rules.limitingRules.forEach((r, i) => {
    const p = `rules.limitingRules[${i}]`;
    if (!judgementIds.has(r.when.judgement)) add(`${p}.when.judgement`, `unknown judgement ${r.when.judgement}`);
    if (!ratingScale.includes(r.when.rating)) add(`${p}.when.rating`, `"${r.when.rating}" is not a rating`);
    if (!isRated(treatments.get(r.limit.standard))) add(`${p}.limit.standard`, `${r.limit.standard} is not a rated standard`);
    if (!ratingScale.includes(r.limit.highestRating)) add(`${p}.limit.highestRating`, `"${r.limit.highestRating}" is not a rating`);
  });

  def.diversityPrompts?.forEach((d, i) => {
    if (items.get(d.prompt)?.kind !== 'prompt') add(`diversityPrompts[${i}].prompt`, `unknown prompt ${d.prompt}`);
  });
  def.questionnaire?.statements.forEach((st, i) =>
    st.informs.forEach((id, j) => {
      if (!items.has(id)) add(`questionnaire.statements[${i}].informs[${j}]`, `unknown prompt ${id}`);
    }),
  );

  if (problems.length) throw new FrameworkError(source, problems);

  const byId = new Map(standards.map((s) => [s.id, s]));
  const itemList = [...items.values()];
  const fileProvenance: Provenance = { wording: def.source.wording ?? 'verbatim', source: def.source.document };
  const provenance = (id: string): Provenance => {
    const ref = items.get(id);
    const standard = byId.get(id);
    return (ref ? (ref.prompt?.provenance ?? ref.keyQuestion.provenance ?? ref.standard.provenance) : standard?.provenance) ?? fileProvenance;
  };
  return {
    definition: def,
    key: frameworkKey(def.id, def.version),
    ratingScale,
    standards,
    standard: (id) => byId.get(id),
    treatment: (id) => treatments.get(id) ?? 'rated',
    caseStandards: standards.filter((s) => s.assessedBy === 'case-assessment' || s.assessedBy === 'case-outcomes'),
    judgementStandards: standards.filter((s) => s.assessedBy === 'lead-inspector-judgement'),
    item: (id) => items.get(id),
    items: itemList,
    attribute: (id) => attributes.get(id),
    regime: def.regime,
    attributeWithRole: (role) => roles.get(role),
    countedStandards: rated,
    notRatedWithoutCases: (id) => withoutCases.get(id),
    provenance,
  };
}
