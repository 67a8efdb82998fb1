// The process's one logger: JSON lines (pino) on standard output. The level comes from LOG_LEVEL
// (default info); test runs are silent unless LOG_LEVEL says otherwise, so their output stays readable.
// Log no personal data: no email addresses, no request bodies, no query strings.
import { pino } from 'pino';

const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');

export const logger = pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
