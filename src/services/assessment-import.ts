// Replacing an inspection's assessments with those in a file, validated and saved in one
// transaction: a CSV file is read as a stream and saved a batch of cases at a time as it is
// validated, so that memory stays bounded whatever its size; any error anywhere rolls everything
// back and every problem is reported. The ratings are tallied case by case on the way.
import {
  addAssessmentCases,
  assessmentShape,
  beginAssessmentReplace,
  recordAudit,
  replaceJudgements,
  inTransaction,
  type Db,
} from '../db/repositories/index.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { InspectionTally } from '../domain/rating/engine.ts';
import type { InspectionRatings } from '../domain/rating/result.ts';
import {
  parseAssessmentFile,
  readAssessmentCsvStream,
  type CaseBatches,
  type FileFormat,
  type FileProblem,
  type StreamResult,
} from '../interchange/assessment-file.ts';
import { AppError } from './errors.ts';

/** A file's content: its text (an upload, a test), or its bytes from the start each time `chunks` is called (a file on disk). */
export type AssessmentSource = { text: string } | { chunks: () => AsyncIterable<Uint8Array>; text: () => Promise<string> };

export interface FileImported {
  cases: number;
  warnings: FileProblem[];
  ratings: InspectionRatings;
}

/** The file was rejected: the transaction is rolled back, then this becomes the AppError. */
class Rejected extends Error {
  constructor(readonly errors: FileProblem[]) {
    super('rejected');
  }
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** A JSON file is read whole (it is parsed whole anyway), then saved through the same batches. */
async function readJson(framework: Framework, text: string, strict: boolean, batches: CaseBatches): Promise<StreamResult> {
  const parsed = parseAssessmentFile(framework, text, 'json', { strict });
  if (!parsed.ok) return parsed;
  const { cases, judgements } = parsed.assessment;
  await batches.begin();
  await batches.save(cases);
  const answers = cases.reduce((n, c) => n + Object.keys(c.answers).length, 0);
  return { ok: true, judgements, cases: cases.length, answers, warnings: parsed.warnings };
}

export async function importAssessmentFile(
  db: Db,
  inspectionId: number,
  framework: Framework,
  file: { source: AssessmentSource; format: FileFormat; strict: boolean },
  actor: string,
): Promise<FileImported> {
  const { source, format, strict } = file;
  try {
    return await inTransaction(db, async (trx) => {
      const before = await assessmentShape(trx, inspectionId);
      let tally = new InspectionTally(framework);
      const batches: CaseBatches = {
        begin: async () => {
          tally = new InspectionTally(framework);
          await beginAssessmentReplace(trx, inspectionId, framework.key);
        },
        save: async (cases) => {
          for (const c of cases) tally.add(c);
          await addAssessmentCases(trx, inspectionId, cases);
        },
      };
      let read: StreamResult;
      if (format === 'json') read = await readJson(framework, 'chunks' in source ? await source.text() : source.text, strict, batches);
      else if ('chunks' in source) read = await readAssessmentCsvStream(framework, source.chunks, { strict }, batches, source.text);
      else {
        const { text } = source;
        read = await readAssessmentCsvStream(framework, () => once(Buffer.from(text, 'utf8')), { strict }, batches, async () => text);
      }
      if (!read.ok) throw new Rejected(read.errors);

      await replaceJudgements(trx, inspectionId, read.judgements, actor);
      const judgements = Object.fromEntries(Object.entries(read.judgements).map(([id, j]) => [id, j.rating]));
      await recordAudit(trx, {
        actor,
        action: 'assessments.imported',
        entity: 'inspection',
        entityId: inspectionId,
        inspectionId,
        before,
        after: { cases: read.cases, answers: read.answers, judgements, format, warnings: read.warnings.length },
      });
      return { cases: read.cases, warnings: read.warnings, ratings: tally.rate(read.judgements) };
    });
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
    throw new AppError('invalid', `The file has ${e.errors.length} error${e.errors.length === 1 ? '' : 's'}; nothing was imported`, e.errors);
  }
}
