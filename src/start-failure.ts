// Why `npm start` (or a command) could not start, in one line for the operator: a setting, the data
// folder, the database server. Undefined for anything else, which is a fault in the code and keeps
// its stack trace.
import { ConfigError } from './config.ts';
import { DataFolderError, DataFolderInUseError } from './db/data-folder-lock.ts';

const SERVER_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  '28P01': 'the password was refused',
  '28000': 'the user may not connect',
  '3D000': 'there is no such database',
};

export function startFailureLine(error: unknown): string | undefined {
  if (error instanceof StartFailure || error instanceof ConfigError || error instanceof DataFolderError || error instanceof DataFolderInUseError) return error.message;
  // The server's refusal arrives wrapped (a failed migration, say): look along the causes.
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && e.code in SERVER_CODES)
      return `Cannot use the PostgreSQL server in DATABASE_URL: ${SERVER_CODES[e.code]}${typeof e.message === 'string' && e.message ? ` (${e.message.split('\n')[0]})` : ''}.`;
  }
  return undefined;
}

/** A reason not to start that is already one line for the operator (a port in use, say). */
export class StartFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartFailure';
  }
}
