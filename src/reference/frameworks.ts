// Loads the framework files the project carries in reference/frameworks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from './reference-dir.ts';
import { parseFramework } from '../domain/framework/parse.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { isSfoFrameworkText } from '../domain/sfo/framework.ts';
import { currentFrameworkFor, type InspectedKind } from '../domain/framework/current.ts';

export { referenceDir };
export const frameworksDir = join(referenceDir, 'frameworks');

export interface FrameworkFile {
  path: string;
  sourceText: string;
  framework: Framework;
}

export function loadFrameworkFile(path: string): FrameworkFile {
  const sourceText = readFileSync(path, 'utf8');
  return { path, sourceText, framework: parseFramework(sourceText, path) };
}

let cache: FrameworkFile[] | undefined;

/** Every framework version shipped with the project, read once. */
export function bundledFrameworkFiles(): FrameworkFile[] {
  cache ??= readdirSync(frameworksDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(frameworksDir, f))
    .filter((path) => !isSfoFrameworkText(readFileSync(path, 'utf8'))) // SFO review frameworks: sfo-frameworks.ts
    .map(loadFrameworkFile);
  return cache;
}

/** The current shipped framework for a kind of organisation (by the files' regime.organisationKind), as id@version. */
export function currentBundledFrameworkKey(kind: InspectedKind): string {
  const found = currentFrameworkFor(bundledFrameworkFiles().map((f) => f.framework), kind);
  if (!found) throw new Error(`No shipped framework inspects ${kind}`);
  return found.key;
}

/**
 * The CLI's and the public PDU ratings' default: the current shipped framework for PDUs (hmip-adult-pdu@2021).
 * A function, not a constant: reading every framework file on import cost a restart ~0.4 s before its first page.
 */
export const defaultFramework = (): string => currentBundledFrameworkKey('pdu');

export function bundledFramework(key = defaultFramework()): Framework {
  const found = bundledFrameworkFiles().find((f) => f.framework.key === key);
  if (!found) throw new Error(`No framework ${key}; shipped: ${bundledFrameworkFiles().map((f) => f.framework.key).join(', ')}`);
  return found.framework;
}
