// Builders for the interchange tests (used by *.test.ts only): complete cases as CSV lines.
import { requiredItems } from '../domain/assessment/applicability.ts';
import { emptyCase } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { expect } from 'vitest';
import { formatProblem, type ParseResult } from './assessment-file.ts';

export const HEADER = 'case_ref,item,value';

export const BASE_ATTRIBUTES = { sentence_type: 'community', rosh: 'medium', start_date: '2026-03-02' };

/**
 * CSV lines for one case: its attributes, then every key question, prompt and outcome question
 * that applies given the attributes, answered `answer`. `override` replaces values by item id;
 * an override of undefined leaves the item out.
 */
export function caseLines(
  framework: Framework,
  caseRef: string,
  attributes: Record<string, string> = BASE_ATTRIBUTES,
  override: Record<string, string | undefined> = {},
  answer = 'yes',
): string[] {
  const c = emptyCase(caseRef);
  c.attributes = { ...attributes };
  const { keyQuestions, prompts } = requiredItems(framework, c);
  const values = new Map<string, string | undefined>([
    ...Object.entries(attributes),
    ...[...keyQuestions, ...prompts].map((id): [string, string] => [id, answer]),
  ]);
  for (const [id, v] of Object.entries(override)) values.set(id, v);
  return [...values].filter(([, v]) => v !== undefined).map(([id, v]) => `${caseRef},${id},${v}`);
}

export const csv = (...lines: (string | string[])[]): string => [HEADER, ...lines.flat()].join('\n') + '\n';

/** The line number a line will have in `csv(...)`, for a line given by its text. */
export function lineOf(text: string, line: string): number {
  const index = text.split('\n').indexOf(line);
  if (index < 0) throw new Error(`no line ${line}`);
  return index + 1;
}

export function accepted(result: ParseResult) {
  if (!result.ok) throw new Error(`expected the file to be accepted:\n${result.errors.map(formatProblem).join('\n')}`);
  return result;
}

/** The result of a rejected file, which must carry no partial assessment. */
export function rejected(result: ParseResult) {
  if (result.ok) throw new Error('expected the file to be rejected');
  expect(result).not.toHaveProperty('assessment');
  return result;
}
