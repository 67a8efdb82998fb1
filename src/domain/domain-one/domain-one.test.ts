import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { canOpenArea, type Actor, type InspectionScope } from '../access/permissions.ts';
import { mayChangeEvidence, mayRecordEvidence } from './access.ts';
import { checkedEvidence, countsInWords, evidenceProblems, findingCounts, FINDINGS, groupByKeyQuestion, type EvidenceInput } from './evidence.ts';
import { domainOneStandard, domainOneStandards, evidenceTarget, evidenceTargets } from './questions.ts';

const framework = bundledFramework('hmip-adult-pdu@2021');

describe('the domain-one key questions and prompts, read from the framework file', () => {
  it('are the four PDU standards of domain one, with every key question and prompt of the file in order', () => {
    const standards = domainOneStandards(framework);
    expect(standards.map((s) => `${s.id} ${s.name}`)).toEqual(['1.1 Leadership', '1.2 Staffing', '1.3 Services', '1.4 Information and facilities']);
    // The same questions and prompts, word for word, as the file's domain one.
    const fromFile = framework.definition.domains[0]!.standards;
    expect(standards.map((s) => s.keyQuestions.map((kq) => [kq.id, kq.text, kq.prompts.map((p) => [p.id, p.text])]))).toEqual(
      fromFile.map((s) => s.keyQuestions.map((kq) => [kq.id, kq.text, kq.prompts.map((p) => [p.id, p.text])])),
    );
    expect(standards.reduce((n, s) => n + s.keyQuestions.length, 0)).toBe(13);
    expect(standards.reduce((n, s) => n + s.keyQuestions.reduce((m, kq) => m + kq.prompts.length, 0), 0)).toBe(60);
  });

  it('marks the diversity prompts the file marks', () => {
    const leadership = domainOneStandard(framework, '1.1')!;
    expect(leadership.keyQuestions[0]!.prompts.find((p) => p.id === '1.1.1e')!.diversity).toBe(true);
    expect(leadership.keyQuestions[0]!.prompts.find((p) => p.id === '1.1.1a')!.diversity).toBe(false);
  });

  it('is not a case standard, and not the regional review of the same number', () => {
    expect(domainOneStandard(framework, '2.2')).toBeUndefined();
    expect(domainOneStandard(framework, '9.9')).toBeUndefined();
    // The PDU statement, not the regional one.
    expect(domainOneStandard(framework, '1.1')!.statement).toBe(framework.standard('1.1')!.statement);
    expect(domainOneStandard(framework, '1.1')!.statement).not.toBe(framework.definition.regionalStandards!.standards[0]!.statement);
  });

  it('finds the key question or prompt evidence is recorded against, only within its own standard', () => {
    expect(evidenceTarget(framework, '1.1', '1.1.1a')).toMatchObject({ id: '1.1.1a', keyQuestionId: '1.1.1', kind: 'prompt' });
    expect(evidenceTarget(framework, '1.1', '1.1.2')).toMatchObject({ id: '1.1.2', keyQuestionId: '1.1.2', kind: 'key-question' });
    expect(evidenceTarget(framework, '1.2', '1.1.1a')).toBeUndefined();
    expect(evidenceTarget(framework, '2.2', '2.2.1a')).toBeUndefined();
    expect(evidenceTarget(framework, '1.1', '1.1')).toBeUndefined();
    const targets = evidenceTargets(domainOneStandard(framework, '1.4')!);
    expect(targets[0]).toMatchObject({ id: '1.4.1', kind: 'key-question' });
    expect(targets.every((t) => evidenceTarget(framework, '1.4', t.id)?.text === t.text)).toBe(true);
  });
});

const choices = { targets: new Set(['1.1.1', '1.1.1a']), surveyStatements: new Set(['S1']), caseKeyQuestions: new Set(['2.2.1']), today: '2026-10-05' };
const valid: EvidenceInput = { itemId: '1.1.1a', kind: 'interview', source: 'Interview with the head of PDU', date: '2026-10-05', text: 'Staff know the plan.', finding: 'strength', surveyStatementId: '', caseKeyQuestionId: '' };

describe('checking evidence', () => {
  it('accepts complete evidence and trims it', () => {
    expect(evidenceProblems(valid, choices)).toEqual([]);
    expect(checkedEvidence({ ...valid, source: '  Staff survey ', surveyStatementId: 'S1' })).toMatchObject({ source: 'Staff survey', surveyStatementId: null, caseKeyQuestionId: null });
  });

  it('names every problem in words, in the form’s order', () => {
    const problems = evidenceProblems({ itemId: '2.2.1', kind: '', source: ' ', date: '', text: '', finding: 'good', surveyStatementId: '', caseKeyQuestionId: '' }, choices);
    expect(problems).toEqual([
      { field: 'itemId', message: 'Select the key question or prompt the evidence is about' },
      { field: 'kind', message: 'Select the kind of evidence' },
      { field: 'source', message: 'Enter where the evidence comes from, for example “Interview with the head of PDU”' },
      { field: 'date', message: 'Enter the date of the evidence' },
      { field: 'text', message: 'Enter what the evidence shows' },
      { field: 'finding', message: 'Select whether the evidence is a strength, an area for improvement or neutral' },
    ]);
  });

  it('refuses a date after today and text or source that is too long', () => {
    expect(evidenceProblems({ ...valid, date: '2026-10-06' }, choices)).toEqual([{ field: 'date', message: 'The date of the evidence must be today or in the past' }]);
    expect(evidenceProblems({ ...valid, source: 'x'.repeat(201), text: 'y'.repeat(10_001) }, choices).map((p) => p.field)).toEqual(['source', 'text']);
  });

  it('links survey evidence to a statement and case findings to a domain-two key question, whose figures stand in for the text', () => {
    expect(evidenceProblems({ ...valid, kind: 'survey', text: '', surveyStatementId: 'S1' }, choices)).toEqual([]);
    expect(evidenceProblems({ ...valid, kind: 'survey', surveyStatementId: 'S9' }, choices)).toEqual([{ field: 'surveyStatementId', message: 'Select the survey statement the evidence comes from' }]);
    expect(evidenceProblems({ ...valid, kind: 'survey', surveyStatementId: 'S1' }, { ...choices, surveyStatements: new Set() })[0]!.message).toContain('no results yet');
    expect(evidenceProblems({ ...valid, kind: 'case-findings', text: '', caseKeyQuestionId: '2.2.1' }, choices)).toEqual([]);
    expect(evidenceProblems({ ...valid, kind: 'case-findings', caseKeyQuestionId: '' }, choices).map((p) => p.field)).toEqual(['caseKeyQuestionId']);
    // Only the link of the evidence's kind is kept.
    expect(checkedEvidence({ ...valid, kind: 'case-findings', caseKeyQuestionId: '2.2.1', surveyStatementId: 'S1' })).toMatchObject({ caseKeyQuestionId: '2.2.1', surveyStatementId: null });
  });
});

describe('grouping evidence by key question, with counts', () => {
  const leadership = domainOneStandard(framework, '1.1')!;
  const e = (id: number, itemId: string, finding: string, date = '2026-10-01', withdrawn = false) => ({ id, itemId, finding, date, withdrawn });

  it('puts prompt evidence under its key question, oldest first, and leaves withdrawn evidence out of lists and counts', () => {
    const grouped = groupByKeyQuestion(leadership, [
      e(1, '1.1.1a', 'strength', '2026-10-02'),
      e(2, '1.1.1', 'area-for-improvement', '2026-10-01'),
      e(3, '1.1.2b', 'neutral'),
      e(4, '1.1.1b', 'strength', '2026-10-01', true),
      e(5, '2.2.1', 'strength'),
    ]);
    expect(grouped.groups.map((g) => g.keyQuestionId)).toEqual(['1.1.1', '1.1.2', '1.1.3']);
    expect(grouped.groups[0]!.evidence.map((x) => x.id)).toEqual([2, 1]);
    expect(grouped.groups[0]!.counts).toEqual({ strengths: 1, areasForImprovement: 1, neutral: 0, total: 2 });
    expect(grouped.groups[1]!.counts).toEqual({ strengths: 0, areasForImprovement: 0, neutral: 1, total: 1 });
    expect(grouped.groups[2]!.evidence).toEqual([]);
    expect(grouped.unmatched.map((x) => x.id)).toEqual([5]);
    expect(grouped.counts).toEqual({ strengths: 2, areasForImprovement: 1, neutral: 1, total: 4 });
  });

  it('counts every piece shown exactly once, whatever the evidence', () => {
    const items = evidenceTargets(leadership).map((t) => t.id);
    const arb = fc.array(fc.record({ itemId: fc.constantFrom(...items), finding: fc.constantFrom(...FINDINGS), withdrawn: fc.boolean(), date: fc.constantFrom('2026-01-01', '2026-02-01') }), { maxLength: 40 });
    fc.assert(
      fc.property(arb, (raw) => {
        const evidence = raw.map((r, i) => ({ ...r, id: i + 1 }));
        const grouped = groupByKeyQuestion(leadership, evidence);
        const shown = evidence.filter((x) => !x.withdrawn);
        expect(grouped.groups.reduce((n, g) => n + g.evidence.length, 0)).toBe(shown.length);
        expect(grouped.counts).toEqual(findingCounts(evidence));
        const sum = grouped.groups.reduce((n, g) => n + g.counts.strengths + g.counts.areasForImprovement + g.counts.neutral, 0);
        expect(sum).toBe(shown.length);
      }),
    );
  });

  it('words the counts', () => {
    expect(countsInWords({ strengths: 0, areasForImprovement: 0, neutral: 0, total: 0 })).toBe('No evidence yet');
    expect(countsInWords({ strengths: 1, areasForImprovement: 2, neutral: 0, total: 3 })).toBe('1 strength, 2 areas for improvement');
    expect(countsInWords({ strengths: 3, areasForImprovement: 1, neutral: 2, total: 6 })).toBe('3 strengths, 1 area for improvement, 2 neutral');
  });
});

describe('who records and changes evidence', () => {
  const scope: InspectionScope = { id: 7, organisationId: 70, published: false };
  const person = (userId: number, role: Actor['role'], member?: 'lead-inspector' | 'inspector', organisationId: number | null = null): Actor => ({
    userId,
    role,
    organisationId,
    memberships: new Map(member ? [[7, member]] : []),
  });
  const lead = person(1, 'lead-inspector', 'lead-inspector');
  const allowed = person(2, 'inspector', 'inspector');
  const notAllowed = person(3, 'inspector', 'inspector');
  const writers = new Set([2, 5]);

  it('the lead and the inspectors the lead allows; not other inspectors, staff who only read, or the service', () => {
    expect(mayRecordEvidence(lead, scope, new Set())).toBe(true);
    expect(mayRecordEvidence(allowed, scope, writers)).toBe(true);
    expect(mayRecordEvidence(notAllowed, scope, writers)).toBe(false);
    // Allowed once, but no longer on the team.
    expect(mayRecordEvidence(person(5, 'inspector'), scope, writers)).toBe(false);
    expect(mayRecordEvidence(person(6, 'administrator'), scope, new Set([6]))).toBe(false);
    const service = person(8, 'service-staff', undefined, 70);
    expect(mayRecordEvidence(service, scope, new Set([8]))).toBe(false);
    for (const reportStatus of ['draft', 'factual-accuracy', 'embargoed', 'published'] as const) expect(canOpenArea(service, { ...scope, reportStatus, published: reportStatus === 'published' }, 'judgements')).toBe(false);
  });

  it('an allowed inspector changes only their own evidence; the lead any', () => {
    expect(mayChangeEvidence(allowed, scope, writers, { recordedBy: 'user:2' }, 'user:2')).toBe(true);
    expect(mayChangeEvidence(allowed, scope, writers, { recordedBy: 'user:1' }, 'user:2')).toBe(false);
    expect(mayChangeEvidence(lead, scope, writers, { recordedBy: 'user:2' }, 'user:1')).toBe(true);
    expect(mayChangeEvidence(allowed, scope, new Set(), { recordedBy: 'user:2' }, 'user:2')).toBe(false);
  });
});
