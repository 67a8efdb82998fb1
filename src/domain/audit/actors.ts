// Who did it, as the record names them: a person's name for `user:<id>`, "Command line (root)" for
// `cli:<user>`, "System" for start-up and scheduled jobs, and the outside parties that act through
// links and webhooks.
import { own, type AuditWords } from './words.ts';

/** Scheduled jobs and start-up tasks, by their actor suffix. */
const SYSTEM_JOBS: Record<string, string> = {
  demo: 'demonstration data',
  email: 'email sender',
  retention: 'case link retention',
  'retention-cli': 'case link retention',
  registry: 'registry renames',
  'held-replies': 'held text replies',
};

export function actorInWords(actor: string, words: AuditWords): string {
  const [kind, ...rest] = actor.split(':');
  const detail = rest.join(':');
  switch (kind) {
    case 'user': {
      const id = /^\d+$/.test(detail) ? Number(detail) : undefined;
      return (id !== undefined && words.person(id)) || `Account ${detail || 'unknown'} (no longer on record)`;
    }
    case 'cli':
      return `Command line (${detail || 'unknown user'})`;
    case 'system':
      return detail && own(SYSTEM_JOBS, detail) ? `System (${own(SYSTEM_JOBS, detail)})` : 'System';
    case 'sms':
      return 'Text message from a person on probation';
    case 'embargo-link':
      return 'Recipient of the embargoed copy';
    default:
      return actor;
  }
}
