// Framework versions as loaded: the checked definition and the original file text. A published
// version never changes; a changed framework is a new version.
import type { FrameworkDefinition } from '../../domain/framework/schema.ts';
import { toJson, type Db } from './shared.ts';

export interface FrameworkInput {
  id: string;
  version: string;
  title: string;
  definition: FrameworkDefinition;
  /** The original YAML (or JSON) text. */
  sourceText: string;
}

export interface FrameworkSummary {
  id: string;
  version: string;
  title: string;
  loadedAt: Date;
}

export interface StoredFramework extends FrameworkSummary {
  definition: FrameworkDefinition;
  sourceText: string;
}

export class PublishedFrameworkChangedError extends Error {
  constructor(
    readonly frameworkId: string,
    readonly version: string,
  ) {
    super(
      `Framework ${frameworkId} version ${version} is already stored with different text; ` +
        'a published version can\'t change: give the changed framework a new version',
    );
    this.name = 'PublishedFrameworkChangedError';
  }
}

/**
 * Stores a framework version. Storing the same id+version again with identical text does nothing;
 * with different text it throws PublishedFrameworkChangedError.
 */
export async function saveFramework(db: Db, input: FrameworkInput): Promise<'created' | 'unchanged'> {
  const inserted = await db
    .insertInto('framework')
    .values({
      id: input.id,
      version: input.version,
      title: input.title,
      definition: toJson(input.definition),
      source_text: input.sourceText,
    })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return 'created';
  const existing = await getFrameworkSource(db, input.id, input.version);
  if (existing !== input.sourceText) throw new PublishedFrameworkChangedError(input.id, input.version);
  return 'unchanged';
}

/** Replaces a stored version's text (and definition) only while it still holds `previousText`; whether it did. */
export async function replaceFrameworkText(db: Db, input: FrameworkInput, previousText: string): Promise<boolean> {
  const updated = await db
    .updateTable('framework')
    .set({ title: input.title, definition: toJson(input.definition), source_text: input.sourceText })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .where('source_text', '=', previousText)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Every stored framework version, by id then version. */
export async function listFrameworks(db: Db): Promise<FrameworkSummary[]> {
  const rows = await db
    .selectFrom('framework')
    .select(['id', 'version', 'title', 'loaded_at'])
    .orderBy('id')
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, title: r.title, loadedAt: r.loaded_at }));
}

export async function getFramework(db: Db, id: string, version: string): Promise<StoredFramework | undefined> {
  const row = await db
    .selectFrom('framework')
    .selectAll()
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        version: row.version,
        title: row.title,
        loadedAt: row.loaded_at,
        definition: row.definition as FrameworkDefinition,
        sourceText: row.source_text,
      }
    : undefined;
}

/** The original text of a framework version, or undefined when it isn't stored. */
export async function getFrameworkSource(db: Db, id: string, version: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('framework')
    .select('source_text')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.source_text;
}
