// SFO review framework versions as stored: the shipped version is stored with the reference data,
// and an administrator may load the inspectorate's own text as a new version. A stored version
// never changes; reviews are assessed by the text stored for theirs.
import { recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';
import { PublishedFrameworkChangedError } from '../../db/repositories/framework-repository.ts';
import { getSfoFrameworkSource, listSfoFrameworks, saveSfoFramework } from '../../db/repositories/sfo-repository.ts';
import { parseSfoFramework, SfoFrameworkError, type SfoFramework } from '../../domain/sfo/framework.ts';
import { bundledSfoFrameworkFiles } from '../../reference/sfo-frameworks.ts';
import { AppError } from '../errors.ts';

/** Stores every SFO framework version the project ships; versions already stored must be unchanged. */
export async function storeBundledSfoFrameworks(db: Db): Promise<string[]> {
  const created: string[] = [];
  for (const { framework, sourceText } of bundledSfoFrameworkFiles()) {
    const { id, version, title } = framework.definition;
    if ((await saveSfoFramework(db, { id, version, title, definition: framework.definition, sourceText })) === 'created') created.push(framework.key);
  }
  return created;
}

/** Checks a framework file fully: the framework, or an AppError listing every problem by its path in the file. */
export function checkSfoFrameworkText(text: string, fileName: string): SfoFramework {
  try {
    return parseSfoFramework(text, fileName);
  } catch (e) {
    if (e instanceof SfoFrameworkError) throw new AppError('invalid', `${fileName} is not a valid SFO review framework; nothing was loaded`, e.problems.map((p) => ({ path: p.path || '(top)', message: p.message })));
    throw e;
  }
}

/** Loads a framework file as a new version (audited); loading the same text again changes nothing. */
export async function loadSfoFramework(db: Db, text: string, fileName: string, actor: string): Promise<{ key: string; outcome: 'created' | 'unchanged' }> {
  const framework = checkSfoFrameworkText(text, fileName);
  const { id, version, title } = framework.definition;
  return inTransaction(db, async (trx) => {
    let outcome: 'created' | 'unchanged';
    try {
      outcome = await saveSfoFramework(trx, { id, version, title, definition: framework.definition, sourceText: text });
    } catch (e) {
      if (e instanceof PublishedFrameworkChangedError) throw new AppError('conflict', e.message);
      throw e;
    }
    if (outcome === 'created') await recordAudit(trx, { actor, action: 'sfo-framework.loaded', entity: 'sfo-framework', entityId: framework.key, after: { title, file: fileName } });
    return { key: framework.key, outcome };
  });
}

const compiled = new Map<string, SfoFramework>();

/** Forgets every compiled version: for a process that goes on to another database (test files sharing a worker). */
export function forgetStoredSfoFrameworks(): void {
  compiled.clear();
}

export async function storedSfoFramework(db: Db, id: string, version: string): Promise<SfoFramework> {
  const key = `${id}@${version}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const source = await getSfoFrameworkSource(db, id, version);
  if (source === undefined) throw new AppError('not-found', `No SFO review framework ${key} is stored`);
  const framework = parseSfoFramework(source, key);
  compiled.set(key, framework);
  return framework;
}

/** The version new samples are drawn under: the one loaded last. */
export async function currentSfoFramework(db: Db): Promise<SfoFramework> {
  const newest = (await listSfoFrameworks(db)).sort((a, b) => a.loadedAt.getTime() - b.loadedAt.getTime()).at(-1);
  if (!newest) throw new AppError('not-found', 'No SFO review framework is stored; load the reference data first');
  return storedSfoFramework(db, newest.id, newest.version);
}
