// Turns framework file text into a compiled framework, or a FrameworkError naming the file, the
// path inside it and the problem.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { compileFramework, FrameworkError, type Framework } from './framework.ts';
import { FrameworkSchema } from './schema.ts';

const formatPath = (path: PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

export function parseFramework(text: string, fileName: string): Framework {
  let raw: unknown;
  try {
    raw = fileName.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? `line ${e.linePos[0].line}` : '';
    throw new FrameworkError(fileName, [{ path: where, message: (e as Error).message.split('\n')[0] ?? 'unreadable' }]);
  }
  const result = FrameworkSchema.safeParse(raw);
  if (!result.success) {
    throw new FrameworkError(
      fileName,
      result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
  }
  return compileFramework(result.data, fileName);
}
