// Loads what every installation starts with: the shipped framework versions, the 12 probation
// regions with their PDUs and the youth justice services. Safe to run on every start: it only adds what is missing, and when the
// reference files are unchanged since the last load (their digest matches) it reads nothing more.
import { getReferenceDigest, listOrganisations, recordAudit, setReferenceDigest, upsertOrganisation, inTransaction, type Db } from '../db/repositories/index.ts';
import { referenceFilesDigest } from '../reference/digest.ts';
import { loadRegions, regionCountsUnvalidated } from '../reference/organisations.ts';
import { loadYouthServices, youthServiceCountUnvalidated } from '../reference/youth-services.ts';
import { storeBundledFrameworks } from './frameworks.ts';
import { storeBundledSfoFrameworks } from './sfo/frameworks.ts';
import { loadProgrammeRegistry } from './programme/registry.ts';

export interface ReferenceDataResult {
  frameworksAdded: string[];
  regions: number;
  pdus: number;
  /** Youth justice services in the registry's file. */
  youthServices: number;
  /** The reference files were the same as at the last load: nothing was read into the database. */
  unchanged: boolean;
}

// Raise when the loader stores something new from the same files, so every database loads again once.
const LOADER_VERSION = 'reference-loader 1';
const DIGEST_NAME = 'bundled';

export async function loadReferenceData(db: Db, actor = 'system', options: { force?: boolean } = {}): Promise<ReferenceDataResult> {
  const digest = referenceFilesDigest(LOADER_VERSION);
  if (!options.force && (await getReferenceDigest(db, DIGEST_NAME)) === digest) return { frameworksAdded: [], ...regionCountsUnvalidated(), youthServices: youthServiceCountUnvalidated(), unchanged: true };
  const file = loadRegions();
  return inTransaction(db, async (trx) => {
    const frameworksAdded = [...(await storeBundledFrameworks(trx)), ...(await storeBundledSfoFrameworks(trx))];
    const before = (await listOrganisations(trx)).length;
    let pdus = 0;
    for (const region of file.regions) {
      const stored = await upsertOrganisation(trx, {
        kind: 'region',
        name: region.name,
        code: region.deliusProviderCode ?? null,
        parentId: null,
        details: { inspections: region.regionInspections ?? [], formerPduNames: region.formerPduNames ?? [], source: `regions-pdus.json (as of ${file.asOf})` },
      });
      for (const pdu of region.pdus) {
        pdus++;
        await upsertOrganisation(trx, {
          kind: 'pdu',
          name: pdu.name,
          parentId: stored.id,
          details: {
            inspections: pdu.inspections,
            ...(pdu.hmipReportName ? { hmipReportName: pdu.hmipReportName } : {}),
            ...(pdu.hmppsReferenceName ? { hmppsReferenceName: pdu.hmppsReferenceName } : {}),
            ...(pdu.nonGeographic ? { nonGeographic: true } : {}),
          },
        });
      }
    }
    await loadProgrammeRegistry(trx, actor); // youth justice services, names over time
    const added = (await listOrganisations(trx)).length - before;
    if (frameworksAdded.length || added)
      await recordAudit(trx, {
        actor,
        action: 'reference-data.loaded',
        entity: 'reference-data',
        entityId: 'bundled',
        after: { frameworksAdded, organisationsAdded: added },
      });
    await setReferenceDigest(trx, DIGEST_NAME, digest);
    return { frameworksAdded, regions: file.regions.length, pdus, youthServices: loadYouthServices().services.length, unchanged: false };
  });
}
