// Loads the SFO review framework files the project carries in reference/frameworks (those marked
// `kind: sfo-review`; the case-based frameworks beside them are read by frameworks.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSfoFrameworkText, parseSfoFramework, type SfoFramework } from '../domain/sfo/framework.ts';
import { frameworksDir } from './frameworks.ts';

export interface SfoFrameworkFile {
  path: string;
  sourceText: string;
  framework: SfoFramework;
}

export const DEFAULT_SFO_FRAMEWORK = 'hmip-sfo-review@2021';

let cache: SfoFrameworkFile[] | undefined;

/** Every SFO review framework version shipped with the project, read once. */
export function bundledSfoFrameworkFiles(): SfoFrameworkFile[] {
  cache ??= readdirSync(frameworksDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ path: join(frameworksDir, f), sourceText: readFileSync(join(frameworksDir, f), 'utf8') }))
    .filter((f) => isSfoFrameworkText(f.sourceText))
    .map((f) => ({ ...f, framework: parseSfoFramework(f.sourceText, f.path) }));
  return cache;
}

export function bundledSfoFramework(key = DEFAULT_SFO_FRAMEWORK): SfoFramework {
  const found = bundledSfoFrameworkFiles().find((f) => f.framework.key === key);
  if (!found) throw new Error(`No SFO review framework ${key}; shipped: ${bundledSfoFrameworkFiles().map((f) => f.framework.key).join(', ')}`);
  return found.framework;
}
