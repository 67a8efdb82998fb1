// Small helpers shared by the commands: reading input files, reporting problems, exit codes.
import { readFileSync } from 'node:fs';
import type { Framework } from '../domain/framework/framework.ts';
import { formatFromFileName, formatProblem, parseAssessmentFile, type FileProblem } from '../interchange/assessment-file.ts';

/** Exit codes: 1 for input the program refused, 2 for a command used wrongly. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function readInput(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

export function problemsText(file: string, kind: 'error' | 'warning', problems: FileProblem[]): string {
  return problems.map((p) => `${file}: ${kind}: ${formatProblem(p)}`).join('\n');
}

/** Parses an assessment file or throws a CliError listing every problem. */
export function readAssessmentFile(framework: Framework, path: string, options: { format?: string; strict?: boolean }) {
  const format = (options.format ?? formatFromFileName(path)) as 'csv' | 'json' | undefined;
  if (format !== 'csv' && format !== 'json')
    throw new CliError(`Cannot tell the format of ${path}: name it .csv or .json, or pass --format csv|json`, 2);
  const result = parseAssessmentFile(framework, readInput(path), format, { strict: options.strict ?? false });
  if (result.warnings.length) process.stderr.write(problemsText(path, 'warning', result.warnings) + '\n');
  if (!result.ok)
    throw new CliError(
      `${problemsText(path, 'error', result.errors)}\n${path}: rejected with ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}; nothing was imported.`,
    );
  return result;
}
