// The pages and the report against every framework shipped in reference/frameworks, and against a
// framework of another shape added as a file alone (test/fixtures/frameworks/other-shape-2030.yaml:
// five standards, three ratings, points 0/2/5): an inspection of the kind the file inspects, its
// assessment imported, then each page the team works on and the report (page, PDF, workbook) as the
// lead inspector, in the framework's own words.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrganisations, type Db } from '../../src/db/repositories/index.ts';
import { saveFramework } from '../../src/db/repositories/framework-repository.ts';
import type { Framework } from '../../src/domain/framework/framework.ts';
import { parseFramework } from '../../src/domain/framework/parse.ts';
import { createApp } from '../../src/http/app.ts';
import { writeAssessmentCsv } from '../../src/interchange/assessment-file.ts';
import { bundledFrameworkFiles } from '../../src/reference/frameworks.ts';
import { createInspection, importAssessments } from '../../src/services/inspections.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { anyFrameworkAssessment } from '../support/any-framework-assessment.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

const otherShapeText = readFileSync(new URL('../fixtures/frameworks/other-shape-2030.yaml', import.meta.url), 'utf8');
const otherShape = parseFramework(otherShapeText, 'other-shape-2030.yaml');
const frameworks: [string, Framework][] = [...bundledFrameworkFiles().map((f) => [f.framework.key, f.framework] as [string, Framework]), [otherShape.key, otherShape]];

let handle: TestDatabase;
let db: Db;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  db = handle.db;
  await loadReferenceData(db, 'test');
  const { definition } = otherShape;
  await saveFramework(db, { id: definition.id, version: definition.version, title: definition.title, definition, sourceText: otherShapeText });
  app = createApp({ db });
});
afterAll(() => handle?.close());

const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;|’/g, "'").replace(/\s+/g, ' ');

describe.each(frameworks)('%s', (key, framework) => {
  const regime = framework.definition.regime;
  let id: number;
  let lead: TestSession;
  const get = (path: string) => app.request(path, { headers: { cookie: lead.cookie } });
  const page = async (path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    return text(await res.text());
  };

  beforeAll(async () => {
    const [organisation] = await listOrganisations(db, regime.organisationKind);
    const inspection = await createInspection(db, { organisationId: organisation!.id, frameworkKey: key, fieldworkStart: '2026-09-07' }, 'test:lead');
    id = inspection.id;
    const assessment = anyFrameworkAssessment(framework, 7, 12);
    await importAssessments(db, { inspectionId: id, text: writeAssessmentCsv(framework, assessment), format: 'csv', strict: true }, 'test:lead');
    lead = await signedIn(db, 'lead-inspector', { inspection: { id, as: 'lead-inspector' } });
  });

  it('shows the overview, the cases and a case’s standards by the file’s case attributes and case-rated standards', async () => {
    const overview = await page(`/inspections/${id}`);
    expect(overview).toContain(framework.definition.title);
    const cases = await page(`/inspections/${id}/cases`);
    const caseType = framework.definition.caseAttributes.find((a) => a.role === 'case-type');
    if (caseType) expect(cases).toContain(caseType.label);
    expect(cases).toContain('ANY-001');
    const caseHtml = await (await get(`/inspections/${id}/cases/ANY-001`)).text();
    expect(framework.caseStandards.some((s) => text(caseHtml).includes(`${s.id} ${s.name}`))).toBe(true);
    // A standard the case's type or attributes make applicable is linked; its key questions are asked.
    const open = framework.caseStandards.filter((s) => caseHtml.includes(`href="/inspections/${id}/cases/ANY-001/standards/${s.id}"`));
    expect(open.length).toBeGreaterThan(0);
    const form = await page(`/inspections/${id}/cases/ANY-001/standards/${open[0]!.id}`);
    expect(form).toContain(open[0]!.name);
    expect(open[0]!.keyQuestions.some((k) => form.includes(k.text.slice(0, 30)))).toBe(true);
  });

  it('shows the lead inspector the standards judged for the service and the judgements, in the file’s words', async () => {
    const judged = framework.standards.filter((s) => s.assessedBy === 'lead-inspector-judgement');
    const judgements = await page(`/inspections/${id}/judgements`);
    expect(judgements).toContain(regime.judgementsSection);
    for (const s of judged) expect(judgements).toContain(s.name);
    for (const j of framework.definition.rules.judgements) expect(judgements).toContain(j.name);
  });

  it('makes the report (page, PDF, workbook) with the file’s title, sections and rating rule', async () => {
    const report = await page(`/inspections/${id}/report`);
    const [organisation] = await listOrganisations(db, regime.organisationKind);
    expect(report).toContain(regime.report.title.replace('{organisation}', organisation!.name));
    expect(report).toContain(`The views of ${regime.people.plural}`);
    for (const s of framework.standards.filter((s) => ['rated', 'rated-separately'].includes(framework.treatment(s.id)))) expect(report).toContain(`${s.id} ${s.name}`);
    for (const j of framework.definition.rules.judgements) expect(report).toContain(j.name);
    if (regime.organisationKind !== 'pdu') {
      expect(report).not.toMatch(/\bPDU\b/);
      expect(report).not.toContain('people on probation');
    }
    const pdf = await get(`/inspections/${id}/report?format=pdf`);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await get(`/inspections/${id}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('offers the report’s sections to write in the file’s words', async () => {
    const writing = await page(`/inspections/${id}/report-writing`);
    expect(writing).toContain(`The views of ${regime.people.plural}`);
    if (regime.organisationKind !== 'pdu') expect(writing).not.toMatch(/\bPDU\b/);
  });
});
