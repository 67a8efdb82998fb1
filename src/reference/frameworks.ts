// Loads the framework files the project carries in reference/frameworks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFramework } from '../domain/framework/parse.ts';
import type { Framework } from '../domain/framework/framework.ts';

export const referenceDir = fileURLToPath(new URL('../../reference/', import.meta.url));
export const frameworksDir = join(referenceDir, 'frameworks');

export function loadFrameworkFile(path: string): Framework {
  return parseFramework(readFileSync(path, 'utf8'), path);
}

let cache: Framework[] | undefined;

/** Every framework version shipped with the project, read once. */
export function bundledFrameworks(): Framework[] {
  cache ??= readdirSync(frameworksDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => loadFrameworkFile(join(frameworksDir, f)));
  return cache;
}

export function bundledFramework(key = 'hmip-adult-pdu@2021'): Framework {
  const found = bundledFrameworks().find((f) => f.key === key);
  if (!found) throw new Error(`No framework ${key}; shipped: ${bundledFrameworks().map((f) => f.key).join(', ')}`);
  return found;
}
