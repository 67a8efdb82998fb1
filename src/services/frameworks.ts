// Framework versions as stored: an inspection is always rated by the rules of the version its
// assessments were made under, read from the database, not from whatever file ships today.
import { createHash } from 'node:crypto';
import { PublishedFrameworkChangedError, replaceFrameworkText } from '../db/repositories/framework-repository.ts';
import { getFrameworkSource, listFrameworks, recordAudit, saveFramework, type Db } from '../db/repositories/index.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { diffFrameworks, type FrameworkDiff } from '../domain/framework/diff.ts';
import { parseFramework } from '../domain/framework/parse.ts';
import { bundledFrameworkFiles } from '../reference/frameworks.ts';
import { AppError } from './errors.ts';

const compiled = new Map<string, Framework>();
/**
 * The same by key and stored text, kept when `compiled` is forgotten: a version is read again from
 * the next database, but text compiled once is not compiled again (each test file sharing a worker
 * stores the shipped texts: ~20 ms of parsing a file).
 */
const compiledText = new Map<string, Framework>();

/** Forgets every compiled version: for a process that goes on to another database (test files sharing a worker). */
export function forgetStoredFrameworks(): void {
  compiled.clear();
}

export async function storedFramework(db: Db, id: string, version: string): Promise<Framework> {
  const key = `${id}@${version}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const source = await getFrameworkSource(db, id, version);
  if (source === undefined) throw new AppError('not-found', `No framework ${key} is stored`);
  const textKey = `${key}\n${source}`;
  const framework = compiledText.get(textKey) ?? parseFramework(source, key);
  compiledText.set(textKey, framework);
  compiled.set(key, framework);
  return framework;
}

export async function storedFrameworkByKey(db: Db, key: string): Promise<Framework> {
  const at = key.lastIndexOf('@');
  if (at < 1) throw new AppError('invalid', `A framework is named id@version, e.g. hmip-adult-pdu@2021, not "${key}"`);
  return storedFramework(db, key.slice(0, at), key.slice(at + 1));
}

/**
 * The framework of a stored version without waiting on the database: the one already compiled from
 * its stored text, else the shipped text of that version (the stored text of a shipped version is the
 * shipped one once storeBundledFrameworks has run at start). Undefined for a loaded version not yet read.
 */
export function frameworkKnownNow(id: string, version: string): Framework | undefined {
  const key = `${id}@${version}`;
  return compiled.get(key) ?? bundledFrameworkFiles().find((f) => f.framework.key === key)?.framework;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Stores every framework version the project ships; versions already stored must be unchanged,
 * unless the shipped text names the stored one among those it `replaces` (additions that leave
 * every rating unchanged): then the stored text is replaced, audited.
 */
export async function storeBundledFrameworks(db: Db): Promise<string[]> {
  const created: string[] = [];
  for (const file of bundledFrameworkFiles()) {
    const { definition } = file.framework;
    const input = { id: definition.id, version: definition.version, title: definition.title, definition, sourceText: file.sourceText };
    try {
      if ((await saveFramework(db, input)) === 'created') created.push(file.framework.key);
    } catch (e) {
      if (!(e instanceof PublishedFrameworkChangedError)) throw e;
      const stored = await getFrameworkSource(db, definition.id, definition.version);
      const replaced = stored !== undefined && definition.replaces?.find((r) => r.sha256 === sha256(stored));
      if (!replaced || !(await replaceFrameworkText(db, input, stored))) throw e;
      compiled.delete(file.framework.key);
      await recordAudit(db, {
        actor: 'system',
        action: 'framework.text-replaced',
        entity: 'framework',
        entityId: file.framework.key,
        before: { sha256: sha256(stored) },
        after: { sha256: sha256(file.sourceText), note: replaced.note },
      });
    }
  }
  return created;
}

/** What changed between two stored framework versions (`id@version` each). */
export async function diffStoredFrameworks(db: Db, fromKey: string, toKey: string): Promise<FrameworkDiff> {
  return diffFrameworks(await storedFrameworkByKey(db, fromKey), await storedFrameworkByKey(db, toKey));
}

export { listFrameworks };
