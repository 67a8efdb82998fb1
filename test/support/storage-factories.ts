// Rows for storage and service tests: the bundled framework, an organisation, an inspection.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Framework } from '../../src/domain/framework/framework.ts';
import { parseFramework } from '../../src/domain/framework/parse.ts';
import { saveFramework } from '../../src/db/repositories/framework-repository.ts';
import { createInspection, type Inspection, type InspectionInput } from '../../src/db/repositories/inspection-repository.ts';
import { upsertOrganisation, type Organisation, type OrganisationInput } from '../../src/db/repositories/organisation-repository.ts';
import type { Db } from '../../src/db/repositories/shared.ts';

const frameworksDir = fileURLToPath(new URL('../../reference/frameworks/', import.meta.url));

export const BUNDLED_FRAMEWORK_FILE = 'hmip-adult-pdu-2021.yaml';

/** Stores a framework file from reference/frameworks (by default the 2021 adult PDU framework). */
export async function seedFramework(db: Db, file = BUNDLED_FRAMEWORK_FILE): Promise<Framework> {
  const path = join(frameworksDir, file);
  const sourceText = readFileSync(path, 'utf8');
  const framework = parseFramework(sourceText, path);
  const { id, version, title } = framework.definition;
  await saveFramework(db, { id, version, title, definition: framework.definition, sourceText });
  return framework;
}

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter} ${Math.random().toString(36).slice(2, 7)}`;

/** A PDU in a region, both made up (unique names). */
export async function seedPdu(db: Db, overrides: Partial<OrganisationInput> = {}): Promise<Organisation> {
  const region = await upsertOrganisation(db, { kind: 'region', name: unique('Test region') });
  return upsertOrganisation(db, { kind: 'pdu', name: unique('Test PDU'), parentId: region.id, ...overrides });
}

/** An inspection of a new PDU under the bundled framework (stored if needed). */
export async function seedInspection(db: Db, overrides: Partial<InspectionInput> = {}): Promise<Inspection> {
  const framework = await seedFramework(db);
  const organisationId = overrides.organisationId ?? (await seedPdu(db)).id;
  return createInspection(db, {
    organisationId,
    frameworkId: framework.definition.id,
    frameworkVersion: framework.definition.version,
    title: 'Test inspection',
    fieldworkStart: '2026-03-02',
    fieldworkEnd: '2026-03-13',
    ...overrides,
  });
}
