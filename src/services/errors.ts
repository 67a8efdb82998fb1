// Errors a use case can end with; HTTP and the CLI turn them into a status or an exit code.
import type { FileProblem } from '../interchange/assessment-file.ts';

export type AppErrorCode = 'not-found' | 'invalid' | 'conflict' | 'forbidden';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly problems: FileProblem[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
